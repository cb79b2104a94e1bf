// Who would call AssumeRole for a profile: the verdicts are worked out for that caller. For a
// profile reached through another role, the caller is that role's session (and what it assumes
// is role chaining); for one on keys, the keys' own identity (GetCallerIdentity, asked once).
import type { IdentityOf } from '../accounts/key-identities';
import type { Caller } from '../policy/verdict';
import { resolveChain } from '../profiles/chain';
import type { ProfileSet } from '../profiles/profile-set';
import { roleProfilesIn } from '../role-listing/role-rows';

/** Who assumes `profile`'s own role: the caller of its first hop. */
export function callerOfRoleProfile(
  set: ProfileSet,
  profile: string,
  identityOf: IdentityOf,
): Promise<Caller | undefined> {
  return callerAtHop(set, profile, 1, identityOf);
}

/** Who a profile is when it is the source of an assume (the rows IAM lists without a profile). */
export function callerOfSource(
  set: ProfileSet,
  profile: string,
  identityOf: IdentityOf,
): Promise<Caller | undefined> {
  return callerAtHop(set, profile, 0, identityOf);
}

/** The identity a profile's chain has at a hop: that hop's role session, or, below the roles, the keys. */
async function callerAtHop(
  set: ProfileSet,
  profile: string,
  hop: number,
  identityOf: IdentityOf,
): Promise<Caller | undefined> {
  const chain = resolveChain(set, profile);
  if (chain.problem) return undefined;
  const role = chain.hops[hop];
  if (role) return roleSessionCaller(role.roleArn);
  return baseCaller(set, chain.base?.kind === 'static' ? chain.base.profile : undefined, identityOf);
}

async function baseCaller(
  set: ProfileSet,
  keysProfile: string | undefined,
  identityOf: IdentityOf,
): Promise<Caller | undefined> {
  if (!keysProfile) return undefined;
  const identity = await identityOf(keysProfile).catch(() => undefined);
  if (!identity) return undefined;
  const session = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(identity.arn);
  return {
    arn: identity.arn,
    account: identity.account,
    // A role session's aws:PrincipalArn is its role's ARN (in its partition; the role's path is
    // not in the session ARN, so a role under a path is matched without it).
    principalArn: session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : identity.arn,
    mfa: false,
    chained: Boolean(set.staticKeys(keysProfile)?.sessionToken),
  };
}

function roleSessionCaller(roleArn: string): Caller {
  const [, partition = 'aws', account = ''] = /^arn:(aws[\w-]*):iam::(\d{12}):/.exec(roleArn) ?? [];
  const name = roleArn.split('/').at(-1) ?? '';
  return {
    arn: `arn:${partition}:sts::${account}:assumed-role/${name}/rolecall`,
    account,
    principalArn: roleArn,
    mfa: false,
    chained: true,
  };
}

/** The profile IAM's roles in an account are assumed from: the source most of its role profiles use. */
export function sourceFor(set: ProfileSet, account: string): string | undefined {
  const counts = new Map<string, number>();
  for (const profile of roleProfilesIn(set, account)) {
    if (profile.sourceProfile)
      counts.set(profile.sourceProfile, (counts.get(profile.sourceProfile) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (best) return best;
  const selected = set.profiles.get(set.selected);
  return selected && selected.kind !== 'invalid' && selected.kind !== 'no-credentials'
    ? selected.name
    : undefined;
}
