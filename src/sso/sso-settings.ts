// What an IAM Identity Center profile says, checked as the AWS SDK and CLI check it: the
// [sso-session NAME] form (sso_session, with sso_start_url and sso_region in that section; a
// start URL or region on the profile must then agree with it), or the legacy keys on the profile
// itself; and always sso_account_id and sso_role_name. A profile that says too little is a
// sentence naming the missing key, before any file is read or call made.
import type { ProfileSet } from '../profiles/profile-set';

export interface SsoSettings {
  profile: string;
  /** The [sso-session] name; absent for the legacy form. */
  session?: string;
  startUrl: string;
  /** Identity Center's region: where the portal and OIDC are asked, not the profile's region. */
  region: string;
  accountId: string;
  roleName: string;
  /** sso_registration_scopes: the client registered with these gets a refresh token. */
  scopes: string[];
}

export class SsoSettingsError extends Error {
  override name = 'ProfileError';
}

/** The session (or legacy start URL and region) a login is for: by its name, or a profile's. */
export function ssoLoginTargetOf(
  set: ProfileSet,
  which: { session: string } | { profile: string },
): Pick<SsoSettings, 'session' | 'startUrl' | 'region' | 'scopes'> {
  if ('session' in which) {
    const section = set.ssoSessions.get(which.session);
    if (!section)
      throw new SsoSettingsError(`There is no [sso-session ${which.session}] in ${set.files.configFile}.`);
    const { startUrl, region, scopes } = sessionSettings(
      which.session,
      section,
      (what) => new SsoSettingsError(what),
    );
    return { session: which.session, startUrl, region, scopes };
  }
  const keys = set.ssoKeys(which.profile) ?? {};
  if (!keys.sso_session && !keys.sso_start_url)
    throw new SsoSettingsError(
      `Profile ${which.profile} is not an IAM Identity Center profile: it names neither sso_session nor sso_start_url.`,
    );
  const { session, startUrl, region, scopes } = ssoSettingsOf(set, which.profile, { forLogin: true });
  return { ...(session !== undefined ? { session } : {}), startUrl, region, scopes };
}

function sessionSettings(
  session: string,
  section: Readonly<Record<string, string>>,
  fail: (what: string) => Error,
): { startUrl: string; region: string; scopes: string[] } {
  const startUrl = section.sso_start_url;
  const region = section.sso_region;
  if (!startUrl) throw fail(`[sso-session ${session}] has no sso_start_url.`);
  if (!region) throw fail(`[sso-session ${session}] has no sso_region.`);
  const scopes = (section.sso_registration_scopes ?? '')
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  return { startUrl, region, scopes };
}

export function ssoSettingsOf(
  set: ProfileSet,
  profile: string,
  /** A login needs the session, not the account and role. */
  options: { forLogin?: boolean } = {},
): SsoSettings {
  const keys = set.ssoKeys(profile) ?? {};
  const fail = (what: string) => new SsoSettingsError(`Profile ${profile}: ${what}`);
  let startUrl = keys.sso_start_url;
  let region = keys.sso_region;
  let scopes: string[] = [];
  const session = keys.sso_session;
  if (session !== undefined) {
    const section = set.ssoSessions.get(session);
    if (!section)
      throw fail(
        `sso_session = ${session}, and there is no [sso-session ${session}] in ${set.files.configFile}.`,
      );
    // The SDK's validation (credential-provider-sso, resolveSSOCredentials): the profile may repeat
    // the session's start URL and region, not differ from them.
    for (const key of ['sso_start_url', 'sso_region'] as const) {
      if (keys[key] !== undefined && section[key] !== undefined && keys[key] !== section[key])
        throw fail(
          `its ${key} (${keys[key]}) differs from [sso-session ${session}]'s (${section[key]}): keep one.`,
        );
    }
    ({ startUrl, region, scopes } = sessionSettings(session, section, fail));
  }
  if (!startUrl) throw fail('it names no sso_start_url (or sso_session).');
  if (!region) throw fail('it names no sso_region.');
  const accountId = keys.sso_account_id ?? '';
  const roleName = keys.sso_role_name ?? '';
  const settings = {
    profile,
    ...(session !== undefined ? { session } : {}),
    startUrl,
    region,
    accountId,
    roleName,
    scopes,
  };
  if (options.forLogin) return settings;
  if (!/^\d{12}$/.test(accountId)) throw fail('sso_account_id must be the 12 digits of an account.');
  if (!roleName) throw fail('it names no sso_role_name (the permission set).');
  return settings;
}
