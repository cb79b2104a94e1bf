// `rolecall exec PROFILE -- CMD ARGS…`: CMD runs with the session's environment (credentials in
// the environment only, never in its arguments), gets the signals rolecall gets, and its exit
// code is rolecall's. With --live, CMD gets the agent's container-credentials endpoint instead
// of keys, and the SDKs in it fetch fresh credentials from it for as long as it runs.
import { basename } from 'node:path';
import { askAgent } from '../live/agent-client';
import { socketToAsk } from '../live/agent-paths';
import { defaultShadow } from '../live/default-shadow';
import { liveClientEnvironment } from '../live/endpoint-env';
import { PROTOCOL_VERSION } from '../live/protocol';
import { LoadedProfiles } from '../profiles/loaded-profiles';
import { childEnvironment } from '../shells/child-env';
import { runCommand } from '../terminal/run-child';
import { type AgentChoice, askAgentWithMfa, sessionFor } from './agent-session';
import { type CommandProblem, commandProblem, sayNotStarted } from './find-command';
import { refuseNesting } from './nesting-check';
import { CommandError, type ProfileSessionOptions } from './profile-session';

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
  // Refused before an MFA code is asked for and spent, by the agent or here.
  await refuseNesting(parent, options.profile, options.force);
  const { credentials, identity, notes } = await sessionFor(options, 'exec');
  for (const note of notes) process.stderr.write(`rolecall: ${note}\n`);
  return runCommand(file, args, childEnvironment(parent, credentials, identity), sayNotStarted(file));
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
  // A [default] profile with credentials would win over the endpoint in the command's SDKs.
  const shadow = await defaultShadow(options.env, (e) => new LoadedProfiles(e).read());
  if (shadow) process.stderr.write(`rolecall: ${shadow.note}\n`);
  const env = liveClientEnvironment(options.env, opened, shadow?.kind === 'hidden' ? shadow.set : {});
  try {
    return await runCommand(file, args, env, sayNotStarted(file));
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

function refuse(problem: CommandProblem): number {
  process.stderr.write(`rolecall: ${problem.message}\n`);
  return problem.exitCode;
}
