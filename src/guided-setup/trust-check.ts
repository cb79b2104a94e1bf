// Step 2's judgement of a role's trust policy, by the trust engine (src/policy) as role details
// judges it: the person's user must be let in with an MFA code and kept out without one. The
// role's own permissions are looked at too: a role with no policy can do nothing once assumed.
import { parsePolicy } from '../policy/document';
import { explainPolicy } from '../policy/explain';
import type { PolicyRequest } from '../policy/request';
import type { StepCheck } from './setup-step';

export interface RoleFacts {
  arn: string;
  trustPolicy: string;
  attachedPolicies: readonly unknown[];
  inlinePolicies: readonly unknown[];
}

export function judgeTrust(role: RoleFacts, userArn: string, now: number): StepCheck {
  const { policy, problems } = parsePolicy(role.trustPolicy);
  if (!policy || problems.length)
    return {
      state: 'failed',
      words: `The trust policy of ${role.arn} could not be read: ${problems[0]?.message ?? 'it is empty'}.`,
      fix: 'Edit its trust policy (e on the role’s details) so that it trusts your account with MFA.',
    };
  const account = /^arn:[\w-]+:iam::(\d{12}):/.exec(userArn)?.[1] ?? '';
  const request = (mfa: boolean): PolicyRequest => ({
    principal: { kind: 'aws', arn: userArn },
    action: 'sts:AssumeRole',
    resource: role.arn,
    context: {
      'aws:PrincipalArn': userArn,
      'aws:PrincipalAccount': account,
      'aws:CurrentTime': new Date(now).toISOString(),
      ...(mfa ? { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' } : {}),
    },
  });
  const withMfa = explainPolicy(policy, request(true));
  if (withMfa.decision !== 'Allow')
    return {
      state: 'failed',
      words: `The role’s trust policy does not let ${userArn} in, even with an MFA code: ${withMfa.summary}`,
      fix: `Its trust policy must allow sts:AssumeRole to your account (arn:aws:iam::${account}:root) with aws:MultiFactorAuthPresent: edit it (e on the role’s details), or choose another role name and build it.`,
    };
  const withoutMfa = explainPolicy(policy, request(false));
  if (withoutMfa.decision === 'Allow')
    return {
      state: 'failed',
      words: `The role’s trust policy lets ${userArn} in without an MFA code (${withoutMfa.summary})`,
      fix: 'Require MFA in its trust policy (e on the role’s details, Require MFA).',
    };
  const notes =
    role.attachedPolicies.length + role.inlinePolicies.length === 0
      ? [
          'The role has no permissions (no attached or inline policy): once assumed it can do nothing but say who it is. Attach a policy to it (ReadOnlyAccess, say) for real work.',
        ]
      : [];
  return {
    state: 'ok',
    words: `${role.arn} exists, and its trust lets you in with an MFA code and not without.`,
    ...(notes.length ? { notes } : {}),
  };
}
