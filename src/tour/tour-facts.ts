// What rolecall knows about the person that the walkthrough's pages speak of: who they are (the
// identity the header shows), the account their user is in, another account they reach through a
// role, and an MFA device their profiles name. Each is optional: a page reads as well without it,
// in general words. Built from what the interface reads anyway; a part that fails is left out.
import type { AccountEntry } from '../accounts/group-accounts';
import { ROLE_ARN } from '../aws-shapes/arn';
import type { DefaultIdentity } from '../credentials/default-identity';
import type { ProfileSet } from '../profiles/profile-set';

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
}

export function tourFacts({ identity, accounts = [], profiles }: FactSources): TourFacts {
  const facts: TourFacts = {};
  if (identity?.kind === 'identity') facts.me = whoIs(identity.arn, identity.account);
  const named = (id: string): NamedAccount => {
    const entry = accounts.find((a) => a.id === id);
    const name = entry?.label ?? entry?.alias;
    return name && name !== id ? { id, name } : { id };
  };
  const homeId = facts.me?.account ?? accounts.find((a) => a.identityProfiles.length > 0)?.id;
  if (homeId) facts.home = named(homeId);
  const others = accounts.filter((a) => a.id !== homeId && a.roleProfiles.length > 0);
  const away = others.find((a) => /prod/i.test(`${a.label ?? ''} ${a.alias ?? ''}`)) ?? others[0];
  if (away) {
    const role = away.roleProfiles
      .map((profile) => ROLE_ARN.exec(profiles?.profiles.get(profile)?.roleArn ?? '')?.[4])
      .find(Boolean);
    facts.away = { ...named(away.id), ...(role ? { role } : {}) };
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
}

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
  return tourFacts(sources);
}
