// `rolecall exec PROFILE -- CMD ARGS…`: CMD runs with the session's environment (credentials in
// the environment only, never in its arguments), gets the signals rolecall gets, and its exit
// code is rolecall's.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { childEnvironment, nestingRefusal } from '../shells/child-env';
import { CommandError, type ProfileSessionOptions, profileSession } from './profile-session';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

export async function runExecCommand(
  options: ProfileSessionOptions & { command: string[]; force: boolean },
): Promise<number> {
  // `--` separates rolecall's options from the command's; it is not part of the command.
  const [file, ...args] = options.command[0] === '--' ? options.command.slice(1) : options.command;
  if (!file) throw new CommandError('Name a command to run after --, e.g. rolecall exec prod -- aws s3 ls.');
  const parent = options.env ?? process.env;
  const { credentials, identity, notes } = await profileSession(options);
  const refusal = nestingRefusal(parent, identity, options.force);
  if (refusal) throw new CommandError(refusal);
  for (const note of notes) process.stderr.write(`rolecall: ${note}\n`);

  const child = spawn(file, args, { stdio: 'inherit', env: childEnvironment(parent, credentials, identity) });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new CommandError(
            `Could not run ${file}: ${error.code === 'ENOENT' ? 'no such command' : error.message}.`,
          ),
        ),
      );
      // A child ended by a signal exits as shells report it: 128 + the signal's number.
      child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
  } finally {
    for (const signal of FORWARDED) process.off(signal, forward);
  }
}
