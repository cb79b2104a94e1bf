// SigV4 on every request, checked as AWS checks it: the key must be one the sandbox issued, the
// signature is recomputed with its secret (@smithy/signature-v4, what the SDK signs with), the
// session must not have expired, and the request must be dated within 15 minutes of now.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsError, invalidToken } from './aws-error';
import type { IssuedCredentials } from './model';
import type { World } from './world';

export interface IncomingSigned {
  method: string;
  host: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const SKEW_MS = 15 * 60 * 1000;

export async function authenticate(request: IncomingSigned, world: World): Promise<IssuedCredentials> {
  const header = request.headers.authorization;
  if (!header) {
    throw new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
  const match = AUTHORIZATION.exec(header);
  if (!match)
    throw new AwsError(
      'IncompleteSignature',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders'.`,
      403,
    );
  const [, keyId = '', , region = '', service = '', signedHeaders = '', signature = ''] = match;

  const credentials = world.credentials.get(keyId);
  if (!credentials) throw invalidToken();
  if (credentials.sessionToken && request.headers['x-amz-security-token'] !== credentials.sessionToken) {
    throw invalidToken();
  }

  const amzDate = request.headers['x-amz-date'] ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined)
    throw new AwsError('IncompleteSignature', "Date must be in ISO-8601 'basic format'.", 403);
  const now = world.clock.now();
  if (Math.abs(now - signedAt) > SKEW_MS) {
    // AWS's wording, e.g. "Signature expired: 20260101T000000Z is now earlier than
    // 20260101T001000Z (20260101T002500Z - 15 min.)"
    // AWS's wording, both ways: "Signature expired: 20260101T000000Z is now earlier than
    // 20260101T001000Z (20260101T002500Z - 15 min.)" and "Signature not yet current:
    // 20260101T010000Z is still later than 20260101T001500Z (20260101T000000Z + 15 min.)".
    throw new AwsError(
      'SignatureDoesNotMatch',
      signedAt < now
        ? `Signature expired: ${amzDate} is now earlier than ${amzFormat(now - SKEW_MS)} (${amzFormat(now)} - 15 min.)`
        : `Signature not yet current: ${amzDate} is still later than ${amzFormat(now + SKEW_MS)} (${amzFormat(now)} + 15 min.)`,
      403,
    );
  }

  const names = signedHeaders.split(';');
  const signer = new SignatureV4({
    service,
    region,
    sha256: Hash.bind(null, 'sha256'),
    // The JS SDK signs x-amz-content-sha256, botocore (the AWS CLI) does not: sign what the client signed.
    applyChecksum: names.includes('x-amz-content-sha256'),
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    uriEscapePath: true,
  });
  const headers = Object.fromEntries(names.map((name) => [name, request.headers[name] ?? '']));
  const [hostname = '', port] = request.host.split(':');
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname,
      ...(port ? { port: Number(port) } : {}),
      path: request.path,
      query: request.query,
      headers,
      body: request.body,
    },
    { signingDate: new Date(signedAt) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
  if (expected !== signature) {
    throw new AwsError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    );
  }
  if (credentials.expiresAt !== undefined && now >= credentials.expiresAt) {
    throw new AwsError('ExpiredToken', 'The security token included in the request is expired', 403);
  }
  return credentials;
}

function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function amzFormat(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
