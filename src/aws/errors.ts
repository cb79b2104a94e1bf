// Every error the AWS SDK throws, mapped once to a kind the interface can act on and a message
// for a person. Matched on err.name, never instanceof (aws-reference.md, STS errors). The SDK
// names STS errors by their wire code (AccessDenied, ExpiredToken) but IAM's modelled errors by
// class (NoSuchEntityException for NoSuchEntity), so both spellings are listed.

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
    $retryable?: { throttling?: boolean };
  };
  const name = e.name ?? '';
  const aws = scrub(e.message ?? String(error));
  const doing = context.doing ? `Could not ${context.doing}: ` : '';
  const say = (kind: AwsErrorKind, message: string): DescribedError => ({
    kind,
    message: `${doing}${message}`,
    aws,
  });

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
      'AWS is throttling requests, even after the SDK’s retries. Try again in a minute.',
    );
  }
  if (/Region is missing/.test(aws)) {
    return say(
      'region-missing',
      'no region is set. Set region in the profile, AWS_REGION, or rolecall’s default region.',
    );
  }
  if (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(name) || name === 'TimeoutError') {
    const where = context.endpoint ? ` at ${context.endpoint}` : '';
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
