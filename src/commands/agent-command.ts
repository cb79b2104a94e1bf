// `rolecall agent`: the dashboard's live service without the interface, like ssh-agent; and
// `rolecall agent --status`, what a running agent (or dashboard) serves and to whom.
import { askAgent } from '../live/agent-client';
import { socketToAsk } from '../live/agent-paths';
import { type AgentAnswer, PROTOCOL_VERSION } from '../live/protocol';
import { readSettingsForCommand } from '../settings/quick-read';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { CommandError, readOnlySettings } from './profile-session';

type Status = Extract<AgentAnswer, { ok: true; op: 'status' }>;

export async function runAgentStatus(options: {
  env: NodeJS.ProcessEnv;
  json: boolean;
  stdout: NodeJS.WritableStream;
}): Promise<number> {
  const socket = socketToAsk(options.env);
  const answer = await askAgent(socket, {
    v: PROTOCOL_VERSION,
    caller: { command: 'agent --status', pid: process.pid },
    op: 'status',
  }).catch((error: Error) => {
    throw new CommandError(error.message);
  });
  if (answer === undefined)
    throw new CommandError(
      `No rolecall agent runs at ${socket}. Start one with rolecall agent, or open rolecall's dashboard.`,
    );
  if (!answer.ok) throw new CommandError(`The rolecall agent at ${socket}: ${answer.message}`);
  if (answer.op !== 'status')
    throw new CommandError(`The rolecall agent at ${socket} answered ${answer.op} to status.`);
  const { ok: _ok, op: _op, ...status } = answer;
  options.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : statusText(answer));
  return 0;
}

/** The status as a person reads it: where it listens, its sessions, its clients, who got what. */
export function statusText(status: Status): string {
  const lines = [
    `rolecall agent, pid ${status.pid}, running since ${status.startedAt}`,
    `  socket    ${status.socket}`,
    `  endpoint  ${status.endpoint}`,
    '',
    status.sessions.length ? 'Sessions:' : 'No sessions.',
    ...status.sessions.map(
      (s) =>
        `  ${s.id}  ${s.expiration ? `until ${s.expiration}` : 'no expiry'}  ${count(s.clients, 'client')}`,
    ),
    '',
    status.clients.length ? 'Clients:' : 'No clients.',
    ...status.clients.map(
      (c) =>
        `  ${c.id}  ${c.kind} ${JSON.stringify(c.label)} (pid ${c.pid}, ${c.mode})  ${
          c.session ? `on ${c.session}` : 'its session was dropped'
        }  served ${count(c.served, 'time')} since ${c.openedAt}`,
    ),
    '',
    status.served.length ? 'Served:' : 'Nothing served yet.',
    ...status.served.map((r) => `  ${r.at}  ${r.caller.command} (pid ${r.caller.pid})  ${r.what}: ${r.how}`),
  ];
  return `${lines.join('\n')}\n`;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

type StartAgent = typeof import('../live/start-agent').startAgent;

/**
 * Runs the agent until SIGINT or SIGTERM: says where it listens (stderr, so that stdout stays
 * clean for scripts), then stops it, which removes its socket.
 */
export async function runAgent(options: {
  env: NodeJS.ProcessEnv;
  stderr: NodeJS.WritableStream;
  startAgent: StartAgent;
}): Promise<number> {
  const { env } = options;
  const [{ settings, notices }, { createCore }] = await Promise.all([
    readSettingsForCommand(env),
    import('../core'),
  ]);
  for (const notice of notices) options.stderr.write(`rolecall: ${notice}\n`);
  const core = createCore({ settings: readOnlySettings({ ...DEFAULT_SETTINGS, ...settings }), env });
  const agent = await options.startAgent(core, { interactive: false, shared: true });
  options.stderr.write(
    `rolecall agent listening on ${agent.socket}\n  container endpoint ${agent.endpoint}\n  Ctrl-C stops it.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await agent.stop();
  options.stderr.write('rolecall agent stopped.\n');
  return 0;
}

/** The live service's starter, loaded only when an agent starts. */
export async function loadStartAgent(): Promise<StartAgent> {
  return (await import('../live/start-agent')).startAgent;
}
