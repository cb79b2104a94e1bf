// `rolecall use [PROFILE | ROLE-ARN]`, inside a shell rolecall opened live: binds the shell to
// another session (assumed by the agent if it is not live, with a code asked for on this
// terminal when it needs one); the shell's prompt hook, or the endpoint, then hands out its
// credentials from the next command on. Alone, it says what the shell is bound to.
import { clockTime } from '../clock-time';
import { askAgent } from '../live/agent-client';
import { type AgentAnswer, PROTOCOL_VERSION, type WireClient } from '../live/protocol';
import { askAgentWithMfa } from './agent-session';
import { CommandError } from './profile-session';

export async function runUseCommand(options: {
  target: string | undefined;
  mfaCode?: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}): Promise<number> {
  const { env, target } = options;
  const socket = env.ROLECALL_AGENT_SOCK;
  const client = env.ROLECALL_CLIENT;
  if (!socket || !client)
    throw new CommandError(
      'rolecall use works in a shell rolecall opened live (s on the dashboard, in bash, zsh or fish). In this shell, eval "$(rolecall env PROFILE)" sets a profile’s credentials instead.',
    );
  const caller = { command: 'use', pid: process.pid };
  if (target === undefined) {
    const status = await askAgent(socket, { v: PROTOCOL_VERSION, caller, op: 'status' }).catch(
      (error: Error) => {
        throw new CommandError(error.message);
      },
    );
    const mine =
      status?.ok && status.op === 'status' ? status.clients.find((c) => c.id === client) : undefined;
    if (!status || !mine)
      throw new CommandError(
        'The rolecall that opened this shell has ended: the shell keeps its last credentials. Open a new one from the dashboard.',
      );
    const session =
      status.ok && status.op === 'status' ? status.sessions.find((s) => s.id === mine.session) : undefined;
    options.stdout.write(`${boundWords(mine, session?.expiration)}\n`);
    return 0;
  }
  const answer = await askAgentWithMfa(
    socket,
    'use',
    target,
    (mfaCode) => ({
      v: PROTOCOL_VERSION,
      caller,
      op: 'use',
      client,
      target,
      ...(mfaCode ? { mfaCode } : {}),
    }),
    options.mfaCode,
  );
  if (!answer)
    throw new CommandError(
      'The rolecall that opened this shell has ended: the shell keeps its last credentials. Open a new one from the dashboard.',
    );
  for (const note of answer.notes) options.stderr.write(`rolecall: ${note}\n`);
  options.stdout.write(`${usedWords(answer, target)}\n`);
  return 0;
}

function boundWords(client: WireClient, expiration: string | undefined): string {
  if (!client.session)
    return 'This shell is bound to no session: the one it had was dropped. rolecall use PROFILE binds it to another.';
  const until = expiration ? `, credentials until ${clockTime(new Date(expiration))}` : '';
  const how =
    client.mode === 'endpoint'
      ? 'served by the credentials endpoint'
      : 're-exported at each prompt after a change';
  return `This shell is bound to ${client.session}${until} (${how}).`;
}

function usedWords(answer: Extract<AgentAnswer, { ok: true; op: 'use' }>, target: string): string {
  const { exports } = answer;
  const name = exports.session ?? target;
  const arn = exports.set.ROLECALL_ROLE_ARN;
  const who = arn && arn !== name ? ` (${arn})` : '';
  return `This shell now uses ${name}${who}: commands from the next prompt on run as it.`;
}
