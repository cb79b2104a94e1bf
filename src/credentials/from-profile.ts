// A profile's source_profile chain turned into a chain of providers. The MFA rule: with an MFA
// session (the TUI keeps one), a role that names an MFA device is assumed from that session, so
// one code serves many roles; but that counts as role chaining, capped at an hour, so a role
// asked for longer is assumed directly with SerialNumber and TokenCode, and the person is told.
import type { Clock } from '../clock';
import { type ProfileChain, type RoleHop, resolveChain } from '../profiles/chain';
import type { ProfileSet } from '../profiles/load';
import { assumeRoleProvider } from './assume-role';
import { type MfaSessionProvider, mfaSessionProvider } from './mfa-session';
import { type AskMfaCode, type CredentialProvider, staticProvider } from './provider';

const ROLE_CHAINING_MAX = 3600;

export class ProfileError extends Error {
  override name = 'ProfileError';
}

export interface ProfileProviderOptions {
  askCode: AskMfaCode;
  region: string;
  clock: Clock;
  /** DurationSeconds for the profile's own role, when the profile does not say. */
  durationSeconds: number;
  sessionName: (hop: RoleHop) => string;
  /** MFA sessions to share, by serial (the TUI's); none means MFA goes with each AssumeRole. */
  mfaSessions?: Map<string, MfaSessionProvider>;
  /** How long a new MFA session lasts (settings.mfaSessionSeconds). */
  mfaSessionSeconds?: number;
  /** Environment for credential_source = Environment. */
  env?: NodeJS.ProcessEnv;
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
    throw new ProfileError(`Profile ${name}: ${chain.problem ?? 'no credentials'}.`);
  const notes: string[] = [];
  let provider = baseProvider(set, chain, options);

  // Assumed from the base up: the last hop is the profile's own role.
  const hops = [...chain.hops].reverse();
  hops.forEach((hop, index) => {
    const own = index === hops.length - 1;
    const chained = index > 0;
    const durationSeconds =
      (own ? (hop.durationSeconds ?? options.durationSeconds) : hop.durationSeconds) ?? 3600;
    let mfa: { serial: string; askCode: AskMfaCode } | undefined;
    let source = provider;
    if (hop.mfaSerial) {
      const session = !chained && chain.base?.kind === 'static' ? options.mfaSessions : undefined;
      if (session && durationSeconds <= ROLE_CHAINING_MAX) {
        let mfaSession = session.get(hop.mfaSerial);
        if (!mfaSession) {
          mfaSession = mfaSessionProvider({
            source: provider,
            serial: hop.mfaSerial,
            askCode: options.askCode,
            region: options.region,
            clock: options.clock,
            ...(options.mfaSessionSeconds ? { durationSeconds: options.mfaSessionSeconds } : {}),
          });
          session.set(hop.mfaSerial, mfaSession);
        }
        source = mfaSession;
      } else {
        if (session) {
          notes.push(
            `${hop.profile} asks for ${durationSeconds / 3600} h: assumed directly with an MFA code, because a role assumed from an MFA session is capped at 1 hour.`,
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
      region: options.region,
      clock: options.clock,
      ...(hop.externalId ? { externalId: hop.externalId } : {}),
      ...(mfa ? { mfa } : {}),
    });
  });
  return { provider, chain, notes };
}

function baseProvider(
  set: ProfileSet,
  chain: ProfileChain,
  options: ProfileProviderOptions,
): CredentialProvider {
  const base = chain.base;
  if (base?.kind === 'static') {
    const keys = set.staticKeys(base.profile);
    if (!keys) throw new ProfileError(`Profile ${base.profile} has no keys.`);
    return staticProvider(`profile ${base.profile}`, keys);
  }
  if (base?.kind === 'credential-source' && base.source === 'Environment') {
    const env = options.env ?? process.env;
    if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
      throw new ProfileError(
        `Profile ${base.profile} takes its keys from the environment, and AWS_ACCESS_KEY_ID is not set.`,
      );
    }
    return staticProvider('keys from the environment', {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    });
  }
  throw new ProfileError(
    `Profile ${base?.profile} gets its credentials from ${base?.kind === 'credential-source' ? base.source : base?.kind}, which rolecall cannot use yet.`,
  );
}
