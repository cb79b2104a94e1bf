// Logging in to IAM Identity Center with the OAuth device authorization flow, as `aws sso login
// --use-device-code` does: the client registration (kept in the session's token file, as the
// AWS CLI keeps it, and used again while it lasts), StartDeviceAuthorization, the code and URL
// for the person to approve in a browser, then CreateToken polled at the interval AWS asks for
// until it is approved, refused, or the code expires. The token goes to the AWS CLI's cache, so
// `aws` and rolecall share the login. Every wait ends: the code's own lifetime bounds the polling.
import type { StartDeviceAuthorizationCommandOutput } from '@aws-sdk/client-sso-oidc';
import type { AwsClients } from '../aws/clients';
import type { Clock } from '../clock';
import { UNSIGNED } from './sso-token';
import { type CachedToken, readCachedToken, tokenCachePath, writeCachedToken } from './token-cache';

/** What a login is for: an [sso-session], or a legacy profile's start URL and region. */
export interface SsoLoginTarget {
  session?: string;
  startUrl: string;
  region: string;
  scopes: string[];
}

/** What the person is shown: the code to check, and where to approve it. */
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
}

export class SsoLoginFailed extends Error {
  override name = 'CommandError';
}

/** A registration is used again only with this much of it left (the AWS CLI renews within a day). */
const REGISTRATION_MARGIN_MS = 24 * 3600 * 1000;
/** RFC 8628: a slow_down answer adds 5 seconds to the interval. */
const SLOW_DOWN_MS = 5000;

export async function deviceLogin(
  target: SsoLoginTarget,
  deps: SsoLoginDeps,
  show: (prompt: DevicePrompt) => void,
): Promise<{ token: CachedToken; file: string }> {
  const { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } =
    await import('./sso-sdk');
  const oidc = deps.clients.make(SSOOIDCClient, 'SSO OIDC', UNSIGNED, target.region);
  const file = tokenCachePath(target.session ?? target.startUrl, deps.env);
  const now = () => deps.clock.now();
  const cached = readCachedToken(file);
  const register = async () => {
    const registered = await oidc.send(
      new RegisterClientCommand({
        clientName: `rolecall-${target.session ?? 'legacy'}`,
        clientType: 'public',
        ...(target.scopes.length ? { scopes: target.scopes } : {}),
      }),
    );
    if (!registered.clientId || !registered.clientSecret)
      throw new SsoLoginFailed('IAM Identity Center registered no client: try again in a moment.');
    return {
      clientId: registered.clientId,
      clientSecret: registered.clientSecret,
      expiresAt: new Date((registered.clientSecretExpiresAt ?? 0) * 1000),
    };
  };
  const reused =
    cached?.clientId &&
    cached.clientSecret &&
    cached.registrationExpiresAt &&
    cached.registrationExpiresAt.getTime() - now() > REGISTRATION_MARGIN_MS
      ? {
          clientId: cached.clientId,
          clientSecret: cached.clientSecret,
          expiresAt: cached.registrationExpiresAt,
        }
      : undefined;
  let client = reused ?? (await register());
  const start = () =>
    oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        startUrl: target.startUrl,
      }),
    );
  let started: StartDeviceAuthorizationCommandOutput;
  try {
    try {
      started = await start();
    } catch (error) {
      // A registration kept from before that Identity Center no longer takes: register again, once.
      if (!reused || (error as Error).name !== 'InvalidClientException') throw error;
      client = await register();
      started = await start();
    }
  } catch (error) {
    if ((error as Error).name === 'InvalidRequestException')
      throw new SsoLoginFailed(
        `IAM Identity Center in ${target.region} does not know the start URL ${target.startUrl}: check sso_start_url and sso_region.`,
      );
    throw error;
  }
  const { clientId, clientSecret } = client;
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
    await sleep(wait);
    try {
      const out = await oidc.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode,
        }),
      );
      if (!out.accessToken || !out.expiresIn) throw new SsoLoginFailed('IAM Identity Center gave no token.');
      const token: CachedToken = {
        startUrl: target.startUrl,
        region: target.region,
        accessToken: out.accessToken,
        expiresAt: new Date(now() + out.expiresIn * 1000),
        // As the AWS CLI keeps them: the registration and refresh token with an sso-session's token.
        ...(target.session
          ? {
              clientId,
              clientSecret,
              registrationExpiresAt: client.expiresAt,
              ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
            }
          : {}),
      };
      writeCachedToken(file, token);
      return { token, file };
    } catch (error) {
      const name = (error as Error).name;
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
