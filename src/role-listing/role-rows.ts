// The rows of an account's roles screen: the role profiles from ~/.aws/config, and the roles IAM
// lists when it could be read: one row per role profile (two profiles for one role are two ways
// in, each with its own caller and verdict), and one per role no profile names. A row's verdict
// (src/verdicts/row-verdict.ts) is worked out only when the row is drawn: with 10,000 roles,
// reading every trust policy up front would cost a second. IAM Identity Center's permission sets
// are rows too: one per SSO profile naming one here, and one per set the portal gives that no
// profile names; the role Identity Center made for a set in IAM (AWSReservedSSO_<set>_<hex>) is
// that row, not a row of its own that no one could assume.
import type { RoleSummary } from '../aws/iam-browse';
import { accountOf } from '../aws-shapes/arn';
import type { Profile } from '../profiles/profile';
import type { ProfileSet } from '../profiles/profile-set';
import { ssoLoginKeyOf } from '../sso/sso-logins';

export interface RoleRow {
  /** What tells the row from the others: its profile's name, or the ARN of a role with none. */
  key: string;
  arn: string;
  name: string;
  path: string;
  account: string;
  /** The role profile that assumes it, when there is one. */
  profile?: Profile;
  /** What IAM says of it, when IAM could be read. */
  iam?: RoleSummary;
  /** A permission set of IAM Identity Center: its credentials come from GetRoleCredentials, not an assume. */
  sso?: SsoRole;
}

export interface SsoRole {
  /** The login (sso_session name, or legacy start URL) it is reached through. */
  login: string;
  /** The permission set's name (sso_role_name). */
  roleName: string;
  /** The SSO profile that names it, when one does. */
  profile?: string;
  /** The account's name in the organisation, as the portal lists it. */
  accountName?: string;
  /**
   * What the login's portal says of it: it gives it here, or not; or the login is needed first.
   * Absent while the portal has not been asked, or could not be.
   */
  portal?: 'given' | 'not-given' | 'login-needed';
}

/** Where Identity Center puts the roles it makes for permission sets (an IAM path, region optional). */
const SSO_ROLE = /^\/aws-reserved\/sso\.amazonaws\.com\/(?:[a-z0-9-]+\/)?$/;
/** The name Identity Center gives a permission set's role: AWSReservedSSO_<set>_<16 hex>. */
const SSO_ROLE_NAME = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/;

/** The permission set an IAM role was made for by Identity Center, if it is one. */
export function permissionSetOf(role: Pick<RoleSummary, 'name' | 'path'>): string | undefined {
  return SSO_ROLE.test(role.path) ? SSO_ROLE_NAME.exec(role.name)?.[1] : undefined;
}

/** The account's role profiles: those whose role_arn is in it. */
export function roleProfilesIn(set: ProfileSet, account: string): Profile[] {
  return [...set.profiles.values()].filter((p) => p.roleArn && accountOf(p.roleArn) === account);
}

/** The SSO profiles whose permission set is in the account (sso_account_id), as the rows' permission sets. */
export function ssoProfilesIn(set: ProfileSet, account: string): SsoRole[] {
  const roles: SsoRole[] = [];
  for (const profile of set.profiles.values()) {
    if (profile.kind !== 'sso') continue;
    const keys = set.ssoKeys(profile.name);
    const login = ssoLoginKeyOf(set, profile.name);
    if (keys?.sso_account_id !== account || !keys.sso_role_name || !login) continue;
    roles.push({ login, roleName: keys.sso_role_name, profile: profile.name });
  }
  return roles;
}

/** What opens a row again from a screen's parameters: the ARN, the profile when it has one, the permission set. */
export function rowKey(arn: string, profile?: string, sso?: { login: string; role: string }): string {
  if (profile) return `profile ${profile}`;
  return sso ? `sso ${sso.login} ${sso.role}` : arn;
}

// The console lists roles by name whatever order ListRoles pages them in; case is ignored. Made
// when first needed: a collator takes some 7 ms to make, which `rolecall env` (its core has this
// module) would pay on every run.
let collator: Intl.Collator | undefined;
const byName = () => (collator ??= new Intl.Collator('en', { sensitivity: 'base' }));

/**
 * One row per role profile, and one per role IAM lists that no profile names; sorted by role
 * name as the console does (then path, then profile), not in the order IAM happened to send.
 */
export function roleRows(
  account: string,
  profiles: readonly Profile[],
  iamRoles: readonly RoleSummary[],
  /** The permission sets here: the SSO profiles' and the portal's, a profile's first. */
  ssoRoles: readonly SsoRole[] = [],
  /**
   * The login a set's role IAM lists, and neither a profile nor the portal names, is reached
   * through (the first login here, not logged in or not giving it); none: an IAM row like any other.
   */
  otherSets?: { login: string; portal: NonNullable<SsoRole['portal']> },
): RoleRow[] {
  const byArn = new Map(iamRoles.map((role) => [role.arn, role]));
  const rows: RoleRow[] = [];
  const seen = new Set<string>();
  const bySet = new Map<string, RoleSummary>();
  for (const role of iamRoles) {
    const set = permissionSetOf(role);
    if (set) bySet.set(set, role);
  }
  const ssoSeen = new Set<string>();
  const named = new Set(ssoRoles.map((sso) => sso.roleName));
  const others: SsoRole[] = otherSets
    ? [...bySet.keys()].filter((set) => !named.has(set)).map((roleName) => ({ ...otherSets, roleName }))
    : [];
  for (const sso of [...ssoRoles, ...others]) {
    const which = `${sso.login} ${sso.roleName}`;
    // The portal's set that a profile names already has that profile's row.
    if (!sso.profile && ssoSeen.has(which)) continue;
    ssoSeen.add(which);
    const iam = bySet.get(sso.roleName);
    // Before IAM is read (or where it cannot be) the role's hex is unknown: its ARN says the pattern.
    const arn =
      iam?.arn ??
      `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${sso.roleName}_*`;
    rows.push({
      key: rowKey(arn, sso.profile, { login: sso.login, role: sso.roleName }),
      arn,
      name: sso.roleName,
      path: iam?.path ?? '/aws-reserved/sso.amazonaws.com/',
      account,
      sso,
      ...(iam ? { iam } : {}),
    });
    if (iam) seen.add(iam.arn);
  }
  for (const profile of profiles) {
    const arn = profile.roleArn ?? '';
    const iam = byArn.get(arn);
    const name = arn.split('/').at(-1) ?? arn;
    const path = iam?.path ?? (arn.split(':role')[1]?.replace(/[^/]*$/, '') || '/');
    rows.push({ key: rowKey(arn, profile.name), arn, name, path, account, profile, ...(iam ? { iam } : {}) });
    seen.add(arn);
  }
  for (const role of iamRoles) {
    if (seen.has(role.arn)) continue;
    rows.push({
      key: rowKey(role.arn),
      arn: role.arn,
      name: role.name,
      path: role.path,
      account: accountOf(role.arn) ?? account,
      iam: role,
    });
  }
  const { compare } = byName();
  return rows.sort(
    (a, b) =>
      compare(a.name, b.name) ||
      compare(a.path, b.path) ||
      (a.profile?.name ?? '').localeCompare(b.profile?.name ?? ''),
  );
}

/** The text the `/` filter matches: the name first, so name matches rank above path matches. */
export function rowFilterText(row: RoleRow): string {
  if (row.sso) return `${row.name} Identity Center ${row.sso.profile ?? ''}`;
  return row.profile ? `${row.name} ${row.path} ${row.profile.name}` : `${row.name} ${row.path}`;
}
