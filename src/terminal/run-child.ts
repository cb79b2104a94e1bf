// A child that has the terminal while it runs (`rolecall exec`'s command, `rolecall shell`'s
// shell): it gets the signals meant for it alone, and its exit code is rolecall's.
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';

// The terminal sends Ctrl-C and Ctrl-\ to the whole process group, the command included: passed
// on again they would arrive twice (a second SIGINT makes terraform abort at once). So while the
// command runs rolecall ignores those, and passes on only what is sent to rolecall alone.
const FORWARDED = ['SIGTERM', 'SIGHUP'] as const;
const LEFT_TO_THE_COMMAND = ['SIGINT', 'SIGQUIT'] as const;

/**
 * Runs `file` with the terminal (stdio inherited) and gives its exit code, as a shell reports it;
 * `notStarted` says why it did not start and gives the code for that.
 */
export async function runCommand(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  notStarted: (error: NodeJS.ErrnoException) => number,
): Promise<number> {
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
    const running = spawn(file, args, { stdio: 'inherit', env });
    child = running;
    return await new Promise<number>((resolve) => {
      running.once('error', (error: NodeJS.ErrnoException) => resolve(notStarted(error)));
      // A child ended by a signal exits as shells report it: 128 + the signal's number.
      running.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
  } finally {
    for (const signal of FORWARDED) process.off(signal, forward);
    for (const signal of LEFT_TO_THE_COMMAND) process.off(signal, ignore);
  }
}
