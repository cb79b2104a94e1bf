// `rolecall exec PROFILE -- CMD ARGS…`: CMD runs with the session's environment (credentials in
// the environment only, never in its arguments), gets the signals rolecall gets, and its exit
// code is rolecall's. With --live, CMD gets the agent's container-credentials endpoint instead
// of keys, and the SDKs in it fetch fresh credentials from it for as long as it runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { basename } from 'node:path';
import { askAgent } from '../live/agent-client';
import { socketToAsk } from '../live/agent-paths';
import { liveClientEnvironment } from '../live/endpoint-env';
import { PROTOCOL_VERSION } from '../live/protocol';
import { childEnvironment, nestingRefusal } from '../shells/child-env';
import { type AgentChoice, askAgentWithMfa, sessionFor } from './agent-session';
import { type CommandProblem, commandProblem, spawnProblem } from './find-command';
import { refuseNesting } from './nesting-check';
import { CommandError, type ProfileSessionOptions } from './profile-session';

// The terminal sends Ctrl-C and Ctrl-\ to the whole process group, the command included: passed
// on again they would arrive twice (a second SIGINT makes terraform abort at once). So while the
// command runs rolecall ignores those, and passes on only what is sent to rolecall alone.
const FORWARDED = ['SIGTERM', 'SIGHUP'] as const;
const LEFT_TO_THE_COMMAND = ['SIGINT', 'SIGQUIT'] as const;

export async function runExecCommand(
  options: ProfileSessionOptions & AgentChoice & { command: string[]; force: boolean; live?: boolean },
): Promise<number> {
  const [file, ...args] = options.command;
  if (!file) throw new CommandError('Name a command to run after --, e.g. rolecall exec prod -- aws s3 ls.');
  const parent = options.env;
  // Before the role is assumed (and an MFA code spent) for a command that cannot start.
  const cannot = commandProblem(file, parent);
  if (cannot) return refuse(cannot);
  if (options.live) return runLive(file, args, options);
  const { credentials, identity, notes } = await sessionFor(
    {
      ...options,
      // Refused before an MFA code is asked for and spent.
      before: (who) => {
        const refusal = nestingRefusal(parent, who, options.force);
        if (refusal) throw new CommandError(refusal);
      },
    },
    'exec',
  );
  for (const note of notes) process.stderr.write(`rolecall: ${note}\n`);
  return runCommand(file, args, childEnvironment(parent, credentials, identity));
}

/** `exec --live`: the command is a client of the agent for as long as it runs, then closed. */
async function runLive(
  file: string,
  args: string[],
  options: ProfileSessionOptions & { command: string[]; force: boolean },
): Promise<number> {
  // As the direct path does, and before the agent is asked: no code spent, no client opened.
  await refuseNesting(options.env, options.profile, options.force);
  const socket = socketToAsk(options.env);
  const opened = await askAgentWithMfa(
    socket,
    'open',
    options.profile,
    (mfaCode) => ({
      v: PROTOCOL_VERSION,
      caller: { command: 'exec --live', pid: process.pid },
      op: 'open',
      kind: 'command',
      mode: 'endpoint',
      profile: options.profile,
      label: labelOf(file, args),
      ...(mfaCode ? { mfaCode } : {}),
    }),
    options.mfaCode,
  );
  if (!opened)
    throw new CommandError(
      `exec --live needs a running rolecall (the dashboard, or rolecall agent); none answers at ${socket}.`,
    );
  for (const note of opened.notes ?? []) process.stderr.write(`rolecall: ${note}\n`);
  const env = liveClientEnvironment(options.env, opened);
  try {
    return await runCommand(file, args, env);
  } finally {
    // Its token stops working at once. An agent gone meanwhile has nothing left to close.
    await askAgent(socket, {
      v: PROTOCOL_VERSION,
      caller: { command: 'exec --live', pid: process.pid },
      op: 'close',
      client: opened.client.id,
    }).catch((error: Error) => process.stderr.write(`rolecall: ${error.message}\n`));
  }
}

/**
 * What the dashboard calls the command: its program and a subcommand ("terraform apply"), never
 * the rest of the line, which may carry what is not for display.
 */
export function labelOf(file: string, args: readonly string[]): string {
  const [word] = args;
  const program = basename(file);
  return word && /^[a-z][a-z0-9-]{0,30}$/i.test(word) ? `${program} ${word}` : program;
}

export async function runCommand(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
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
