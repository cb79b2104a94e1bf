// `rolecall exec PROFILE -- CMD ARGS…`: CMD runs with the session's environment (credentials in
// the environment only, never in its arguments), gets the signals rolecall gets, and its exit
// code is rolecall's.
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { childEnvironment, nestingRefusal } from '../shells/child-env';
import { type CommandProblem, commandProblem, spawnProblem } from './find-command';
import { CommandError, type ProfileSessionOptions, profileSession } from './profile-session';

// The terminal sends Ctrl-C and Ctrl-\ to the whole process group, the command included: passed
// on again they would arrive twice (a second SIGINT makes terraform abort at once). So while the
// command runs rolecall ignores those, and passes on only what is sent to rolecall alone.
const FORWARDED = ['SIGTERM', 'SIGHUP'] as const;
const LEFT_TO_THE_COMMAND = ['SIGINT', 'SIGQUIT'] as const;

export async function runExecCommand(
  options: ProfileSessionOptions & { command: string[]; force: boolean },
): Promise<number> {
  const [file, ...args] = options.command;
  if (!file) throw new CommandError('Name a command to run after --, e.g. rolecall exec prod -- aws s3 ls.');
  const parent = options.env;
  // Before the role is assumed (and an MFA code spent) for a command that cannot start.
  const cannot = commandProblem(file, parent);
  if (cannot) return refuse(cannot);
  const { credentials, identity, notes } = await profileSession({
    ...options,
    // Refused before an MFA code is asked for and spent.
    before: (who) => {
      const refusal = nestingRefusal(parent, who, options.force);
      if (refusal) throw new CommandError(refusal);
    },
  });
  for (const note of notes) process.stderr.write(`rolecall: ${note}\n`);

  // Listening before the spawn: the command can be running (and its output read by whoever will
  // signal it) before spawn() returns here, and a SIGTERM that came in that gap would end rolecall
  // with nothing passed on and the command left running. Node runs signal listeners from its
  // event loop, so one caught now is handled after `child` is set.
  let child: ChildProcess | undefined;
  const forward = (signal: NodeJS.Signals) => child?.kill(signal);
  const ignore = () => {};
  for (const signal of FORWARDED) process.on(signal, forward);
  for (const signal of LEFT_TO_THE_COMMAND) process.on(signal, ignore);
  try {
    const running = spawn(file, args, {
      stdio: 'inherit',
      env: childEnvironment(parent, credentials, identity),
    });
    child = running;
    return await new Promise<number>((resolve) => {
      running.once('error', (error: NodeJS.ErrnoException) => resolve(refuse(spawnProblem(file, error))));
      // A child ended by a signal exits as shells report it: 128 + the signal's number.
      running.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
  } finally {
    for (const signal of FORWARDED) process.off(signal, forward);
    for (const signal of LEFT_TO_THE_COMMAND) process.off(signal, ignore);
  }
}

function refuse(problem: CommandProblem): number {
  process.stderr.write(`rolecall: ${problem.message}\n`);
  return problem.exitCode;
}
