// The rows of an account's roles screen: the role profiles from ~/.aws/config, and the roles IAM
// lists when it could be read, one row per role ARN. A row's verdict is worked out only when the
// row is drawn: with 10,000 roles, reading every trust policy up front would cost a second.
import type { RoleSummary } from '../aws/iam-browse';
import { accountOf } from '../policy/request';
import { type Caller, type Verdict, verdictFor } from '../policy/verdict';
import type { Profile } from '../profiles/profile';

export interface RoleRow {
  arn: string;
  name: string;
  path: string;
  account: string;
  /** The role profile that assumes it, when there is one. */
  profile?: Profile;
  /** What IAM says of it, when IAM could be read. */
  iam?: RoleSummary;
}

/** One row per role ARN: profiles first in name order, then the rest of IAM's list in its order. */
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
    rows.push({ arn, name, path, account, profile, ...(iam ? { iam } : {}) });
    seen.add(arn);
  }
  for (const role of iamRoles) {
    if (seen.has(role.arn)) continue;
    rows.push({
      arn: role.arn,
      name: role.name,
      path: role.path,
      account: accountOf(role.arn) ?? account,
      iam: role,
    });
  }
  return rows;
}

/** The text the `/` filter matches: the name first, so name matches rank above path matches. */
export function rowFilterText(row: RoleRow): string {
  return row.profile ? `${row.name} ${row.path} ${row.profile.name}` : `${row.name} ${row.path}`;
}

export function rowVerdict(
  row: RoleRow,
  caller: Caller | undefined,
  options: { durationSeconds: number; externalId?: string; now: number },
): Verdict {
  if (row.iam && caller) {
    return verdictFor(
      {
        arn: row.arn,
        account: row.account,
        maxSessionSeconds: row.iam.maxSessionSeconds,
        trustPolicy: row.iam.trustPolicy,
      },
      caller,
      // The ID typed in the assume form wins over the profile's, as it does in the assume.
      { ...options, externalId: options.externalId ?? row.profile?.externalId },
    );
  }
  // Without the trust policy, the profile still says what an assume will take.
  if (row.profile?.mfaSerial)
    return {
      kind: 'needs-mfa',
      text: `The profile names an MFA device (${row.profile.mfaSerial}): a code will be asked for.`,
    };
  if (row.profile?.externalId)
    return { kind: 'needs-external-id', text: 'The profile sends an external ID.' };
  return {
    kind: 'unknown',
    text: row.iam
      ? 'Who would assume it is not known yet.'
      : 'IAM could not be read in this account, so its trust policy is unknown.',
  };
}
