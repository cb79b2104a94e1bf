// A profile's source_profile chain turned into a chain of providers. The MFA rule: with an MFA
// session (the TUI keeps one), a role that names an MFA device is assumed from that session, so
// one code serves many roles; but that counts as role chaining, capped at an hour, so a role
// asked for longer is assumed directly with SerialNumber and TokenCode, and the person is told.
import type { AwsClients } from '../aws/clients';
import { ROLE_CHAINING_MAX_SECONDS as ROLE_CHAINING_MAX } from '../aws-shapes/session-limits';
import type { Clock } from '../clock';
import { formatDuration } from '../duration';
import { type ProfileChain, type RoleHop, resolveChain } from '../profiles/chain';
import type { ProfileSet } from '../profiles/profile-set';
import { ssoSettingsOf } from '../sso/sso-settings';
import { assumeRoleProvider } from './assume-role';
import { type MfaSessionProvider, mfaSessionProvider } from './mfa-session';
import { type AskMfaCode, type CredentialProvider, staticProvider } from './provider';
import { ssoProvider } from './sso-provider';

export class ProfileError extends Error {
  override name = 'ProfileError';
}

export interface ProfileProviderOptions {
  askCode: AskMfaCode;
  /** The region asked for (--region); else each hop's profile region, else `defaultRegion`. */
  region?: string;
  defaultRegion: string;
  clock: Clock;
  /** DurationSeconds asked for (--duration): wins over the profile's duration_seconds. */
  durationSeconds?: number;
  /** When neither the flag nor the profile says (settings.defaultSessionSeconds). */
  defaultDurationSeconds: number;
  sessionName: (hop: RoleHop) => string;
  /** MFA sessions to share, by serial (the TUI's); none means MFA goes with each AssumeRole. */
  mfaSessions?: Map<string, MfaSessionProvider>;
  /** How long a new MFA session lasts (settings.mfaSessionSeconds). */
  mfaSessionSeconds?: number;
  /** Environment for credential_source = Environment. */
  env: NodeJS.ProcessEnv;
  /** Where the STS clients come from (endpoint, timeouts, retries, the stop signal). */
  clients: AwsClients;
}

export interface ProfileProvider {
  provider: CredentialProvider;
  chain: ProfileChain;
  /** Things the person should be told, such as why a code is asked for again. */
  notes: string[];
}

export function providerForProfile(
  set: ProfileSet,
  name: string,
  options: ProfileProviderOptions,
): ProfileProvider {
  const chain = resolveChain(set, name);
  if (chain.problem || !chain.base)
    throw new ProfileError(`Profile ${name}: ${(chain.problem ?? 'no credentials').replace(/\.$/, '')}.`);
  const notes: string[] = [];
  const base = baseProvider(set, chain, options);
  let provider = base.provider;

  // Assumed from the base up: the last hop is the profile's own role.
  const hops = [...chain.hops].reverse();
  hops.forEach((hop, index) => {
    const own = index === hops.length - 1;
    // Role credentials under this hop (an earlier hop, or a base that is itself a role): chaining.
    const chained = index > 0 || base.roleCredentials;
    const region = options.region || set.profiles.get(hop.profile)?.region || options.defaultRegion;
    let durationSeconds = (own ? options.durationSeconds : undefined) ?? hop.durationSeconds;
    if (durationSeconds === undefined) {
      const fallback = own ? options.defaultDurationSeconds : 3600;
      durationSeconds = chained ? Math.min(fallback, ROLE_CHAINING_MAX) : fallback;
      if (own && durationSeconds < fallback) {
        notes.push(
          `${hop.profile} is reached by role chaining, so its session lasts 1h, not the default ${formatDuration(fallback)}.`,
        );
      }
    }
    let mfa: { serial: string; askCode: AskMfaCode } | undefined;
    let source = provider;
    if (hop.mfaSerial) {
      const sessions = mayUseMfaSession(index, base) ? options.mfaSessions : undefined;
      if (sessions && mfaSessionServes(durationSeconds)) {
        let mfaSession = sessions.get(hop.mfaSerial);
        if (!mfaSession) {
          mfaSession = mfaSessionProvider({
            source: provider,
            serial: hop.mfaSerial,
            askCode: options.askCode,
            region,
            clock: options.clock,
            ...(options.mfaSessionSeconds ? { durationSeconds: options.mfaSessionSeconds } : {}),
            clients: options.clients,
          });
          sessions.set(hop.mfaSerial, mfaSession);
        }
        source = mfaSession;
      } else {
        if (sessions) {
          notes.push(
            `${hop.profile} asks for ${formatDuration(durationSeconds)}: assumed directly with an MFA code, because a role assumed from an MFA session is capped at 1h.`,
          );
        }
        mfa = { serial: hop.mfaSerial, askCode: options.askCode };
      }
    }
    provider = assumeRoleProvider({
      source,
      roleArn: hop.roleArn,
      sessionName: hop.roleSessionName ?? options.sessionName(hop),
      durationSeconds,
      region,
      clock: options.clock,
      ...(hop.externalId ? { externalId: hop.externalId } : {}),
      ...(mfa ? { mfa } : {}),
      clients: options.clients,
    });
  });
  return { provider, chain, notes };
}

interface Base {
  provider: CredentialProvider;
  /** A user's long-term keys, the only ones GetSessionToken takes. */
  longTermKeys: boolean;
  /** Temporary role credentials: what is assumed from them is role chaining. */
  roleCredentials: boolean;
}

/**
 * The MFA device whose shared session the profile's own role is assumed from (for an hour or
 * less), if it is: the one it names, when nothing but a user's long-term keys is under it.
 */
export function mfaSessionDevice(set: ProfileSet, name: string, env: NodeJS.ProcessEnv): string | undefined {
  const chain = resolveChain(set, name);
  const own = chain.hops[0];
  if (chain.problem || !chain.base || chain.hops.length !== 1 || !own?.mfaSerial) return undefined;
  // Role credentials from the portal: never an MFA session's source.
  if (chain.base.kind === 'sso') return undefined;
  try {
    return mayUseMfaSession(0, baseProvider(set, chain, { env })) ? own.mfaSerial : undefined;
  } catch {
    return undefined; // no keys to start a session from
  }
}

/**
 * What is assumed from an MFA session is role chaining, which AWS caps at an hour
 * (aws-reference.md): a longer session is assumed directly, with a code of its own.
 */
export function mfaSessionServes(durationSeconds: number): boolean {
  return durationSeconds <= ROLE_CHAINING_MAX;
}

/** GetSessionToken takes only a user's long-term keys (aws-reference.md): the first hop above them. */
function mayUseMfaSession(hopFromBase: number, base: Base): boolean {
  return hopFromBase === 0 && base.longTermKeys;
}

function baseProvider(
  set: ProfileSet,
  chain: ProfileChain,
  options: Pick<ProfileProviderOptions, 'env'> & Partial<Pick<ProfileProviderOptions, 'clients' | 'clock'>>,
): Base {
  const base = chain.base;
  if (base?.kind === 'sso') {
    if (!options.clients || !options.clock)
      throw new ProfileError(`Profile ${base.profile}: no SSO client here.`);
    // Role credentials from the portal: a role assumed from them is chained (capped at 1h).
    return {
      provider: ssoProvider(ssoSettingsOf(set, base.profile), {
        clients: options.clients,
        clock: options.clock,
        env: options.env,
      }),
      longTermKeys: false,
      roleCredentials: true,
    };
  }
  if (base?.kind === 'static') {
    const keys = set.staticKeys(base.profile);
    if (!keys) throw new ProfileError(`Profile ${base.profile} has no keys.`);
    // Keys with a session token are temporary: perhaps a role's, and never GetSessionToken's to use.
    return {
      // Read at each use: an MFA session outlives this chain, and its renewal must take the keys
      // the files hold then (rotated keys, read again with r), not the ones it started from.
      provider: {
        label: `profile ${base.profile}`,
        retrieve: async () => {
          const now = set.staticKeys(base.profile);
          if (!now) throw new ProfileError(`Profile ${base.profile} has no keys.`);
          return now;
        },
      },
      longTermKeys: !keys.sessionToken,
      roleCredentials: Boolean(keys.sessionToken),
    };
  }
  if (base?.kind === 'credential-source' && base.source === 'Environment') {
    const { env } = options;
    if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
      throw new ProfileError(
        `Profile ${base.profile} takes its keys from the environment, and AWS_ACCESS_KEY_ID is not set.`,
      );
    }
    return {
      provider: staticProvider('keys from the environment', {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      }),
      longTermKeys: !env.AWS_SESSION_TOKEN,
      roleCredentials: Boolean(env.AWS_SESSION_TOKEN),
    };
  }
  throw new ProfileError(
    `Profile ${base?.profile} gets its credentials from ${base?.kind === 'credential-source' ? base.source : base?.kind}, which rolecall cannot use yet.`,
  );
}
