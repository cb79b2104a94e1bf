// The access token for an IAM Identity Center profile: from the AWS CLI's cache (token-cache.ts),
// refreshed with its refresh token when it has run out and the session has one (CreateToken,
// then written back). No login happens here: a token missing or past refreshing is a sentence
// saying which login to run. Loaded at an SSO profile's first use (credentials/sso-provider.ts),
// with the SSO OIDC SDK.
import type { AwsClients, CredentialSource } from '../aws/clients';
import type { Clock } from '../clock';
import type { SsoSettings } from './sso-settings';
import { type CachedToken, readCachedToken, tokenCachePath, writeCachedToken } from './token-cache';

/** A token with less than this left is refreshed first, as the SDKs do (5 minutes). */
const REFRESH_BEFORE_MS = 5 * 60 * 1000;

export class SsoLoginNeeded extends Error {
  override name = 'ProfileError';
  /** What the interface tells apart from other profile errors: a login would mend it. */
  readonly loginNeeded = true;
}

/** The SSO SDK's calls are unsigned (a bearer token): the client is given no credentials to sign with. */
export const UNSIGNED: CredentialSource = {
  retrieve: async () => {
    throw new Error('SSO calls are not signed');
  },
};

/** The cached access token, refreshed first when it is (nearly) out and can be. */
export async function freshToken(
  settings: SsoSettings,
  deps: { clients: AwsClients; clock: Clock; env: NodeJS.ProcessEnv },
): Promise<string> {
  const login = loginCommand(settings);
  const file = tokenCachePath(settings.session ?? settings.startUrl, deps.env);
  const token = readCachedToken(file);
  if (!token)
    throw new SsoLoginNeeded(
      `You are not logged in to IAM Identity Center at ${settings.startUrl}: run ${login}.`,
    );
  const now = deps.clock.now();
  if (token.expiresAt.getTime() - now > REFRESH_BEFORE_MS) return token.accessToken;
  const refreshed = settings.session ? await refresh(token, settings, deps, now) : undefined;
  if (refreshed) {
    writeCachedToken(file, refreshed);
    return refreshed.accessToken;
  }
  if (token.expiresAt.getTime() > now) return token.accessToken;
  throw new SsoLoginNeeded(
    `Your IAM Identity Center login for ${settings.startUrl} has expired: run ${login}.`,
  );
}

/** A new access token from the refresh token, or undefined when the session cannot refresh. */
async function refresh(
  token: CachedToken,
  settings: SsoSettings,
  deps: { clients: AwsClients },
  now: number,
): Promise<CachedToken | undefined> {
  const { refreshToken, clientId, clientSecret, registrationExpiresAt } = token;
  if (!refreshToken || !clientId || !clientSecret) return undefined;
  if (registrationExpiresAt && registrationExpiresAt.getTime() <= now) return undefined;
  const { CreateTokenCommand, SSOOIDCClient } = await import('./sso-sdk');
  const oidc = deps.clients.make(SSOOIDCClient, 'SSO OIDC', UNSIGNED, settings.region);
  try {
    const out = await oidc.send(
      new CreateTokenCommand({ clientId, clientSecret, grantType: 'refresh_token', refreshToken }),
    );
    if (!out.accessToken || !out.expiresIn) return undefined;
    return {
      ...token,
      accessToken: out.accessToken,
      expiresAt: new Date(now + out.expiresIn * 1000),
      ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
    };
  } catch (error) {
    // A refresh token AWS no longer takes means logging in again, said by the caller.
    const name = (error as Error).name;
    if (
      name === 'InvalidGrantException' ||
      name === 'ExpiredTokenException' ||
      name === 'InvalidClientException'
    )
      return undefined;
    throw error;
  }
}

/** The AWS CLI's login for the profile's session (rolecall's own comes next). */
export function loginCommand(settings: SsoSettings): string {
  return settings.session
    ? `aws sso login --sso-session ${settings.session}`
    : `aws sso login --profile ${settings.profile}`;
}
