// The rows of an account's roles screen: the role profiles from ~/.aws/config, and the roles IAM
// lists when it could be read: one row per role profile (two profiles for one role are two ways
// in, each with its own caller and verdict), and one per role no profile names. A row's verdict
// (src/verdicts/row-verdict.ts) is worked out only when the row is drawn: with 10,000 roles,
// reading every trust policy up front would cost a second.
import type { RoleSummary } from '../aws/iam-browse';
import { accountOf } from '../aws-shapes/arn';
import type { Profile } from '../profiles/profile';
import type { ProfileSet } from '../profiles/profile-set';

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
}

/** The account's role profiles: those whose role_arn is in it. */
export function roleProfilesIn(set: ProfileSet, account: string): Profile[] {
  return [...set.profiles.values()].filter((p) => p.roleArn && accountOf(p.roleArn) === account);
}

/** What opens a row again from a screen's parameters: the ARN, and the profile when it has one. */
export function rowKey(arn: string, profile?: string): string {
  return profile ? `profile ${profile}` : arn;
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
): RoleRow[] {
  const byArn = new Map(iamRoles.map((role) => [role.arn, role]));
  const rows: RoleRow[] = [];
  const seen = new Set<string>();
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
  return row.profile ? `${row.name} ${row.path} ${row.profile.name}` : `${row.name} ${row.path}`;
}
