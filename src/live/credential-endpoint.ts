// The container-credentials endpoint: what AWS_CONTAINER_CREDENTIALS_FULL_URI points a live
// shell's or `exec --live` command's SDKs and CLI at, so that they fetch their credentials again
// by themselves when these near their end. It answers as ECS's agent does (the JS SDK's
// @aws-sdk/credential-provider-http and botocore's ContainerProvider read it), on 127.0.0.1 only,
// and only to a local program that sends a client's token. The token itself is checked by the
// lookup it is given (in constant time, where the clients are); everything HTTP is checked here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from '../servers/loopback';
import type { WireCredentials } from './protocol';

/** The path of AWS_CONTAINER_CREDENTIALS_FULL_URI. */
export const CREDENTIALS_PATH = '/rolecall/credentials';

/** A client's credentials for its token, or why not: the status and message the SDK is answered. */
export type CredentialLookupAnswer =
  | { ok: true; credentials: WireCredentials }
  | { ok: false; status: 403 | 404 | 500 | 503; message: string };

export type CredentialLookup = (token: string) => Promise<CredentialLookupAnswer>;

export interface CredentialEndpointOptions {
  lookup: CredentialLookup;
  /** Default: one the system picks. */
  port?: number;
  /** How long a slow or silent client, or a lookup, may hold a request; the defaults suit the SDKs. */
  limits?: Partial<EndpointLimits>;
}

export interface EndpointLimits {
  /** From a connection's first byte to the end of the request's headers. */
  headersTimeoutMs: number;
  /** The whole request; at least headersTimeoutMs. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection, between requests. */
  keepAliveTimeoutMs: number;
  /** The lookup, which may be refreshing the session with AWS; then 503. */
  lookupTimeoutMs: number;
}

export interface CredentialEndpoint {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** What AWS_CONTAINER_CREDENTIALS_FULL_URI is set to: url + CREDENTIALS_PATH. */
  uri: string;
  close(): Promise<void>;
}

// The SDKs give up sooner (the JS SDK after 1 s an attempt, botocore after 2 s): these bound
// what a client that is not an SDK can hold, and a lookup that never ends.
const DEFAULT_LIMITS: EndpointLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  lookupTimeoutMs: 10_000,
};

export async function startCredentialEndpoint(
  options: CredentialEndpointOptions,
): Promise<CredentialEndpoint> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  let port = 0;
  const server = await listenOnLoopback(
    (request, response) => {
      serve(request, response, port, options.lookup, limits.lookupTimeoutMs).catch(() => response.destroy());
    },
    {
      ...(options.port !== undefined ? { port: options.port } : {}),
      limits: {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        // How often node looks for requests past their timeouts (30 s by default).
        connectionsCheckingInterval: Math.max(10, Math.min(1000, limits.headersTimeoutMs / 2)),
        // A request here is a GET with a token: a few hundred bytes of headers.
        maxHeaderSize: 8 * 1024,
      },
    },
  );
  port = server.port;
  return { url: server.url, port, uri: `${server.url}${CREDENTIALS_PATH}`, close: server.close };
}

/** 127.0.0.0/8, ::1, and 127.x as an IPv4-mapped IPv6 address. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  if (address === '::1') return true;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  const parts = v4.split('.');
  return (
    parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)
  );
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  port: number,
  lookup: CredentialLookup,
  lookupTimeoutMs: number,
): Promise<void> {
  const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
    answer(response, status, { Message: message }, headers);

  // Never anything of the request in a message: its headers carry the token.
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    return refuse(403, 'rolecall serves credentials only to programs on this machine.');
  }
  // A web page that rebinds its own name to 127.0.0.1 still sends its own name as the Host.
  const host = (request.headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    return refuse(
      403,
      `rolecall serves credentials only to requests for 127.0.0.1:${port} or localhost:${port} (the Host header said otherwise).`,
    );
  }
  // The SDKs ask for the URI as given; a query string is let through, as URL parsing would.
  const [path] = (request.url ?? '').split('?', 1);
  if (path !== CREDENTIALS_PATH) {
    return refuse(404, `Nothing here: rolecall serves credentials at ${CREDENTIALS_PATH}.`);
  }
  if (request.method !== 'GET') {
    return refuse(405, 'rolecall serves credentials to GET requests only.', { allow: 'GET' });
  }
  const token = request.headers.authorization;
  if (!token) {
    return refuse(
      403,
      'No authorization token: run the program in a rolecall shell, or with `rolecall exec --live`, which set AWS_CONTAINER_AUTHORIZATION_TOKEN.',
    );
  }

  const found = await lookupWithin(lookup, token, lookupTimeoutMs);
  if (!found.ok) return refuse(found.status, found.message);
  const body = containerCredentials(found.credentials);
  if (!body) {
    return refuse(
      500,
      "rolecall's credentials for this client are incomplete; open the shell or command again.",
    );
  }
  answer(response, 200, body);
}

async function lookupWithin(
  lookup: CredentialLookup,
  token: string,
  timeoutMs: number,
): Promise<CredentialLookupAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CredentialLookupAnswer>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          status: 503,
          message: `rolecall took more than ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} to get this client's credentials (refreshing the session with AWS?); try again.`,
        }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([lookup(token), late]);
  } catch {
    // Whatever the lookup threw may hold anything, a secret included: it is not passed on.
    return {
      ok: false,
      status: 500,
      message:
        "rolecall failed while looking up this client's credentials; try again, and restart rolecall if it keeps failing.",
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The body ECS's agent answers with; Expiration in RFC 3339 to the second, as AWS writes it. */
function containerCredentials(credentials: WireCredentials): Record<string, string> | undefined {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
  if (!accessKeyId || !secretAccessKey) return undefined;
  let expires: string | undefined;
  if (expiration !== undefined) {
    const at = Date.parse(expiration);
    if (Number.isNaN(at)) return undefined;
    // Cut to the second, never rounded up: a client refreshes no later than it should.
    expires = new Date(Math.floor(at / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return {
    AccessKeyId: accessKeyId,
    SecretAccessKey: secretAccessKey,
    ...(sessionToken ? { Token: sessionToken } : {}),
    ...(expires ? { Expiration: expires } : {}),
  };
}

function answer(
  response: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}
