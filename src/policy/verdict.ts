// Whether the current identity can assume a role, in one word and one sentence, from the
// role's trust policy alone: assumable, needs MFA, needs an external ID, duration capped,
// denied (and by what), a deleted principal, or unknown (and why). The caller's own policies
// are not visible here; across accounts the verdict says they must allow it too.
import { ROLE_CHAINING_MAX_SECONDS as ROLE_CHAINING_MAX } from '../aws-shapes/session-limits';
import { formatDuration } from '../duration';
import { type DanglingPrincipal, parsePolicy } from './document';
import { evaluatePolicy } from './evaluate';
import { deletedPrincipalWords, explainPolicy } from './explain';
import type { PolicyRequest } from './request';

export type VerdictKind =
  | 'assumable'
  | 'needs-mfa'
  | 'needs-external-id'
  | 'duration-capped'
  | 'denied'
  | 'dangling'
  /** Its profile is refused by rolecall (a broken line in its files may have changed it). */
  | 'refused'
  /** An IAM Identity Center permission set, whose login is needed first. */
  | 'needs-login'
  | 'unknown';

export interface Verdict {
  kind: VerdictKind;
  text: string;
}

export interface Caller {
  /** Its ARN: a user's, or an assumed-role session's. */
  arn: string;
  account: string;
  /** aws:PrincipalArn: for a role session, the role's ARN. */
  principalArn: string;
  /** Its session was made with MFA. */
  mfa: boolean;
  /** When that MFA code was given (ms), for aws:MultiFactorAuthAge; absent means just now. */
  mfaSince?: number;
  /** It is a role session or an MFA session: what it assumes is role chaining. */
  chained: boolean;
}

/**
 * What the assume would send, so the verdict is about that request: a trust policy can ask for
 * an external ID, a session name (sts:RoleSessionName) or a source identity (sts:SourceIdentity,
 * which rolecall never sends, so it is absent here as it is in the request).
 */
export interface AssumeRequest {
  durationSeconds: number;
  externalId?: string;
  sessionName?: string;
  now: number;
}

export function verdictFor(
  role: { arn: string; account: string; maxSessionSeconds: number; trustPolicy: string },
  caller: Caller,
  options: AssumeRequest,
): Verdict {
  const { policy, problems, dangling } = parsePolicy(role.trustPolicy);
  if (!policy || problems.length) {
    return {
      kind: 'unknown',
      text: `The trust policy could not be read: ${problems[0]?.message ?? 'empty'}.`,
    };
  }
  const request = (mfa: boolean, externalId?: string, mfaSince = options.now): PolicyRequest => ({
    principal: { kind: 'aws', arn: caller.arn },
    action: 'sts:AssumeRole',
    resource: role.arn,
    context: {
      'aws:PrincipalArn': caller.principalArn,
      'aws:PrincipalAccount': caller.account,
      'aws:CurrentTime': new Date(options.now).toISOString(),
      ...(mfa
        ? {
            'aws:MultiFactorAuthPresent': 'true',
            'aws:MultiFactorAuthAge': String(Math.max(0, Math.floor((options.now - mfaSince) / 1000))),
          }
        : {}),
      ...(externalId ? { 'sts:ExternalId': externalId } : {}),
      ...(options.sessionName ? { 'sts:RoleSessionName': options.sessionName } : {}),
    },
  });
  const explanation = explainPolicy(
    policy,
    request(caller.mfa, options.externalId, caller.mfaSince),
    dangling,
  );
  const alsoOwn =
    caller.account !== role.account ? ' Your own policies must also allow sts:AssumeRole on it.' : '';

  if (explanation.decision === 'Allow')
    return durationVerdict(role, caller, options.durationSeconds, alsoOwn);

  // Would an MFA code (or the external ID it names) let the caller in?
  const withMfa = evaluatePolicy(policy, request(true, options.externalId)).decision === 'Allow';
  if (!caller.mfa && withMfa) {
    // Every condition the caller must meet: what the Allow statements ask for (an MFA code, and
    // how recent), and the Deny that refuses it without one. A Deny alone hides the Allow's asks,
    // so the Allow statements are explained on their own.
    const allowing = explainPolicy(
      { ...policy, statements: policy.statements.filter((st) => st.effect === 'Allow') },
      request(false, options.externalId),
    );
    const text = [
      ...(allowing.decision === 'Allow' ? [] : [allowing.summary]),
      ...(explanation.decision === 'ExplicitDeny' ? [explanation.summary] : []),
    ].join(' ');
    return {
      kind: 'needs-mfa',
      // The summary usually says so itself, with the statement that asks for it.
      text: `${text.startsWith('Needs an MFA code') ? '' : 'Needs an MFA code. '}${text}${alsoOwn}`,
    };
  }
  const externalIdNeed = explanation.needs.find((n) => n.kind === 'external-id');
  if (externalIdNeed)
    return { kind: 'needs-external-id', text: `${capitalise(externalIdNeed.text)}.${alsoOwn}` };
  if (explanation.needs.some((n) => n.kind === 'mfa' || n.kind === 'fresh-mfa')) {
    return { kind: 'needs-mfa', text: `${explanation.summary}${alsoOwn}` };
  }
  if (dangling.length && explanation.needs.some((n) => n.kind === 'principal')) {
    return {
      kind: 'dangling',
      text: dangling.map((d: DanglingPrincipal) => deletedPrincipalWords(d)).join(' '),
    };
  }
  const sent = explanation.needs.some((n) => n.text.includes('sts:RoleSessionName'))
    ? ` The assume would send session name ${options.sessionName ?? '(none)'}.`
    : '';
  return { kind: 'denied', text: `${explanation.summary}${sent}` };
}

function durationVerdict(
  role: { maxSessionSeconds: number },
  caller: Caller,
  durationSeconds: number,
  alsoOwn: string,
): Verdict {
  const cap = Math.min(role.maxSessionSeconds, caller.chained ? ROLE_CHAINING_MAX : role.maxSessionSeconds);
  if (durationSeconds > cap) {
    const why =
      caller.chained && cap === ROLE_CHAINING_MAX
        ? 'role chaining allows 1h'
        : `the role allows ${formatDuration(cap)}`;
    return {
      kind: 'duration-capped',
      text: `Assumable for at most ${formatDuration(cap)}: ${why}.${alsoOwn}`,
    };
  }
  return { kind: 'assumable', text: `Assumable.${alsoOwn}` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
