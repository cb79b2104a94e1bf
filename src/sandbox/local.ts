// The sandbox inside this process, for `rolecall --sandbox`: started, its AWS files written,
// and the environment that points the AWS SDK, the CLI and spawned shells at it.
import { onExit } from 'signal-exit';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from './aws-files';
import { seedWorld } from './seed';
import { startSandbox } from './server';

export interface LocalSandbox {
  endpoint: string;
  files: SandboxAwsFiles;
  /** AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_ENDPOINT_URL, AWS_REGION for this sandbox. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLocalSandbox(options: { roles?: number } = {}): Promise<LocalSandbox> {
  const seeded = seedWorld({ extraRoles: options.roles ?? 0 });
  const server = await startSandbox(seeded.world);
  const files = writeSandboxAwsFiles(seeded, server.endpoint);
  // Also when rolecall dies by a signal (a closed terminal tab sends SIGHUP).
  const removeOnExit = onExit(() => files.remove());
  return {
    endpoint: server.endpoint,
    files,
    env: {
      AWS_CONFIG_FILE: files.configFile,
      AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
      AWS_ENDPOINT_URL: server.endpoint,
      AWS_REGION: 'us-east-1',
    },
    async stop() {
      removeOnExit();
      files.remove();
      await server.close();
    },
  };
}
