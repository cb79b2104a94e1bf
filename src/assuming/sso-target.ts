// What getting a permission set's credentials runs: its SSO profile, or, for a set the portal
// gives and no profile names, one made up for it as `aws configure sso` would write it (the
// login's sso_session, or its legacy start URL and region; the account; the set). The profile
// chain then asks the portal (credentials/sso-provider.ts), at the start and at every renewal.
import type { Profile } from '../profiles/profile';
import type { ProfileSet } from '../profiles/profile-set';
import type { RoleRow } from '../role-listing/role-rows';
import { ssoLoginsOf } from '../sso/sso-logins';
import type { AssumeTarget } from './assume-target';

export function ssoTarget(set: ProfileSet, row: RoleRow, accountName: string): AssumeTarget {
  const sso = row.sso;
  if (!sso) throw new Error(`${row.name} is not an IAM Identity Center permission set.`);
  const source = `IAM Identity Center ${sso.login}`;
  if (sso.profile) return { set, name: sso.profile, source };
  const login = ssoLoginsOf(set).find((l) => l.key === sso.login);
  if (!login)
    throw new Error(`There is no IAM Identity Center login ${sso.login} in ${set.files.configFile} now.`);
  const name = `${accountName}/${sso.roleName}`;
  const keys: Record<string, string> = {
    ...(login.session
      ? { sso_session: login.session }
      : { sso_start_url: login.startUrl, sso_region: login.region }),
    sso_account_id: row.account,
    sso_role_name: sso.roleName,
  };
  const profile: Profile = {
    name,
    kind: 'sso',
    hasStaticKeys: false,
    hasSessionToken: false,
    definedIn: [],
  };
  return {
    set: {
      ...set,
      profiles: new Map([...set.profiles, [name, profile]]),
      staticKeys: set.staticKeys,
      ssoKeys: (asked) => (asked === name ? keys : set.ssoKeys(asked)),
    },
    name,
    source,
  };
}
