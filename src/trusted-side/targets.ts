// Where the trusted side's identity policy can go: for each account, user or role the trust
// admits, the identities the person's profiles have there (a key profile's user, found by
// GetCallerIdentity, and the groups it is in) and a role the trust names. Each is a place an
// inline policy can be put (PutUserPolicy, PutGroupPolicy, PutRolePolicy).
import { ROLE_ARN, USER_OR_ROLE_ARN } from '../aws-shapes/arn';
import type { CallerIdentity } from '../credentials/caller-identity';
import type { ProfileSet } from '../profiles/profile-set';
import type { HolderKind } from './grant-calls';
import type { IdentityPolicy, TrustRequirements } from './identity-policy';

export interface GrantTarget {
  kind: HolderKind;
  account: string;
  name: string;
  arn: string;
  /** Why it is offered, for a person: "the user of profile alice". */
  why: string;
  /** The profiles whose identity the grant serves: a config profile's source_profile. */
  profiles: string[];
  needs: TrustRequirements;
}

export interface TrustedAccountTargets {
  account: string;
  targets: GrantTarget[];
  /** Why a place is missing (no profile has keys there; its groups could not be read). */
  notes: string[];
}

export interface TargetSources {
  set: ProfileSet;
  identityOf: (profile: string) => Promise<CallerIdentity | undefined>;
  /** The user's groups, read through whoever may read IAM in the account; a message when none may. */
  groupsOf: (
    account: string,
    user: string,
  ) => Promise<{ groups: Array<{ name: string; arn: string }> } | { message: string }>;
}

/** The places the policy can go, account by account, in the order the trust names them. */
export async function grantTargets(
  policy: IdentityPolicy,
  sources: TargetSources,
): Promise<TrustedAccountTargets[]> {
  const { set } = sources;
  // Whose keys each key profile holds; a profile whose identity cannot be asked is left out.
  const users: Array<{ profile: string; arn: string; account: string; name: string }> = [];
  for (const [name, profile] of set.profiles) {
    if (profile.roleArn || !set.staticKeys(name)) continue;
    const identity = await sources.identityOf(name).catch(() => undefined);
    const user = identity && USER_OR_ROLE_ARN.exec(identity.arn);
    if (identity && user?.[3] === 'user') {
      users.push({ profile: name, arn: identity.arn, account: identity.account, name: user[4] ?? '' });
    }
  }
  const byAccount = new Map<string, TrustedAccountTargets>();
  const place = (account: string) => {
    let entry = byAccount.get(account);
    if (!entry) {
      entry = { account, targets: [], notes: [] };
      byAccount.set(account, entry);
    }
    return entry;
  };
  for (const side of policy.trustedSides) {
    const entry = place(side.account);
    const needs: TrustRequirements = {
      mfa: side.mfa,
      ...(side.externalId !== undefined ? { externalId: side.externalId } : {}),
    };
    if (side.kind === 'role') {
      const profiles = [...set.profiles.values()].filter((p) => p.roleArn === side.arn).map((p) => p.name);
      add(entry, {
        kind: 'role',
        account: side.account,
        name: side.name,
        arn: side.arn,
        why: 'the role the trust names',
        profiles,
        needs,
      });
      continue;
    }
    const mine = users.filter((u) =>
      side.kind === 'account' ? u.account === side.account : u.arn === side.arn,
    );
    if (side.kind === 'user' && mine.length === 0) {
      add(entry, {
        kind: 'user',
        account: side.account,
        name: side.name,
        arn: side.arn,
        why: 'the user the trust names',
        profiles: [],
        needs,
      });
    }
    if (side.kind === 'account' && mine.length === 0) {
      entry.notes.push(`No profile of yours has keys of a user in ${side.account}.`);
    }
    for (const user of mine) {
      add(entry, {
        kind: 'user',
        account: user.account,
        name: user.name,
        arn: user.arn,
        why: `the user of profile ${user.profile}`,
        profiles: [user.profile],
        needs,
      });
      const groups = await sources.groupsOf(user.account, user.name);
      if ('message' in groups) {
        entry.notes.push(`The groups of ${user.name} could not be read: ${groups.message}`);
        continue;
      }
      for (const group of groups.groups) {
        add(entry, {
          kind: 'group',
          account: user.account,
          name: group.name,
          arn: group.arn,
          why: `a group ${user.name} is in (its other members get it too)`,
          profiles: [user.profile],
          needs,
        });
      }
    }
  }
  return [...byAccount.values()];
}

/** One entry per place: a second way to the same place adds its profiles. */
function add(entry: TrustedAccountTargets, target: GrantTarget): void {
  const seen = entry.targets.find((t) => t.arn === target.arn);
  if (!seen) {
    entry.targets.push(target);
    return;
  }
  for (const profile of target.profiles) if (!seen.profiles.includes(profile)) seen.profiles.push(profile);
}

/** The account a role ARN is in. */
export function roleAccount(roleArn: string): string | undefined {
  return ROLE_ARN.exec(roleArn)?.[2];
}
