// A row's verdict for the person: whether its assume would be allowed, from the role's trust
// policy (when IAM could be read) and who would assume it; and, when a live MFA session may
// spare the code, whether the role takes that session (an hour or less, and young enough).
import { ROLE_CHAINING_MAX_SECONDS } from '../aws-shapes/session-limits';
import { formatDuration } from '../duration';
import { type AssumeRequest, type Caller, type Verdict, verdictFor } from '../policy/verdict';
import type { RoleRow } from '../role-listing/role-rows';

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
  if (row.sso) return { verdict: ssoVerdict(row.sso) };
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

/**
 * A permission set's verdict: IAM Identity Center gives it or not (its credentials come from
 * GetRoleCredentials, and the role's trust policy, which trusts only SAML, is not what decides).
 */
function ssoVerdict(sso: NonNullable<RoleRow['sso']>): Verdict {
  switch (sso.portal) {
    case 'given':
      return {
        kind: 'assumable',
        text: `IAM Identity Center gives you ${sso.roleName} here: its credentials come from the portal (GetRoleCredentials).`,
      };
    case 'not-given':
      return {
        kind: 'denied',
        text: `IAM Identity Center does not give you ${sso.roleName} in this account${sso.profile ? `: check profile ${sso.profile}'s sso_role_name and sso_account_id against what the portal lists` : ''}.`,
      };
    case 'login-needed':
      return {
        kind: 'needs-login',
        text: `Log in to IAM Identity Center (${sso.login}) first: its portal gives this permission set.`,
      };
    default:
      return {
        kind: 'unknown',
        text: `Whether IAM Identity Center gives you ${sso.roleName} is not known: its portal could not be asked.`,
      };
  }
}
