// The trusted account's side of a role: a trust policy only says who MAY assume the role; the
// caller's own account must still allow it (the IAM user guide, "Granting a user permissions to
// switch roles", id_roles_use_permissions-to-switch.md). Worked out from the role's ARN and its
// trust policy as IAM returns it, so it serves a role just made and any role listed.
import { ROLE_ARN, USER_OR_ROLE_ARN } from '../aws-shapes/arn';
import { type ConditionTest, parsePolicy, type Statement } from '../policy/document';

/** An AWS account, user or role the trust admits: where the identity policy has to go. */
export type TrustedSide =
  | { kind: 'account'; account: string }
  | { kind: 'user' | 'role'; account: string; name: string; arn: string };

/** What the trust asks of a caller beyond being admitted, for the profile that assumes the role. */
export interface TrustRequirements {
  mfa: boolean;
  /** The sts:ExternalId value a StringEquals condition asks for. */
  externalId?: string;
}

export interface IdentityPolicy {
  roleArn: string;
  roleName: string;
  /** The policy as JSON text, pretty, to copy or to send. */
  document: string;
  /** "AssumeRole-<RoleName>": valid as IAM's policy names are ([\w+=,.@-]{1,128}). */
  name: string;
  /** The extra STS actions granted next to sts:AssumeRole, because the trust allows them. */
  extraActions: string[];
  trustedSides: Array<TrustedSide & TrustRequirements>;
  /** Why there is nothing to do, or what was skipped (a wildcard principal, a unique ID). */
  notes: string[];
  /**
   * Whether the trust admits any AWS principal (an account, user, role or "*"): only their
   * callers need this identity policy. A service or a federated provider needs none.
   */
  awsCallers: boolean;
}

export type IdentityPolicyResult = { ok: true; policy: IdentityPolicy } | { ok: false; message: string };

/**
 * Setting a source identity or passing session tags needs the action in the trust policy AND in
 * the caller's identity policy (IAM user guide, id_credentials_temp_control-access_monitor.md and
 * id_session-tags.md: "the principal must have sts:TagSession permission in its identity policy").
 */
const PAIRED_ACTIONS = ['sts:SetSourceIdentity', 'sts:TagSession'];

export function identityPolicyFor(roleArn: string, trustPolicy: string): IdentityPolicyResult {
  const role = ROLE_ARN.exec(roleArn);
  if (!role) return { ok: false, message: `${roleArn} is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME).` };
  const roleName = role[4] ?? '';
  const parsed = parsePolicy(trustPolicy);
  if (!parsed.policy) {
    const first = parsed.problems[0];
    return {
      ok: false,
      message: `The role's trust policy cannot be read${first ? ` (${first.path}: ${first.message})` : ''}.`,
    };
  }
  const allows = parsed.policy.statements.filter((s) => s.effect === 'Allow');
  const assumes = allows.filter((s) => allowsAction(s, 'sts:AssumeRole'));
  const extraActions = PAIRED_ACTIONS.filter((action) => assumes.some((s) => allowsAction(s, action)));
  const notes: string[] = [];
  // Each principal's ways in: one requirement set per statement that admits it, kept whole.
  const ways = new Map<string, { side: TrustedSide; options: TrustRequirements[] }>();
  let awsCallers = false;
  for (const statement of assumes) {
    if (statement.principal === undefined) continue;
    if (statement.principal === '*') {
      awsCallers = true;
      notes.push(`Statement ${statement.index} admits any principal ("*"): no account of yours is named.`);
      continue;
    }
    if (statement.principal.aws.length > 0) awsCallers = true;
    const needs = requirementsOf(statement.conditions);
    for (const written of statement.principal.aws) {
      const side = trustedSideOf(written);
      if (!side) {
        notes.push(
          written === '*'
            ? `Statement ${statement.index} admits any AWS principal ("*").`
            : `${written} is not an account, user or role ARN (a deleted principal shows as its unique ID).`,
        );
        continue;
      }
      const key = side.kind === 'account' ? side.account : side.arn;
      const seen = ways.get(key);
      if (seen) seen.options.push(needs);
      else ways.set(key, { side, options: [needs] });
    }
  }
  const sides: Array<TrustedSide & TrustRequirements> = [];
  for (const [key, { side, options }] of ways) {
    const chosen = easiestWay(options);
    sides.push({ ...side, ...chosen });
    const others = options.filter((o) => o !== chosen && !covers(o, chosen)).map(requirementWords);
    if (others.length) {
      notes.push(
        `${key} is admitted with ${requirementWords(chosen)}, or by another statement with ${[...new Set(others)].join(' or ')}: the profile follows the first.`,
      );
    }
  }
  notes.push(...nonAwsNotes(allows, roleArn));
  if (sides.length === 0 && assumes.length === 0 && notes.length === 0)
    notes.push('The trust policy allows no sts:AssumeRole.');
  const document = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AssumeRole',
          Effect: 'Allow',
          Action: extraActions.length ? ['sts:AssumeRole', ...extraActions] : 'sts:AssumeRole',
          Resource: roleArn,
        },
      ],
    },
    null,
    2,
  );
  return {
    ok: true,
    policy: {
      roleArn,
      roleName,
      document,
      name: `AssumeRole-${roleName}`.slice(0, 128),
      extraActions,
      trustedSides: withMfaDenials(parsed.policy.statements, sides),
      awsCallers,
      notes,
    },
  };
}

/** An account ID, an account's root ARN, or a user or role ARN; else undefined. */
export function trustedSideOf(principal: string): TrustedSide | undefined {
  if (/^\d{12}$/.test(principal)) return { kind: 'account', account: principal };
  const root = /^arn:[\w-]+:iam::(\d{12}):root$/.exec(principal);
  if (root) return { kind: 'account', account: root[1] ?? '' };
  const named = USER_OR_ROLE_ARN.exec(principal);
  if (!named) return undefined;
  return {
    kind: named[3] === 'user' ? 'user' : 'role',
    account: named[2] ?? '',
    name: named[4] ?? '',
    arn: principal,
  };
}

function allowsAction(statement: Statement, action: string): boolean {
  const wanted = action.toLowerCase();
  if (statement.action) return statement.action.some((a) => wildcardMatch(a.toLowerCase(), wanted));
  if (statement.notAction) return !statement.notAction.some((a) => wildcardMatch(a.toLowerCase(), wanted));
  return false;
}

function wildcardMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(value);
}

/**
 * The way in that asks least. Conditions of two statements never mix: each statement is
 * evaluated whole, so a caller meets one statement's conditions, all of them (IAM user guide,
 * reference_policies_evaluation-logic.md). The fewest requirements wins; on a tie, the first.
 */
function easiestWay(options: TrustRequirements[]): TrustRequirements {
  const count = (o: TrustRequirements) => (o.mfa ? 1 : 0) + (o.externalId !== undefined ? 1 : 0);
  let best = options[0] ?? { mfa: false };
  for (const option of options) if (count(option) < count(best)) best = option;
  return best;
}

/** Whether meeting `a` meets `b` too (b asks nothing a does not). */
function covers(a: TrustRequirements, b: TrustRequirements): boolean {
  return (a.mfa || !b.mfa) && (b.externalId === undefined || a.externalId === b.externalId);
}

function requirementWords(o: TrustRequirements): string {
  const words = [o.mfa ? 'MFA' : '', o.externalId !== undefined ? `external ID ${o.externalId}` : ''];
  return words.filter(Boolean).join(' and ') || 'no condition';
}

/**
 * What a service or a federated provider in the trust needs instead. A service assumes the role
 * itself; who hands the role to it needs iam:PassRole on it (IAM user guide,
 * id_roles_use_passrole.md). OIDC and SAML callers come through AssumeRoleWithWebIdentity or
 * AssumeRoleWithSAML, which need no AWS credentials and so no identity policy (STS API reference).
 */
function nonAwsNotes(allows: readonly Statement[], roleArn: string): string[] {
  const notes: string[] = [];
  for (const statement of allows) {
    if (statement.principal === undefined || statement.principal === '*') continue;
    for (const service of statement.principal.service) {
      notes.push(
        `${service} assumes the role itself: whoever hands it the role (an instance profile, a function, a task) needs iam:PassRole on ${roleArn}, not sts:AssumeRole.`,
      );
    }
    for (const provider of statement.principal.federated) {
      notes.push(
        `Callers through ${provider} sign in with AssumeRoleWithWebIdentity or AssumeRoleWithSAML: they need no identity policy.`,
      );
    }
  }
  return [...new Set(notes)];
}

/** A Deny without MFA makes MFA as needed as an Allow with it (BreakGlass-style roles). */
function withMfaDenials(
  statements: readonly Statement[],
  sides: Array<TrustedSide & TrustRequirements>,
): Array<TrustedSide & TrustRequirements> {
  const denials = statements.filter(
    (s) => s.effect === 'Deny' && allowsAction(s, 'sts:AssumeRole') && deniesWithoutMfa(s.conditions),
  );
  return sides.map((side) =>
    !side.mfa && denials.some((denial) => deniedTo(denial, side)) ? { ...side, mfa: true } : side,
  );
}

/**
 * A Deny whose only conditions say "no MFA": BoolIfExists aws:MultiFactorAuthPresent false, or
 * Null on it. An AssumeRole made with long-term keys and no code has no such key at all (IAM user
 * guide, reference_policies_condition-keys.md, aws:MultiFactorAuthPresent): a plain Bool "false"
 * does not match it, so that one is left out.
 */
function deniesWithoutMfa(conditions: readonly ConditionTest[]): boolean {
  return (
    conditions.length > 0 &&
    conditions.every((test) => {
      if (test.key.toLowerCase() !== 'aws:multifactorauthpresent' || test.set) return false;
      const values = test.values.map((v) => v.toLowerCase());
      if (test.operator === 'Bool') return test.ifExists && values.includes('false');
      return test.operator === 'Null' && !test.ifExists && values.includes('true');
    })
  );
}

/** Whether a Deny names this side: any principal, its account, or the user or role itself. */
function deniedTo(denial: Statement, side: TrustedSide): boolean {
  if (denial.principal === undefined) return false;
  if (denial.principal === '*') return true;
  return denial.principal.aws.some((written) => {
    if (written === '*') return true;
    const named = trustedSideOf(written);
    if (!named) return false;
    if (named.kind === 'account') return named.account === side.account;
    return side.kind !== 'account' && named.arn === side.arn;
  });
}

function requirementsOf(conditions: readonly ConditionTest[]): TrustRequirements {
  let mfa = false;
  let externalId: string | undefined;
  for (const test of conditions) {
    const key = test.key.toLowerCase();
    if (key === 'aws:multifactorauthpresent' && test.operator === 'Bool' && !test.ifExists) {
      if (test.values.some((v) => v.toLowerCase() === 'true')) mfa = true;
    }
    // MultiFactorAuthAge exists only in an MFA session: a numeric test on it without IfExists
    // fails without one (IAM user guide, reference_policies_condition-keys.md).
    if (key === 'aws:multifactorauthage' && test.operator.startsWith('Numeric') && !test.ifExists) mfa = true;
    if (key === 'sts:externalid' && test.operator === 'StringEquals' && test.values.length > 0) {
      externalId = test.values[0];
    }
  }
  return { mfa, ...(externalId !== undefined ? { externalId } : {}) };
}
