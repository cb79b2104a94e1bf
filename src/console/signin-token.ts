// The federation endpoint's getSigninToken: a session's credentials traded for a sign-in token.
// POSTed as a form (AWS takes GET or POST), so that the credentials travel in the body, never in
// a URL a proxy might log. Bounded like every AWS call rolecall makes: a connection timeout, a
// request timeout, a largest answer, and the caller's signal.
import type { IncomingMessage } from 'node:http';
import type { AwsTimeouts } from '../aws/clients';

/** A sign-in token's answer is a few hundred bytes; anything much larger is not that answer. */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** Why no sign-in token came: the words say what failed and what to check, and hold no secret. */
export class SigninTokenError extends Error {
  override name = 'SigninTokenError';
  constructor(
    message: string,
    /** The endpoint's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export async function requestSigninToken(
  federation: string,
  credentials: SessionCredentials,
  timeouts: AwsTimeouts,
  signal?: AbortSignal,
): Promise<string> {
  const url = new URL(federation);
  const where = `AWS sign-in at ${url.host}`;
  const body = new URLSearchParams({
    Action: 'getSigninToken',
    Session: JSON.stringify({
      sessionId: credentials.accessKeyId,
      sessionKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    }),
  }).toString();
  const { request } = url.protocol === 'http:' ? await import('node:http') : await import('node:https');
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (error: Error | undefined, value?: { status: number; text: string }) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else if (value) resolve(value);
    };
    const onAbort = () => finish(new SigninTokenError(`Stopped before ${where} answered.`));
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
        accept: 'application/json',
      },
    });
    timers.push(
      setTimeout(
        () =>
          finish(
            new SigninTokenError(
              `${where} did not answer within ${timeouts.requestSeconds} s (the request timeout): check your network, or raise the timeout in settings.`,
            ),
          ),
        timeouts.requestSeconds * 1000,
      ),
    );
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const connect = setTimeout(
        () =>
          finish(
            new SigninTokenError(
              `Could not connect to ${where} within ${timeouts.connectSeconds} s (the connection timeout): check your network, proxy or VPN.`,
            ),
          ),
        timeouts.connectSeconds * 1000,
      );
      timers.push(connect);
      socket.once('connect', () => clearTimeout(connect));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish(
        new SigninTokenError(
          `Could not reach ${where} (${error.code ?? error.message}): check your network, proxy or VPN.`,
        ),
      ),
    );
    req.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES)
          finish(
            new SigninTokenError(
              `${where} answered with more than ${MAX_ANSWER_BYTES} bytes: not a sign-in token.`,
            ),
          );
        else chunks.push(chunk);
      });
      response.on('end', () =>
        finish(undefined, { status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', (error) =>
        finish(new SigninTokenError(`${where} hung up mid-answer (${error.message}).`)),
      );
    });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
  if (answer.status !== 200) {
    // AWS answers 400 with an HTML page for credentials it will not take (aws-reference.md
    // section 6): the status is what there is to say.
    throw new SigninTokenError(
      answer.status === 400
        ? `${where} refused the session's credentials (HTTP 400): they may have expired, or they are not a role's session or a federated user's.`
        : `${where} answered HTTP ${answer.status}, not a sign-in token: try again in a moment.`,
      answer.status,
    );
  }
  let token: unknown;
  try {
    token = (JSON.parse(answer.text) as { SigninToken?: unknown }).SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '')
    throw new SigninTokenError(
      `${where} answered without a sign-in token: is it AWS sign-in?`,
      answer.status,
    );
  return token;
}
