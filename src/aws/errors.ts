// Every error the AWS SDK throws, mapped once to a kind the interface can act on and a message
// for a person. Matched on err.name, never instanceof (aws-reference.md, STS errors). The SDK
// names STS errors by their wire code (AccessDenied, ExpiredToken) but IAM's modelled errors by
// class (NoSuchEntityException for NoSuchEntity), so both spellings are listed. One file on
// purpose: the kinds and their words are read together, so a refusal reads the same everywhere.
import { OWN_CODE_GONE, ownCodeGone } from '../error-text';
import { type CallFacts, callFactsOf, type RetryNotice } from './call-facts';

export type AwsErrorKind =
  | 'needs-mfa'
  | 'wrong-mfa-code'
  | 'mfa-code-reused'
  | 'wrong-mfa-serial'
  | 'mfa-incomplete'
  | 'denied-by-trust'
  | 'denied-by-identity'
  | 'denied'
  | 'duration-too-long'
  | 'chaining-cap'
  | 'expired'
  | 'invalid-credentials'
  | 'throttled'
  | 'server-error'
  | 'timed-out'
  | 'connection-reset'
  | 'not-aws'
  | 'bad-endpoint'
  | 'stopped'
  | 'unreachable'
  | 'region-missing'
  | 'not-found'
  | 'invalid-input'
  | 'unknown';

export interface DescribedError {
  kind: AwsErrorKind;
  /** For a person: what happened and what to do. Never holds a secret. */
  message: string;
  /** AWS's own words, when it said something (secrets removed). */
  aws?: string;
}

export interface ErrorContext {
  /** What was being done, for the message: "assume prod/Admin". */
  doing?: string;
  /** The endpoint called, for an unreachable one. */
  endpoint?: string;
  /** The MFA code sent was one rolecall already used in this 30-second window. */
  codeAlreadyUsed?: boolean;
  /**
   * rolecall's own reading of the role's trust policy (the policy engine), when it had one: AWS
   * words every refused AssumeRole alike, so this is what tells "needs MFA" from "not trusted".
   */
  trust?: 'needs-mfa' | 'denies' | 'allows';
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export function describeAwsError(error: unknown, context: ErrorContext = {}): DescribedError {
  const e = (error ?? {}) as {
    name?: string;
    message?: string;
    code?: string;
    input?: string;
    $retryable?: { throttling?: boolean };
    $metadata?: { httpStatusCode?: number; attempts?: number };
    $response?: { statusCode?: number; headers?: Record<string, string> };
  };
  const facts = callFactsOf(error);
  const name = e.name ?? '';
  const aws = scrub(e.message ?? String(error));
  const doing = context.doing ? `Could not ${context.doing}: ` : '';
  const say = (kind: AwsErrorKind, message: string): DescribedError => ({
    kind,
    message: `${doing}${message}`,
    aws,
  });

  // Not AWS at all, and nothing `doing` could be done about: said alone, as it is everywhere.
  if (ownCodeGone(error)) return { kind: 'unknown', message: OWN_CODE_GONE };
  const transport = describeTransport(e, aws, facts, context);
  if (transport) return say(transport.kind, transport.message);
  const validation = describeValidation(aws);
  if (validation) return say('invalid-input', validation);

  if (aws.startsWith('MultiFactorAuthentication failed with invalid MFA one time pass code')) {
    return context.codeAlreadyUsed
      ? say(
          'mfa-code-reused',
          'that MFA code was already used; AWS takes each code once. Wait for the next one.',
        )
      : say('wrong-mfa-code', 'AWS refused the MFA code. Check the device and type the code it shows now.');
  }
  if (aws.startsWith('MultiFactorAuthentication failed, unable to validate MFA code')) {
    return say(
      'wrong-mfa-serial',
      'AWS does not know that MFA device for this user. Check mfa_serial (arn:aws:iam::ACCOUNT:mfa/NAME).',
    );
  }
  if (aws.startsWith('MultiFactorAuthentication failed, must provide both')) {
    return say('mfa-incomplete', 'an MFA serial and a code must be sent together.');
  }
  if (aws.includes('exceeds the 1 hour session limit for roles assumed by role chaining')) {
    return say(
      'chaining-cap',
      'a role assumed from another role (or from an MFA session) can last at most 1h.',
    );
  }
  if (aws.includes('exceeds the MaxSessionDuration set for this role')) {
    return say(
      'duration-too-long',
      'the session asked for is longer than the role allows. Ask for less, or raise the role’s maximum.',
    );
  }
  if (
    name === 'ExpiredToken' ||
    name === 'ExpiredTokenException' ||
    /security token included in the request is expired/.test(aws)
  ) {
    return say('expired', 'the credentials have expired. Refresh the session.');
  }
  if (
    [
      'InvalidClientTokenId',
      'SignatureDoesNotMatch',
      'UnrecognizedClientException',
      'IncompleteSignature',
      'MissingAuthenticationToken',
    ].includes(name)
  ) {
    return say(
      'invalid-credentials',
      'AWS does not accept these credentials (unknown key, wrong secret, or a clock far off).',
    );
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    if (/identity-based policy|permissions boundary/.test(aws)) {
      return say('denied-by-identity', 'your own IAM policies do not allow this.');
    }
    if (context.trust === 'needs-mfa') return say('needs-mfa', 'this role needs an MFA code.');
    if (context.trust === 'denies')
      return say('denied-by-trust', 'the role’s trust policy does not let you in.');
    // The trust policy lets the caller in, so the caller's own policies must be what says no.
    if (context.trust === 'allows') {
      return say('denied-by-identity', 'your own IAM policies do not allow sts:AssumeRole on this role.');
    }
    if (/not authorized to perform: sts:AssumeRole/.test(aws)) return deniedAssume(say);
    return say('denied', 'AWS denied it.');
  }
  if (
    name === 'Throttling' ||
    name === 'ThrottlingException' ||
    name === 'TooManyRequestsException' ||
    e.$retryable?.throttling
  ) {
    return say(
      'throttled',
      `AWS is throttling requests${tries(e.$metadata?.attempts ?? facts?.attempts)}. Try again in a minute.`,
    );
  }
  if (/Region is missing/.test(aws)) {
    return say(
      'region-missing',
      'no region is set. Set region in the profile, AWS_REGION, or rolecall’s default region.',
    );
  }
  if (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(name) || name === 'TimeoutError') {
    const endpoint = context.endpoint ?? facts?.endpoint;
    const where = endpoint ? ` at ${endpoint}` : '';
    return say(
      'unreachable',
      `AWS could not be reached${where} (${e.code ?? name}). Check the network or the endpoint.`,
    );
  }
  if (name === 'NoSuchEntity' || name === 'NoSuchEntityException') return say('not-found', aws);
  if (
    [
      'ValidationError',
      'ValidationException',
      'MalformedPolicyDocument',
      'MalformedPolicyDocumentException',
      'InvalidInput',
      'InvalidInputException',
    ].includes(name)
  ) {
    return say('invalid-input', aws);
  }
  return say('unknown', aws || name || 'an unknown error.');
}

/** A retry under way, for a status line: the SDK's standard mode waits, then tries again. */
export function describeRetry(notice: RetryNotice): string {
  const why = notice.throttled
    ? `AWS ${notice.service} is throttling`
    : `AWS ${notice.service} did not answer properly`;
  return `${why}; retrying (${notice.attempt} of ${notice.maxAttempts})…`;
}

const CHECK = 'Check AWS_ENDPOINT_URL (if set), any proxy (HTTPS_PROXY), and the network.';

/**
 * What went wrong between rolecall and the endpoint, before AWS said anything: a timeout, a
 * reset, a page that is not AWS's, an endpoint that is not a URL, AWS's own server errors.
 */
function describeTransport(
  e: {
    name?: string;
    message?: string;
    code?: string;
    input?: string;
    $metadata?: { httpStatusCode?: number; attempts?: number };
    $response?: { statusCode?: number; headers?: Record<string, string> };
  },
  aws: string,
  facts: CallFacts | undefined,
  context: ErrorContext,
): { kind: AwsErrorKind; message: string } | undefined {
  const endpoint = context.endpoint ?? facts?.endpoint;
  const the = endpoint ? `the endpoint ${endpoint}` : 'the endpoint';
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const attempts = e.$metadata?.attempts ?? facts?.attempts;
  if (e.name === 'AbortError') return { kind: 'stopped', message: 'stopped before AWS answered.' };
  // The client factory refuses an endpoint with no http:// or https:// (clients.ts).
  if (e.name === 'InvalidEndpoint') {
    return {
      kind: 'bad-endpoint',
      message:
        'AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_IAM) is not an http:// or https:// address. Set it to one, such as http://127.0.0.1:4566, or unset it to reach AWS.',
    };
  }
  // The SDK reads AWS_ENDPOINT_URL (and _STS, _IAM) itself, and new URL() refuses a bad one.
  if (e.code === 'ERR_INVALID_URL' || /^Invalid URL/.test(aws)) {
    const given = e.input !== undefined ? ` ("${scrub(withoutUserInfo(e.input))}")` : '';
    return {
      kind: 'bad-endpoint',
      message: `AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_IAM) is not a URL${given}. Set it to an address such as http://127.0.0.1:4566, or unset it to reach AWS.`,
    };
  }
  // A proxy's or load balancer's error page where AWS's XML should be: the SDK would only say
  // "XML parse error", which sends a person looking in the wrong place.
  const contentType = e.$response?.headers?.['content-type'] ?? e.$response?.headers?.['Content-Type'] ?? '';
  const unreadable = /XML parse error|Deserialization error|Unexpected token/.test(aws);
  if (/html/i.test(contentType) || (unreadable && status !== undefined)) {
    const what = /html/i.test(contentType) ? 'an HTML page' : 'something that is not AWS’s XML';
    return {
      kind: 'not-aws',
      message: `${the} answered with ${what} (HTTP ${status ?? '?'}), not AWS. A proxy or gateway may be in the way: ${CHECK}`,
    };
  }
  if (e.name === 'TimeoutError' && e.code !== 'ECONNRESET' && e.code !== 'EPIPE') {
    if (/did not establish a connection/.test(aws)) {
      const after = facts ? ` within ${facts.connectSeconds}s` : '';
      return { kind: 'timed-out', message: `no connection to ${the}${after}. ${CHECK}` };
    }
    const after = facts ? ` within ${facts.requestSeconds}s` : '';
    return { kind: 'timed-out', message: `${the} did not answer${after}. ${CHECK}` };
  }
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || /socket hang up/.test(aws)) {
    return {
      kind: 'connection-reset',
      message: `${the} reset the connection before answering${tries(attempts)}. ${CHECK}`,
    };
  }
  if (
    ['InternalFailure', 'InternalError', 'ServiceUnavailable', 'ServiceUnavailableException'].includes(
      e.name ?? '',
    ) ||
    (status !== undefined && status >= 500)
  ) {
    const code = e.name && e.name !== 'Error' ? ` ${e.name}` : '';
    return {
      kind: 'server-error',
      message: `AWS failed with a server error (HTTP ${status ?? '5xx'}${code})${tries(attempts)}. Try again in a minute.`,
    };
  }
  return undefined;
}

/** ", 3 times" when the SDK retried. */
function tries(attempts: number | undefined): string {
  return attempts && attempts > 1 ? `, ${attempts} times in a row` : '';
}

/** AWS's names for the parameters people set, as rolecall's settings and profiles call them. */
const FIELD_WORDS: Record<string, string> = {
  roleSessionName: 'the session name (role_session_name, or the session name template)',
  externalId: 'the external ID (external_id)',
  serialNumber: 'the MFA device (mfa_serial)',
  tokenCode: 'the MFA code',
  durationSeconds: 'the session duration',
  roleArn: 'the role ARN (role_arn)',
  sourceIdentity: 'the source identity',
  roleName: 'the role name',
  policyArn: 'the policy ARN',
  policyDocument: 'the policy document',
  assumeRolePolicyDocument: 'the trust policy',
  userName: 'the user name',
  path: 'the path',
  description: 'the description',
  maxSessionDuration: 'the maximum session duration',
};

/**
 * Values never repeated on screen or stderr: the MFA code. (An external ID is shown: AWS says it
 * is not a secret, and the person needs to see what was sent.)
 */
const UNSHOWN_FIELDS = new Set(['tokenCode']);

/** An endpoint as typed may carry user:password@ (a proxy's, say): never shown. */
function withoutUserInfo(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@\s]*@/i, '$1…@');
}

/**
 * AWS's "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy
 * constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*", in words: which
 * field, and what it must be. Several failures are joined by "; " in AWS's text.
 */
function describeValidation(aws: string): string | undefined {
  if (!/^\d+ validation errors? detected: /.test(aws)) return undefined;
  const parts = [
    ...aws.matchAll(
      /Value (?:'((?:[^']|'(?! at '))*)'|null) at '([^']+)' failed to satisfy constraint: Member must ([^;]+)/g,
    ),
  ];
  if (parts.length === 0) return undefined;
  const sentences = parts.map(([, value, field = '', rule = '']) => {
    const words = FIELD_WORDS[field] ?? `the ${field}`;
    // The value is shown so the person sees what was sent, except what is not theirs to show.
    const shown = value === undefined || UNSHOWN_FIELDS.has(field) ? '' : ` "${scrub(value)}"`;
    return `${words}${shown}: it ${ruleInWords(rule.trim().replace(/\.$/, ''))}`;
  });
  return `AWS refused ${sentences.join('; and ')}.`;
}

function ruleInWords(rule: string): string {
  const pattern = /^satisfy regular expression pattern: (.*)$/.exec(rule);
  if (pattern) {
    const allowed = pattern[1] ?? '';
    if (allowed === '[\\w+=,.@-]*' || allowed === '[\\w+=,.@-]+')
      return 'may hold only letters, digits and + = , . @ - (no spaces)';
    if (allowed === '[\\w+=/:,.@-]*') return 'may hold only letters, digits and + = / : , . @ -';
    if (allowed === '[\\w+=,.@:\\/-]*') return 'may hold only letters, digits and + = , . @ : / -';
    if (allowed === '[\\d]*') return 'may hold only digits';
    return `does not match AWS's pattern ${allowed}`;
  }
  const atLeast = /^have length greater than or equal to (\d+)$/.exec(rule);
  if (atLeast) return `is too short: at least ${atLeast[1]} characters`;
  const atMost = /^have length less than or equal to (\d+)$/.exec(rule);
  if (atMost) return `is too long: at most ${atMost[1]} characters`;
  const min = /^have value greater than or equal to (\d+)$/.exec(rule);
  if (min) return `is too small: at least ${min[1]}`;
  const max = /^have value less than or equal to (\d+)$/.exec(rule);
  if (max) return `is too large: at most ${max[1]}`;
  if (rule === 'not be null') return 'is missing';
  return `must ${rule}`;
}

/**
 * AWS words a refused AssumeRole the same whether the trust policy or the caller's own policies
 * said no; without rolecall's own reading of the trust policy, say both.
 */
function deniedAssume(say: (kind: AwsErrorKind, message: string) => DescribedError): DescribedError {
  return say(
    'denied',
    'the role’s trust policy does not let you in, or your own policies do not allow sts:AssumeRole on it (AWS does not say which).',
  );
}

/** AWS messages can quote request parameters; anything shaped like a secret or token goes. */
export function scrub(text: string): string {
  return text.replace(/[A-Za-z0-9/+=]{40,}/g, '[hidden]');
}
