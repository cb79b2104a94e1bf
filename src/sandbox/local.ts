// The sandbox inside this process, for `rolecall --sandbox`: started, its AWS files written,
// and the environment that points the AWS SDK, the CLI and spawned shells at it.
import { onExit } from 'signal-exit';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from './aws-files';
import type { Fault } from './fault';
import { seedWorld } from './seed';
import { startSandbox } from './server';

/**
 * Variables that would take calls away from the sandbox: a service-specific endpoint wins over
 * AWS_ENDPOINT_URL (aws-reference.md section 5), a profile or exported keys win over the
 * sandbox's files. Left set, they would send requests to real AWS or with real keys.
 */
export const SHADOWING_VARIABLES = [
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_IAM',
  'AWS_ENDPOINT_URL_SSO',
  'AWS_ENDPOINT_URL_SSO_OIDC',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
] as const;

export interface LocalSandbox {
  endpoint: string;
  files: SandboxAwsFiles;
  /** Its MFA devices with their seeds: the interface shows their current codes. */
  devices: Array<{ serial: string; secret: string }>;
  stop(): Promise<void>;
}

/** The variables that point at a sandbox: set these, unset SHADOWING_VARIABLES. */
export function sandboxVariables(endpoint: string, files: SandboxAwsFiles): Record<string, string> {
  return {
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    // Console sign-in's getSigninToken, which AWS answers at signin.aws.amazon.com (federation.ts).
    ROLECALL_SIGNIN_ENDPOINT: `${endpoint}/federation`,
  };
}

/** Points `env` at the sandbox, in place: the sandbox's variables set, the shadowing ones gone. */
export function pointEnvironmentAtSandbox(
  env: NodeJS.ProcessEnv,
  endpoint: string,
  files: SandboxAwsFiles,
): void {
  for (const name of SHADOWING_VARIABLES) delete env[name];
  Object.assign(env, sandboxVariables(endpoint, files));
}

export async function startLocalSandbox(
  options: {
    roles?: number;
    aliceMfaSecret?: string;
    fault?: Fault;
    newcomer?: boolean;
    /** Sessions that expire after this many seconds (see SeedOptions). */
    sessionSeconds?: number;
  } = {},
): Promise<LocalSandbox> {
  const seeded = seedWorld({
    extraRoles: options.roles ?? 0,
    ...(options.newcomer ? { newcomer: true } : {}),
    ...(options.sessionSeconds !== undefined ? { sessionSeconds: options.sessionSeconds } : {}),
    ...(options.aliceMfaSecret ? { aliceMfaSecret: options.aliceMfaSecret } : {}),
  });
  const server = await startSandbox(seeded.world, options.fault ? { fault: options.fault } : {});
  const files = writeSandboxAwsFiles(seeded, server.endpoint);
  // Also when rolecall dies by a signal (a closed terminal tab sends SIGHUP).
  const removeOnExit = onExit(() => files.remove());
  return {
    endpoint: server.endpoint,
    files,
    devices: seeded.mfa.map(({ serial, secret }) => ({ serial, secret })),
    async stop() {
      removeOnExit();
      files.remove();
      await server.close();
    },
  };
}
