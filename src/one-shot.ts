// `rolecall env PROFILE` and `rolecall credential-process PROFILE` with no options: what a shell's
// eval and the AWS CLI's credential_process run, the commonest commands by far. main.ts runs them
// here, built apart from the CLI (scripts/build.mjs: dist/one-shot/), in ~15 modules rather than
// the ~45 they take among the CLI's chunks: each module costs ~0.2 ms to find, read and link.
// They do what the CLI's env and credential-process do for the same words (cli.ts sessionFlags).
import { reportFailure } from './commands/command-failure';
import { runCredentialProcessCommand, runEnvCommand } from './commands/env-command';

export type OneShotCommand = 'env' | 'credential-process';

/** `env`: the environment main.ts read, handed to everything below. */
export async function runOneShot(
  command: OneShotCommand,
  profile: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const options = { profile, env, agent: true };
  try {
    if (command === 'env') await runEnvCommand({ ...options, format: 'sh' });
    else await runCredentialProcessCommand(options);
  } catch (error) {
    await reportFailure(error);
  }
}
