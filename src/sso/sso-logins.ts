// The IAM Identity Center logins the config names, each once: every [sso-session] section, and
// every legacy start URL (sso_start_url on a profile itself). A login is what `aws sso login`
// logs in to and what the token cache is named by: the session's name, or the start URL.
import type { ProfileSet } from '../profiles/profile-set';
import { ssoSettingsOf } from './sso-settings';

export interface SsoLogin {
  /** What tells it from the others, and names its token: the [sso-session] name, else the start URL. */
  key: string;
  /** The [sso-session] name; absent for the legacy form. */
  session?: string;
  startUrl: string;
  region: string;
  scopes: string[];
  /** A profile of the legacy form that names it: what its login command names. */
  profile?: string;
  /** The profiles that reach accounts through it. */
  profiles: string[];
}

/**
 * The logins, in the order the config names them. A section or profile that says too little
 * (no start URL, no region) is left out here: lint and the profile's own use say what it lacks.
 */
export function ssoLoginsOf(set: ProfileSet): SsoLogin[] {
  const logins = new Map<string, SsoLogin>();
  for (const [name, section] of set.ssoSessions) {
    const startUrl = section.sso_start_url;
    const region = section.sso_region;
    if (!startUrl || !region) continue;
    const scopes = (section.sso_registration_scopes ?? '')
      .split(',')
      .map((scope) => scope.trim())
      .filter(Boolean);
    logins.set(name, { key: name, session: name, startUrl, region, scopes, profiles: [] });
  }
  for (const profile of set.profiles.values()) {
    if (profile.kind !== 'sso') continue;
    let settings: ReturnType<typeof ssoSettingsOf>;
    try {
      settings = ssoSettingsOf(set, profile.name, { forLogin: true });
    } catch {
      continue;
    }
    const key = settings.session ?? settings.startUrl;
    let login = logins.get(key);
    if (!login) {
      login = {
        key,
        startUrl: settings.startUrl,
        region: settings.region,
        scopes: settings.scopes,
        profile: profile.name,
        profiles: [],
      };
      logins.set(key, login);
    }
    login.profiles.push(profile.name);
  }
  return [...logins.values()];
}

/** The login a profile uses, by its key; undefined for one that is not an SSO profile or says too little. */
export function ssoLoginKeyOf(set: ProfileSet, profile: string): string | undefined {
  try {
    const settings = ssoSettingsOf(set, profile, { forLogin: true });
    return settings.session ?? settings.startUrl;
  } catch {
    return undefined;
  }
}
