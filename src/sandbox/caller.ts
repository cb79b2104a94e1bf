// The caller of a request, as IAM sees it: its ARN, its policies, and the condition keys it
// brings to every request it makes.
import type { Identity } from './model';
import { identityArn, type World } from './world';

export interface Caller {
  identity: Identity;
  /** As GetCallerIdentity and AWS's error messages show it. */
  arn: string;
  /** aws:PrincipalArn: for a role session, the role's ARN. */
  principalArn: string;
  account: string;
  /** The identity policies (JSON text) that apply to it. */
  policies: string[];
  /** Its role's permissions boundary (JSON text), which limits what the policies can grant. */
  boundary?: string;
}

export function callerOf(identity: Identity, world: World): Caller {
  const arn = identityArn(identity, world);
  if (identity.kind === 'role-session') {
    const role = world.role(identity.account, identity.role);
    return {
      identity,
      arn,
      principalArn: role?.arn ?? arn,
      account: identity.account,
      policies: role ? [...role.inlinePolicies.values(), ...managed(role.attachedPolicies, world)] : [],
      ...(role?.permissionsBoundary
        ? { boundary: world.policy(role.permissionsBoundary)?.document ?? '{}' }
        : {}),
    };
  }
  const user = world.user(identity.account, identity.user);
  // A user's policies: its own, inline and managed, and those of every group it is in.
  const groups = world.accounts.get(identity.account)?.groups;
  const holders = user ? [user, ...user.groups.flatMap((name) => groups?.get(name.toLowerCase()) ?? [])] : [];
  return {
    identity,
    arn,
    principalArn: arn,
    account: identity.account,
    policies: holders.flatMap((h) => [...h.inlinePolicies.values(), ...managed(h.attachedPolicies, world)]),
  };
}

function managed(arns: readonly string[], world: World): string[] {
  return arns.flatMap((arn) => world.policy(arn)?.document ?? []);
}

/**
 * Condition keys every request by this caller carries. aws:MultiFactorAuthPresent is absent for
 * long-term keys, "false" for temporary credentials got without MFA, "true" with MFA, and then
 * aws:MultiFactorAuthAge counts the seconds since (IAM User Guide, condition keys).
 */
export function callerContext(
  caller: Caller,
  now: number,
  /** When MFA was given with this very request, which counts over the caller's own. */
  mfaAuthenticatedAt: number | undefined = caller.identity.kind === 'user'
    ? undefined
    : caller.identity.mfaAuthenticatedAt,
): Record<string, string> {
  const { identity } = caller;
  const context: Record<string, string> = {
    'aws:PrincipalArn': caller.principalArn,
    'aws:PrincipalAccount': caller.account,
    'aws:CurrentTime': new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now / 1000)),
    'aws:PrincipalType':
      identity.kind === 'role-session'
        ? 'AssumedRole'
        : identity.kind === 'federated-user'
          ? 'FederatedUser'
          : 'User',
  };
  if (identity.kind === 'user' || identity.kind === 'session-token') context['aws:username'] = identity.user;
  if (identity.kind !== 'user' || mfaAuthenticatedAt !== undefined) {
    context['aws:MultiFactorAuthPresent'] = mfaAuthenticatedAt === undefined ? 'false' : 'true';
  }
  if (mfaAuthenticatedAt !== undefined) {
    context['aws:MultiFactorAuthAge'] = String(Math.floor((now - mfaAuthenticatedAt) / 1000));
  }
  if (identity.kind === 'role-session' && identity.sourceIdentity)
    context['sts:SourceIdentity'] = identity.sourceIdentity;
  return context;
}
