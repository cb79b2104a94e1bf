// Logging in to IAM Identity Center, as `aws sso login` does, in its two ways:
// - the authorization code with PKCE (its default): a loopback redirect on 127.0.0.1, the
//   browser sent to Identity Center's /authorize, the code it sends back redeemed with the
//   verifier only this process holds;
// - the device code (`--use-device-code`, and wherever no browser can reach this machine's
//   loopback, as over SSH): the code and page shown to be approved in any browser, CreateToken
//   polled at the interval AWS asks for until it is approved, refused, or the code expires.
// A client is registered for each login (a login is a daily event; a registration kept from
// another flow would carry the wrong grant types). The token goes to the AWS CLI's cache, with
// the registration and refresh token for an sso-session as the CLI keeps them, so `aws` and
// rolecall share the login. Every wait ends: the code's lifetime, or the redirect's own limit.
import { createHash, randomBytes } from 'node:crypto';
import type {
  CreateTokenCommandOutput,
  RegisterClientCommandOutput,
  StartDeviceAuthorizationCommandOutput,
} from '@aws-sdk/client-sso-oidc';
import type { AwsClients } from '../aws/clients';
import type { Clock } from '../clock';
import { listenOnLoopback } from '../servers/loopback';
import { UNSIGNED } from './sso-token';
import { type CachedToken, tokenCachePath, writeCachedToken } from './token-cache';

/** What a login is for: an [sso-session], or a legacy profile's start URL and region. */
export interface SsoLoginTarget {
  session?: string;
  startUrl: string;
  region: string;
  scopes: string[];
}

/** What the person is shown for a device login: the code to check, and where to approve it. */
export interface DevicePrompt {
  userCode: string;
  verificationUri: string;
  /** The same page with the code filled in. */
  verificationUriComplete: string;
  expiresAt: Date;
}

export interface SsoLoginDeps {
  clients: AwsClients;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** Waits between polls (a test's own clock may stand in). */
  sleep?: (ms: number) => Promise<void>;
  /** Ends the login where it is (the person pressed Esc): it rejects with LoginStopped. */
  signal?: AbortSignal;
}

/** The login was stopped by the person before it ended: nothing was cached. */
export class LoginStopped extends Error {
  override name = 'LoginStopped';
  constructor() {
    super('The login was stopped: nothing was cached.');
  }
}

/** Rejects with LoginStopped once the signal is aborted; never settles otherwise. */
function stopped(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(new LoginStopped());
    else signal.addEventListener('abort', () => reject(new LoginStopped()), { once: true });
  });
}

/** The promise, or LoginStopped when the signal ends the login first. */
function orStopped<T>(signal: AbortSignal | undefined, promise: Promise<T>): Promise<T> {
  if (!signal) return promise;
  const stop = stopped(signal);
  // The loser of the race must not be an unhandled rejection.
  stop.catch(() => {});
  promise.catch(() => {});
  return Promise.race([promise, stop]);
}

export class SsoLoginFailed extends Error {
  override name = 'CommandError';
}

/** RFC 8628: a slow_down answer adds 5 seconds to the interval. */
const SLOW_DOWN_MS = 5000;
/** How long the loopback redirect waits for the browser to come back, as a device code lasts. */
export const REDIRECT_WAIT_MS = 10 * 60 * 1000;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

type Sdk = typeof import('./sso-sdk');
interface Client {
  clientId: string;
  clientSecret: string;
  expiresAt: Date;
}

function oidcOf(sdk: Sdk, target: SsoLoginTarget, deps: SsoLoginDeps) {
  return deps.clients.make(sdk.SSOOIDCClient, 'SSO OIDC', UNSIGNED, target.region);
}

async function register(
  sdk: Sdk,
  oidc: ReturnType<typeof oidcOf>,
  target: SsoLoginTarget,
  pkce?: { redirectUri: string },
): Promise<Client> {
  let registered: RegisterClientCommandOutput;
  try {
    registered = await oidc.send(
      new sdk.RegisterClientCommand({
        clientName: `rolecall-${target.session ?? 'legacy'}`,
        clientType: 'public',
        ...(target.scopes.length ? { scopes: target.scopes } : {}),
        ...(pkce
          ? {
              grantTypes: ['authorization_code', 'refresh_token'],
              redirectUris: [pkce.redirectUri],
              issuerUrl: target.startUrl,
            }
          : {}),
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'InvalidRequestException') throw unknownStartUrl(target);
    throw error;
  }
  if (!registered.clientId || !registered.clientSecret)
    throw new SsoLoginFailed('IAM Identity Center registered no client: try again in a moment.');
  return {
    clientId: registered.clientId,
    clientSecret: registered.clientSecret,
    expiresAt: new Date((registered.clientSecretExpiresAt ?? 0) * 1000),
  };
}

function unknownStartUrl(target: SsoLoginTarget): SsoLoginFailed {
  return new SsoLoginFailed(
    `IAM Identity Center in ${target.region} does not know the start URL ${target.startUrl}: check sso_start_url and sso_region.`,
  );
}

/** The token as the AWS CLI caches it: the registration and refresh token with an sso-session's. */
function cache(
  target: SsoLoginTarget,
  deps: SsoLoginDeps,
  client: Client,
  out: { accessToken?: string; expiresIn?: number; refreshToken?: string },
): { token: CachedToken; file: string } {
  if (!out.accessToken || !out.expiresIn) throw new SsoLoginFailed('IAM Identity Center gave no token.');
  const token: CachedToken = {
    startUrl: target.startUrl,
    region: target.region,
    accessToken: out.accessToken,
    expiresAt: new Date(deps.clock.now() + out.expiresIn * 1000),
    ...(target.session
      ? {
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          registrationExpiresAt: client.expiresAt,
          ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
        }
      : {}),
  };
  const file = tokenCachePath(target.session ?? target.startUrl, deps.env);
  writeCachedToken(file, token);
  return { token, file };
}

export async function deviceLogin(
  target: SsoLoginTarget,
  deps: SsoLoginDeps,
  show: (prompt: DevicePrompt) => void,
): Promise<{ token: CachedToken; file: string }> {
  const sdk = await import('./sso-sdk');
  const oidc = oidcOf(sdk, target, deps);
  const now = () => deps.clock.now();
  const { signal } = deps;
  const client = await orStopped(signal, register(sdk, oidc, target));
  const { clientId, clientSecret } = client;
  let started: StartDeviceAuthorizationCommandOutput;
  try {
    started = await orStopped(
      signal,
      oidc.send(
        new sdk.StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: target.startUrl }),
      ),
    );
  } catch (error) {
    if ((error as Error).name === 'InvalidRequestException') throw unknownStartUrl(target);
    throw error;
  }
  const { deviceCode, userCode, verificationUri, verificationUriComplete, expiresIn, interval } = started;
  if (!deviceCode || !userCode || !verificationUri || !expiresIn)
    throw new SsoLoginFailed('IAM Identity Center started no device login: try again in a moment.');
  const deadline = now() + expiresIn * 1000;
  show({
    userCode,
    verificationUri,
    verificationUriComplete: verificationUriComplete ?? verificationUri,
    expiresAt: new Date(deadline),
  });
  let wait = (interval ?? 5) * 1000;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Bounded twice over: by the code's lifetime, and by as many polls as fit in it.
  for (let polls = 0; polls <= expiresIn; polls++) {
    await orStopped(signal, sleep(wait));
    try {
      const out = await orStopped(
        signal,
        oidc.send(
          new sdk.CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_GRANT, deviceCode }),
        ),
      );
      return cache(target, deps, client, out);
    } catch (error) {
      const name = (error as Error).name;
      if (error instanceof LoginStopped) throw error;
      if (name === 'AuthorizationPendingException') {
        if (now() >= deadline) break;
        continue;
      }
      if (name === 'SlowDownException') {
        wait += SLOW_DOWN_MS;
        continue;
      }
      if (name === 'ExpiredTokenException') break;
      if (name === 'AccessDeniedException')
        throw new SsoLoginFailed('The login was denied in the browser: nothing was cached.');
      throw error;
    }
  }
  throw new SsoLoginFailed(`The code ${userCode} expired before it was approved: run the login again.`);
}

export async function authorizationCodeLogin(
  target: SsoLoginTarget,
  deps: SsoLoginDeps & {
    /** Identity Center's OIDC address: a configured endpoint, else https://oidc.REGION.amazonaws.com. */
    oidcEndpoint?: string;
    waitMs?: number;
  },
  /** Sends the browser to the page; resolves once it went, or with why it could not. */
  openBrowser: (authorizeUrl: string) => void,
): Promise<{ token: CachedToken; file: string }> {
  const sdk = await import('./sso-sdk');
  const oidc = oidcOf(sdk, target, deps);
  const state = randomBytes(24).toString('base64url');
  const verifier = randomBytes(48).toString('base64url');
  let answered: (result: { code: string } | { error: string }) => void = () => {};
  const back = new Promise<{ code: string } | { error: string }>((resolve) => {
    answered = resolve;
  });
  let done = false;
  const server = await listenOnLoopback((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (done || url.pathname !== '/oauth/callback' || url.searchParams.get('state') !== state) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not here.\n');
      return;
    }
    done = true;
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    response
      .writeHead(code ? 200 : 400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
      .end(
        code
          ? 'rolecall has the login: you can close this window.\n'
          : `The login was not given: ${error ?? 'no code'}.\n`,
      );
    answered(code ? { code } : { error: error ?? 'no code' });
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const redirectUri = `${server.url}/oauth/callback`;
    const client = await orStopped(deps.signal, register(sdk, oidc, target, { redirectUri }));
    const base = (deps.oidcEndpoint ?? `https://oidc.${target.region}.amazonaws.com`).replace(/\/$/, '');
    const authorize = new URL(`${base}/authorize`);
    for (const [key, value] of Object.entries({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: redirectUri,
      state,
      code_challenge_method: 'S256',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      ...(target.scopes.length ? { scopes: target.scopes.join(' ') } : {}),
    }))
      authorize.searchParams.set(key, value);
    openBrowser(authorize.href);
    const waitMs = deps.waitMs ?? REDIRECT_WAIT_MS;
    const result = await Promise.race([
      back,
      stopped(deps.signal),
      new Promise<{ error: string }>((resolve) => {
        timer = setTimeout(() => resolve({ error: 'timeout' }), waitMs);
      }),
    ]);
    if ('error' in result)
      throw new SsoLoginFailed(
        result.error === 'timeout'
          ? `The browser did not come back with the login within ${Math.round(waitMs / 60_000)} minutes: run the login again (--use-device-code when the browser is on another machine).`
          : `IAM Identity Center did not give the login (${result.error}): nothing was cached.`,
      );
    let out: CreateTokenCommandOutput;
    try {
      out = await oidc.send(
        new sdk.CreateTokenCommand({
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          grantType: 'authorization_code',
          code: result.code,
          redirectUri,
          codeVerifier: verifier,
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'InvalidGrantException')
        throw new SsoLoginFailed(
          'IAM Identity Center refused the code the browser brought back: run the login again.',
        );
      throw error;
    }
    return cache(target, deps, client, out);
  } finally {
    if (timer) clearTimeout(timer);
    await server.close();
  }
}
