// The AWS CLI's SSO token cache, shared with it: ~/.aws/sso/cache/<sha1>.json, named by the
// sso-session's name (or, for the legacy form, the start URL), holding the access token, when
// it expires, and for a session with registration scopes the refresh token and the client it
// was registered with (botocore utils.SSOTokenLoader; the JS SDK's getSSOTokenFilepath). So one
// login serves `aws` and rolecall alike. Written atomically, mode 0600, in a 0700 directory.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

export interface CachedToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: Date;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: Date;
}

/** Where the token for this session (or legacy start URL) lives. */
export function tokenCachePath(key: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME || homedir();
  return join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);
}

/** The cached token, or undefined when there is none or it is not one the AWS CLI would read. */
export function readCachedToken(file: string): CachedToken | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const expiresAt = dateOf(v.expiresAt);
  if (typeof v.accessToken !== 'string' || !expiresAt) return undefined;
  const text = (key: string) => (typeof v[key] === 'string' ? { [key]: v[key] as string } : {});
  const registrationExpiresAt = dateOf(v.registrationExpiresAt);
  return {
    accessToken: v.accessToken,
    expiresAt,
    ...text('startUrl'),
    ...text('region'),
    ...text('refreshToken'),
    ...text('clientId'),
    ...text('clientSecret'),
    ...(registrationExpiresAt ? { registrationExpiresAt } : {}),
  };
}

/** Writes the token as the AWS CLI writes it: its key names, times as 2026-01-01T00:00:00Z. */
export function writeCachedToken(file: string, token: CachedToken): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const json: Record<string, string> = {
    ...(token.startUrl ? { startUrl: token.startUrl } : {}),
    ...(token.region ? { region: token.region } : {}),
    accessToken: token.accessToken,
    expiresAt: cliTime(token.expiresAt),
    ...(token.clientId ? { clientId: token.clientId } : {}),
    ...(token.clientSecret ? { clientSecret: token.clientSecret } : {}),
    ...(token.registrationExpiresAt ? { registrationExpiresAt: cliTime(token.registrationExpiresAt) } : {}),
    ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
  };
  writeFileAtomic.sync(file, JSON.stringify(json), { mode: 0o600 });
}

/** botocore writes 2026-01-01T00:00:00Z; older AWS CLIs wrote …UTC, which Date does not read. */
function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value.replace(/UTC$/, 'Z'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function cliTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
