// The person's [default] profile, when it holds credentials, comes before the container endpoint
// in every AWS SDK and CLI: the JS SDK's default chain reads the shared files before the remote
// providers, botocore's SharedCredentialProvider and ConfigProvider come before its
// ContainerProvider. A command given the endpoint would then run silently as [default]. Keys
// that live in ~/.aws/credentials alone are hidden from the command by pointing its
// AWS_SHARED_CREDENTIALS_FILE at an empty file; a [default] in ~/.aws/config (a role, SSO, a
// credential_process, keys) cannot be hidden without hiding the config too, and is said instead.
import type { ProfileSet } from '../profiles/profile-set';

/** An empty file on every POSIX system: the SDKs read it as a credentials file with no profile. */
export const EMPTY_CREDENTIALS = '/dev/null';

export type DefaultShadow =
  | { kind: 'hidden'; set: Record<string, string>; note: string }
  | { kind: 'said'; note: string };

/**
 * Whether [default] would shadow the endpoint, and what to do: `read` reads the AWS files as the
 * SDK would with the environment given (LoadedProfiles), once as they are and, when [default]
 * has credentials, once more without the credentials file, to tell where they are.
 */
export async function defaultShadow(
  env: NodeJS.ProcessEnv,
  read: (env: NodeJS.ProcessEnv) => Promise<ProfileSet>,
): Promise<DefaultShadow | undefined> {
  const profiles = await read(env);
  if (!hasCredentials(profiles)) return undefined;
  if (!hasCredentials(await read({ ...env, AWS_SHARED_CREDENTIALS_FILE: EMPTY_CREDENTIALS })))
    return {
      kind: 'hidden',
      set: { AWS_SHARED_CREDENTIALS_FILE: EMPTY_CREDENTIALS },
      note: `your [default] profile's credentials in ${profiles.files.credentialsFile} would come before rolecall's endpoint in the AWS SDKs and CLI, so that file is hidden from this command (AWS_SHARED_CREDENTIALS_FILE=${EMPTY_CREDENTIALS}).`,
    };
  return {
    kind: 'said',
    note: `your [default] profile in ${profiles.files.configFile} has credentials, which the AWS SDKs and CLI take before rolecall's endpoint: commands here run as [default] unless they name a profile. Move them to a named profile to use the endpoint.`,
  };
}

function hasCredentials(profiles: ProfileSet): boolean {
  const own = profiles.profiles.get('default');
  return own !== undefined && own.kind !== 'no-credentials';
}

/**
 * For a shell, where the person runs anything (`aws --profile personal`, terraform's providers):
 * hiding the credentials file would hide every profile in it, so a shell is told, not changed.
 */
export function shadowForShell(shadow: DefaultShadow | undefined): DefaultShadow | undefined {
  if (shadow?.kind !== 'hidden') return shadow;
  return {
    kind: 'said',
    note: `your [default] profile's credentials in ~/.aws/credentials come before rolecall's endpoint in the AWS SDKs and CLI: commands here run as [default] unless they name a profile (rolecall exec --live hides them from its command).`,
  };
}
