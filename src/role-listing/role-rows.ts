// The rows of an account's roles screen: the role profiles from ~/.aws/config, and the roles IAM
// lists when it could be read: one row per role profile (two profiles for one role are two ways
// in, each with its own caller and verdict), and one per role no profile names. A row's verdict is worked out only when the
// row is drawn: with 10,000 roles, reading every trust policy up front would cost a second.
import type { RoleSummary } from '../aws/iam-browse';
import { accountOf } from '../aws-shapes/arn';
import { ROLE_CHAINING_MAX_SECONDS } from '../aws-shapes/session-limits';
import { formatDuration } from '../duration';
import { type AssumeRequest, type Caller, type Verdict, verdictFor } from '../policy/verdict';
import type { ProfileSet } from '../profiles/load';
import type { Profile } from '../profiles/profile';

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

/** Who would assume a row, and the MFA session an assume of an hour or less would go through. */
export interface RowCaller extends Caller {
  /** A live MFA session on this caller's keys, for the device the assume names. */
  mfaSession?: { serial: string; until: number; since: number };
}

/** The caller as it is with a code: whether the role asks for MFA at all. */
export function withoutMfaSession(caller: RowCaller | undefined): Caller | undefined {
  if (!caller) return undefined;
  const { mfaSession: _, ...plain } = caller;
  return plain;
}

/** The account's role profiles: those whose role_arn is in it. */
export function roleProfilesIn(set: ProfileSet, account: string): Profile[] {
  return [...set.profiles.values()].filter((p) => p.roleArn && accountOf(p.roleArn) === account);
}

/** What opens a row again from a screen's parameters: the ARN, and the profile when it has one. */
export function rowKey(arn: string, profile?: string): string {
  return profile ? `profile ${profile}` : arn;
}

// The console lists roles by name whatever order ListRoles pages them in; case is ignored.
const byName = new Intl.Collator('en', { sensitivity: 'base' });

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
  return rows.sort(
    (a, b) =>
      byName.compare(a.name, b.name) ||
      byName.compare(a.path, b.path) ||
      (a.profile?.name ?? '').localeCompare(b.profile?.name ?? ''),
  );
}

/** The text the `/` filter matches: the name first, so name matches rank above path matches. */
export function rowFilterText(row: RoleRow): string {
  return row.profile ? `${row.name} ${row.path} ${row.profile.name}` : `${row.name} ${row.path}`;
}

/** What an assume of the row would send (AssumeRequest); a profile's own values fill what is left out. */
export type RowJudging = AssumeRequest;

export function rowVerdict(row: RoleRow, caller: RowCaller | undefined, options: RowJudging): Verdict {
  return judgeRow(row, caller, options).verdict;
}

/**
 * The role asks for an MFA code younger than the caller's live MFA session: an assume through
 * the session would be refused, so it must ask for a new code instead.
 */
export function mfaSessionTooOld(row: RoleRow, caller: RowCaller | undefined, options: RowJudging): boolean {
  return judgeRow(row, caller, options).session === 'too-old';
}

function judgeRow(
  row: RoleRow,
  caller: RowCaller | undefined,
  options: RowJudging,
): { verdict: Verdict; session?: 'serves' | 'too-old' } {
  // Never assumable, whatever the trust policy says: what the profile would assume is in doubt.
  const refusal = row.profile?.refusal;
  if (refusal)
    return {
      verdict: {
        kind: 'refused',
        text: `rolecall refuses the profile ${row.profile?.name}. ${refusal.problem} ${refusal.fix}`,
      },
    };
  if (row.iam && caller) {
    const role = {
      arn: row.arn,
      account: row.account,
      maxSessionSeconds: row.iam.maxSessionSeconds,
      trustPolicy: row.iam.trustPolicy,
    };
    // What the assume form says wins over the profile's, as it does in the assume.
    const externalId = options.externalId ?? row.profile?.externalId;
    const sessionName = options.sessionName ?? row.profile?.roleSessionName;
    const judged = {
      ...options,
      ...(externalId ? { externalId } : {}),
      ...(sessionName ? { sessionName } : {}),
    };
    const { mfaSession: session, ...withCode } = caller;
    const plain = verdictFor(role, withCode, judged);
    // A role that asks for MFA, for an hour or less, is assumed from the live MFA session: MFA
    // present since the session began, and role chaining (aws-reference.md). Longer is assumed
    // directly, with a code.
    if (
      plain.kind !== 'needs-mfa' ||
      !session ||
      session.until <= options.now ||
      options.durationSeconds > ROLE_CHAINING_MAX_SECONDS
    )
      return { verdict: plain };
    const through = verdictFor(
      role,
      { ...withCode, mfa: true, mfaSince: session.since, chained: true },
      judged,
    );
    if (through.kind === 'assumable' || through.kind === 'duration-capped') {
      const by = `through your MFA session (${session.serial}): no code is asked for.`;
      return {
        verdict: { ...through, text: through.text.replace(/^Assumable\./, `Assumable ${by}`) },
        session: 'serves',
      };
    }
    const age = formatDuration((options.now - session.since) / 1000);
    return {
      verdict: {
        kind: 'needs-mfa',
        text: `${plain.text} Your MFA session (${session.serial}) began ${age} ago, longer than this role allows, so a new code is asked for.`,
      },
      session: 'too-old',
    };
  }
  // Without the trust policy, the profile still says what an assume will take.
  if (row.profile?.mfaSerial)
    return {
      verdict: {
        kind: 'needs-mfa',
        text: `The profile names an MFA device (${row.profile.mfaSerial}): a code will be asked for.`,
      },
    };
  if (row.profile?.externalId)
    return { verdict: { kind: 'needs-external-id', text: 'The profile sends an external ID.' } };
  return {
    verdict: {
      kind: 'unknown',
      text: row.iam
        ? 'Who would assume it is not known yet.'
        : 'IAM could not be read in this account, so its trust policy is unknown.',
    },
  };
}
