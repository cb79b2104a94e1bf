// Who the AWS SDK would be, here and now, with no profile named: the header's identity. The
// JS SDK's default chain reads exported keys first, except that AWS_PROFILE makes it skip them
// (aws-reference.md section 1); then the profile AWS_PROFILE names, or "default". Nothing here
// asks for an MFA code: a profile that needs one is reported as such.

import type { AwsClients } from '../aws/clients';
import { describeAwsError } from '../aws/errors';
import { systemClock } from '../clock';
import { type ProfileChain, resolveChain } from '../profiles/chain';
import { loadProfiles } from '../profiles/load';
import type { ProfileSet } from '../profiles/profile-set';
import { callerIdentity } from './caller-identity';
import { ProfileError, providerForProfile } from './from-profile';
import { staticProvider } from './provider';

export type DefaultIdentity =
  | { kind: 'identity'; arn: string; account: string; source: string }
  | { kind: 'needs-mfa'; profile: string }
  | { kind: 'none'; cause: NoCredentials /** A sentence. */; why: string; hint: string }
  | { kind: 'error'; message: string };

/** Why the profile gives no credentials here, for a few words in the header. */
export type NoCredentials =
  /** rolecall refuses it: a line of the files (`line` of `file`, when one is to blame) may have changed it. */
  | { kind: 'refused'; file?: 'config' | 'credentials'; line?: number }
  /** Its credentials come from somewhere rolecall cannot use yet: "SSO", "credential_process"… */
  | { kind: 'unsupported'; source: string }
  | { kind: 'no-credentials' };

const HINT = 'Run rolecall --sandbox to try it, or set AWS_PROFILE to a profile with credentials.';

export async function defaultIdentity(
  env: NodeJS.ProcessEnv,
  region: string,
  clients: AwsClients,
  /** The profiles, when they are read anyway (the interface's): the files are read once. */
  profiles: () => Promise<ProfileSet> = () => loadProfiles({ env }),
): Promise<DefaultIdentity> {
  let cause: NoCredentials | undefined;
  try {
    // Read first even for exported keys: the SDK would still take the selected profile's
    // endpoint_url for this call, and rolecall's clients take it from the profiles as read
    // (aws/clients.ts), which there would be none of yet.
    const set = await profiles();
    if (!env.AWS_PROFILE && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
      const keys = staticProvider('exported keys', {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      });
      return { kind: 'identity', ...(await callerIdentity(keys, region, clients)), source: 'exported keys' };
    }
    const name = set.selected;
    if (!set.profiles.has(name)) {
      return {
        kind: 'none',
        cause: { kind: 'no-credentials' },
        why: `There is no profile ${name}, so no credentials.`,
        hint: HINT,
      };
    }
    const chain = resolveChain(set, name);
    cause = noCredentials(set, chain);
    // A profile that cannot give credentials at all is said so, not that it "needs an MFA code".
    if (!cause && chain.hops.some((hop) => hop.mfaSerial)) return { kind: 'needs-mfa', profile: name };
    const { provider } = providerForProfile(set, name, {
      askCode: async () => {
        throw new ProfileError('needs an MFA code');
      },
      defaultRegion: set.profiles.get(name)?.region || region,
      clock: systemClock,
      defaultDurationSeconds: 3600,
      sessionName: () => 'rolecall-whoami',
      env,
      clients,
    });
    return {
      kind: 'identity',
      ...(await callerIdentity(provider, region, clients)),
      source: `profile ${name}`,
    };
  } catch (error) {
    if (error instanceof ProfileError)
      return { kind: 'none', cause: cause ?? { kind: 'no-credentials' }, why: error.message, hint: HINT };
    return { kind: 'error', message: describeAwsError(error, { doing: 'find out who you are' }).message };
  }
}

/** Why the chain will give no credentials, or undefined when it may (providerForProfile decides). */
function noCredentials(set: ProfileSet, chain: ProfileChain): NoCredentials | undefined {
  if (chain.refused) {
    // The profile the refusal started from, when this one is refused for its chain.
    const root = set.profiles.get(chain.refused)?.refusal?.through ?? chain.refused;
    const finding =
      set.fileFindings.find((f) => f.refuses.includes(root)) ?? set.fileFindings.find((f) => f.refusesAll);
    return {
      kind: 'refused',
      ...(finding?.line ? { file: finding.file, line: finding.line } : {}),
    };
  }
  if (chain.problem) return { kind: 'no-credentials' };
  const base = chain.base;
  if (base?.kind === 'credential-source' && base.source !== 'Environment')
    return { kind: 'unsupported', source: `credential_source ${base.source}` };
  if (base?.kind === 'credential-process') return { kind: 'unsupported', source: 'credential_process' };
  if (base?.kind === 'web-identity') return { kind: 'unsupported', source: 'web identity' };
  return undefined;
}
