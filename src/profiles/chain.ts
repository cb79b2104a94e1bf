// The source_profile chain behind a profile, resolved as the JS SDK and botocore resolve it
// (aws-reference.md section 1): the first profile is assumed when it has role_arn and a source,
// even with keys of its own; at every later hop static keys win and role_arn is ignored; a
// loop is an error, except a profile naming itself when it holds keys. Every hop after the
// first is role chaining, capped at one hour.

import type { Profile } from './profile';
import type { ProfileSet } from './profile-set';

export interface RoleHop {
  profile: string;
  roleArn: string;
  mfaSerial?: string;
  externalId?: string;
  durationSeconds?: number;
  roleSessionName?: string;
}

export interface ProfileChain {
  profile: string;
  /** The roles to assume, the profile's own first; assumed in reverse order, from the base up. */
  hops: RoleHop[];
  /** Where the first credentials come from. */
  base?:
    | { kind: 'static'; profile: string }
    | { kind: 'credential-source'; profile: string; source: string }
    | { kind: 'sso' | 'credential-process' | 'web-identity'; profile: string };
  /** Why the chain cannot give credentials: a missing profile, a cycle, a profile without credentials. */
  problem?: string;
  /** The profile on the way that rolecall refuses (Profile.refusal), when one is. */
  refused?: string;
  /** Profiles in the order they were visited. */
  visited: string[];
  /**
   * Role chaining somewhere: more than one hop, or a base that is itself role credentials (an
   * instance or container role, keys with a session token). Capped at one hour.
   */
  chained: boolean;
}

export function resolveChain(set: Pick<ProfileSet, 'profiles'>, name: string): ProfileChain {
  const hops: RoleHop[] = [];
  const visited: string[] = [];
  const seen = new Set<string>();
  const done = (rest: Partial<ProfileChain>): ProfileChain => ({
    profile: name,
    hops,
    visited,
    chained: hops.length > 1 || (hops.length > 0 && baseIsRole(rest.base, set)),
    ...rest,
  });

  let current = name;
  for (;;) {
    const profile = set.profiles.get(current);
    if (!profile) {
      const from = visited.at(-1);
      return done({
        problem: from
          ? `source_profile ${current} of ${from} names no profile`
          : `there is no profile ${current}`,
      });
    }
    if (seen.has(current)) {
      return done({ problem: `source_profile loops: ${[...visited, current].join(' → ')}` });
    }
    visited.push(current);
    seen.add(current);
    // Refused at any hop: even keys of a later hop may be ones a broken line slipped in.
    if (profile.refusal && (visited.length === 1 || !profile.refusal.through)) {
      return done({
        problem: `${current} is refused: ${lowerFirst(profile.refusal.problem)} ${profile.refusal.fix}`,
        refused: current,
      });
    }
    const first = visited.length === 1;
    if (profile.kind === 'invalid' && (first || !profile.hasStaticKeys)) {
      return done({ problem: `${current} ${profile.problem}` });
    }
    if (profile.kind === 'assume-role' && (first || !profile.hasStaticKeys) && profile.roleArn) {
      hops.push(hopOf(profile));
      if (profile.credentialSource) {
        return done({
          base: { kind: 'credential-source', profile: current, source: profile.credentialSource },
        });
      }
      const source = profile.sourceProfile ?? '';
      // A profile may name itself as its source when it holds keys: they are the base.
      if (source === current && profile.hasStaticKeys)
        return done({ base: { kind: 'static', profile: current } });
      current = source;
      continue;
    }
    if (profile.hasStaticKeys) return done({ base: { kind: 'static', profile: current } });
    if (profile.kind === 'sso' || profile.kind === 'credential-process' || profile.kind === 'web-identity') {
      return done({ base: { kind: profile.kind, profile: current } });
    }
    return done({ problem: `${current} has no credentials (keys, role_arn, sso or credential_process)` });
  }
}

function lowerFirst(text: string): string {
  return /^Line \d/.test(text) ? `l${text.slice(1)}` : text;
}

function baseIsRole(base: ProfileChain['base'], set: Pick<ProfileSet, 'profiles'>): boolean {
  if (base?.kind === 'credential-source') return base.source !== 'Environment';
  if (base?.kind === 'static') return set.profiles.get(base.profile)?.hasSessionToken ?? false;
  return false;
}

function hopOf(profile: Profile): RoleHop {
  return {
    profile: profile.name,
    roleArn: profile.roleArn ?? '',
    ...(profile.mfaSerial ? { mfaSerial: profile.mfaSerial } : {}),
    ...(profile.externalId ? { externalId: profile.externalId } : {}),
    ...(profile.durationSeconds !== undefined ? { durationSeconds: profile.durationSeconds } : {}),
    ...(profile.roleSessionName ? { roleSessionName: profile.roleSessionName } : {}),
  };
}

/**
 * Where each profile's chain goes after its own hop, as resolveChain walks it, for questions
 * asked of every profile at once (the lint, refusals passed down a chain): each profile points at
 * one source at most, so following the pointers once per profile, remembering the answers, keeps
 * a config of chains thousands deep linear where resolveChain per profile would be quadratic.
 */
function laterHop(profile: Profile | undefined): string | undefined {
  if (!profile || (profile.refusal && !profile.refusal.through) || profile.hasStaticKeys) return undefined;
  return firstHop(profile);
}

function firstHop(profile: Profile): string | undefined {
  if (profile.kind !== 'assume-role' || !profile.roleArn || profile.credentialSource) return undefined;
  return profile.sourceProfile ?? '';
}

/** For each profile not refused itself, the refused profile its chain reaches, if one does. */
export function refusedThrough(set: Pick<ProfileSet, 'profiles'>): Map<string, string> {
  const { profiles } = set;
  // The first refused profile at or after a profile reached as a later hop ('' for none).
  const memo = new Map<string, string>();
  const later = (start: string): string => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | undefined = start;
    let found = '';
    while (current !== undefined) {
      const known = memo.get(current);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (onPath.has(current)) break; // a loop with no refused profile on it
      const profile = profiles.get(current);
      if (profile?.refusal && !profile.refusal.through) {
        found = current;
        break;
      }
      path.push(current);
      onPath.add(current);
      current = laterHop(profile);
    }
    for (const name of path) memo.set(name, found);
    return found;
  };
  const through = new Map<string, string>();
  for (const [name, profile] of profiles) {
    if (profile.refusal) continue;
    const source = firstHop(profile);
    if (source === undefined || source === name) continue;
    const refused = later(source);
    if (refused) through.set(name, refused);
  }
  return through;
}

/** The profiles on a loop of source_profile links: only their chains can end in a loop. */
export function profilesOnLoops(set: Pick<ProfileSet, 'profiles'>): Set<string> {
  const state = new Map<string, 'walking' | 'done'>();
  const onLoops = new Set<string>();
  for (const start of set.profiles.keys()) {
    const path: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !state.has(current)) {
      state.set(current, 'walking');
      path.push(current);
      const profile = set.profiles.get(current);
      current = profile ? firstHop(profile) : undefined;
    }
    if (current !== undefined && state.get(current) === 'walking') {
      for (const name of path.slice(path.indexOf(current))) onLoops.add(name);
    }
    for (const name of path) state.set(name, 'done');
  }
  return onLoops;
}
