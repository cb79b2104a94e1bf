// The source_profile chain behind a profile, resolved as the JS SDK and botocore resolve it
// (aws-reference.md section 1): the first profile is assumed when it has role_arn and a source,
// even with keys of its own; at every later hop static keys win and role_arn is ignored; a
// loop is an error, except a profile naming itself when it holds keys. Every hop after the
// first is role chaining, capped at one hour.
import type { ProfileSet } from './load';
import type { Profile } from './profile';

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
    if (visited.includes(current)) {
      return done({ problem: `source_profile loops: ${[...visited, current].join(' → ')}` });
    }
    visited.push(current);
    // Refused at any hop: even keys of a later hop may be ones a broken line slipped in.
    if (profile.refusal) {
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
