// What rolecall knows about the person that the walkthrough's pages speak of: who they are (the
// identity the header shows), the account their user is in, another account they reach through a
// role, and an MFA device their profiles name. Each is optional: a page reads as well without it,
// in general words. Built from what the interface reads anyway; a part that fails is left out.
//
// The example role is one that is the person's own to use: the role the guided setup made, else
// a role profile that assumes it with their own keys. Never one reached with someone else's keys:
// in the sandbox's newcomer world that is the stand-in admin's OrganizationAccountAccessRole
// (lead-prod, from lead's keys), which a newcomer neither has nor should take for the usual way in.
import type { AccountEntry } from '../accounts/group-accounts';
import { ROLE_ARN } from '../aws-shapes/arn';
import type { CallerIdentity } from '../credentials/caller-identity';
import type { DefaultIdentity } from '../credentials/default-identity';
import { resolveChain } from '../profiles/chain';
import type { ProfileSet } from '../profiles/profile-set';
import type { SetupProgress } from '../settings/schema';

export interface NamedAccount {
  id: string;
  /** The label the person gave it, else its alias; absent when it has neither. */
  name?: string;
}

export interface TourFacts {
  /** Who the SDK is in this terminal: a user (by name), a role, or something else. */
  me?: { kind: 'user' | 'role' | 'other'; name: string; account: string };
  /** The account the person's own keys are in: the trusted account. */
  home?: NamedAccount;
  /** An account reached through a role: the trusting account; prod when there is one. */
  away?: NamedAccount & { role?: string };
  /** An MFA device one of the profiles names (mfa_serial). */
  mfaSerial?: string;
}

export interface FactSources {
  identity?: DefaultIdentity;
  accounts?: readonly AccountEntry[];
  profiles?: ProfileSet;
  /** The key profiles whose keys are the person's own (the identity's): their role profiles are examples. */
  ownKeyProfiles?: ReadonlySet<string>;
  /** The guided setup's progress (this rolecall's: the sandbox's on the sandbox): the role it made. */
  setup?: SetupProgress;
}

/** The guided setup's step 2 made (or found) the role once the step to do next is past it. */
const ROLE_STEP_DONE = 3;

export function tourFacts({
  identity,
  accounts = [],
  profiles,
  ownKeyProfiles,
  setup,
}: FactSources): TourFacts {
  const facts: TourFacts = {};
  if (identity?.kind === 'identity') facts.me = whoIs(identity.arn, identity.account);
  const named = (id: string): NamedAccount => {
    const entry = accounts.find((a) => a.id === id);
    const name = entry?.label ?? entry?.alias;
    return name && name !== id ? { id, name } : { id };
  };
  const homeId = facts.me?.account ?? accounts.find((a) => a.identityProfiles.length > 0)?.id;
  if (homeId) facts.home = named(homeId);
  const made = setup && setup.step >= ROLE_STEP_DONE && setup.target && setup.roleName ? setup : undefined;
  if (made?.target && made.roleName && made.target !== homeId) {
    facts.away = { ...named(made.target), role: made.roleName };
  } else {
    /** The role a profile assumes when the keys it starts from are the person's own. */
    const ownRole = (profile: string) => {
      const set = profiles;
      if (!set || !ownKeyProfiles?.size) return undefined;
      const base = resolveChain(set, profile).base;
      if (base?.kind !== 'static' || !ownKeyProfiles.has(base.profile)) return undefined;
      return ROLE_ARN.exec(set.profiles.get(profile)?.roleArn ?? '')?.[4];
    };
    const others = accounts.filter((a) => a.id !== homeId && a.roleProfiles.length > 0);
    const prodFirst = (list: AccountEntry[]) =>
      list.find((a) => /prod/i.test(`${a.label ?? ''} ${a.alias ?? ''}`)) ?? list[0];
    const mine = others.filter((a) => a.roleProfiles.some((p) => ownRole(p)));
    const away = prodFirst(mine) ?? prodFirst(others);
    if (away) {
      const role = away.roleProfiles.map(ownRole).find(Boolean);
      facts.away = { ...named(away.id), ...(role ? { role } : {}) };
    }
  }
  const serial = [...(profiles?.profiles.values() ?? [])].find((p) => p.mfaSerial)?.mfaSerial;
  if (serial) facts.mfaSerial = serial;
  return facts;
}

/** "alice" of a user ARN, "Developer" of an assumed-role ARN (paths left out). */
function whoIs(arn: string, account: string): NonNullable<TourFacts['me']> {
  const resource = arn.split(':').slice(5).join(':');
  const user = /^user\/(?:.*\/)?([^/]+)$/.exec(resource)?.[1];
  if (user) return { kind: 'user', name: user, account };
  const role = /^assumed-role\/([^/]+)\//.exec(resource)?.[1];
  if (role) return { kind: 'role', name: role, account };
  return { kind: 'other', name: resource, account };
}

/** "prod (333333333333)", or the ID alone when the account has no name. */
export function accountWords(account: NamedAccount): string {
  return account.name ? `${account.name} (${account.id})` : account.id;
}

export interface FactReaders {
  identity(): Promise<DefaultIdentity>;
  /** The accounts screen's list; `aliasesLearnt` brings the aliases of accounts reached only through roles. */
  accounts(): Promise<{ accounts: readonly AccountEntry[]; aliasesLearnt?: Promise<Map<string, string>> }>;
  profiles(): Promise<ProfileSet>;
  /** Whose keys a key profile holds (the core's, asked once per profile); without it, no role profile is an example. */
  keyIdentity?(profile: string): Promise<CallerIdentity | undefined>;
  /** The guided setup's progress as kept in settings. */
  setup?(): SetupProgress | undefined;
}

/** Key profiles asked whose they are: the bases of the role profiles, at most this many. */
const KEY_PROFILES_ASKED = 20;

/** The facts from what can be read; a part that cannot (no credentials, an endpoint down) is left out. */
export async function readTourFacts(read: FactReaders): Promise<TourFacts> {
  const [identity, accounts, profiles] = await Promise.allSettled([
    read.identity(),
    read.accounts(),
    read.profiles(),
  ]);
  const value = <T>(result: PromiseSettledResult<T>) =>
    result.status === 'fulfilled' ? result.value : undefined;
  const sources: FactSources = {};
  const id = value(identity);
  const view = value(accounts);
  const learnt = await view?.aliasesLearnt?.catch(() => undefined);
  const list = view?.accounts.map((a) =>
    a.alias || !learnt?.has(a.id) ? a : { ...a, alias: learnt.get(a.id) },
  );
  const set = value(profiles);
  if (id) sources.identity = id;
  if (list) sources.accounts = list;
  if (set) sources.profiles = set;
  if (set && id?.kind === 'identity' && read.keyIdentity) {
    const own = await ownKeyProfiles(set, id.arn, read.keyIdentity);
    if (own.size) sources.ownKeyProfiles = own;
  }
  try {
    const setup = read.setup?.();
    if (setup) sources.setup = setup;
  } catch {
    // Settings that cannot be read say so on the status line; the pages do without.
  }
  return tourFacts(sources);
}

/** The key profiles that role profiles start from whose keys are `arn`'s (the person's own). */
async function ownKeyProfiles(
  set: ProfileSet,
  arn: string,
  keyIdentity: NonNullable<FactReaders['keyIdentity']>,
): Promise<Set<string>> {
  const bases = new Set<string>();
  for (const profile of set.profiles.values()) {
    if (bases.size >= KEY_PROFILES_ASKED) break;
    if (!profile.roleArn) continue;
    const base = resolveChain(set, profile.name).base;
    if (base?.kind === 'static') bases.add(base.profile);
  }
  const answers = await Promise.allSettled(
    [...bases].map(async (name) => ((await keyIdentity(name))?.arn === arn ? name : undefined)),
  );
  return new Set(answers.flatMap((a) => (a.status === 'fulfilled' && a.value ? [a.value] : [])));
}
