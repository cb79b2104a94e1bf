// The shell `s` opens on a dashboard session: live when this rolecall's agent runs and the
// setting asks for it (its credentials then follow refreshes and `rolecall use`), else the
// static shell of session-shell.ts, with the keys it starts with. Refused inside another
// rolecall shell for another identity, either way.
import { basename } from 'node:path';
import { LoadedProfiles } from '../profiles/loaded-profiles';
import type { Session } from '../sessions/store';
import type { SettingsData } from '../settings/schema';
import type { SelfCommand } from '../shells/self-command';
import { sessionShell } from '../shells/session-shell';
import type { ChildCommand } from '../terminal/hand-off';
import { defaultShadow, shadowForShell } from './default-shadow';
import { liveShell, shellFollowsRefreshes } from './live-shell';
import { PROTOCOL_VERSION } from './protocol';
import type { RunningAgent } from './start-agent';

export type DashboardShell =
  | { kind: 'refused'; reason: string }
  | {
      kind: 'shell';
      child: ChildCommand;
      /** Ends the shell's client when the shell has exited: its token stops working. */
      done(): Promise<void>;
      live: boolean;
      /** Why the shell is not what the setting asked for (the agent refused it): for the status line. */
      note?: string;
    };

export async function dashboardShell(
  session: Session,
  options: {
    agent: RunningAgent | undefined;
    mode: SettingsData['shellCredentials'];
    /** How the prompt hook runs rolecall again; without it, no hook. */
    self: SelfCommand | undefined;
    env: NodeJS.ProcessEnv;
    now: number;
  },
): Promise<DashboardShell> {
  const plain = sessionShell(session, options.env, options.now);
  if (plain.kind === 'refused') return plain;
  const { agent, self, env } = options;
  const still = { ...plain, done: async () => {}, live: false };
  // A shell with no prompt hook (sh, dash) cannot follow exported keys: the plain shell says so.
  if (!agent || options.mode === 'static' || !self) return still;
  if (options.mode === 'exported' && !shellFollowsRefreshes(env)) {
    const name = basename(env.SHELL || plain.child.command);
    const banner = `${still.child.banner} ${name} has no prompt hook rolecall knows (bash, zsh and fish have): its keys stay as they are and do not follow refreshes.`;
    return { ...still, child: { ...still.child, banner } };
  }
  const shadow =
    options.mode === 'endpoint'
      ? shadowForShell(await defaultShadow(env, (e) => new LoadedProfiles(e).read()))
      : undefined;
  const opened = await agent.service.handle({
    v: PROTOCOL_VERSION,
    caller: { command: 'dashboard', pid: process.pid },
    op: 'open-session',
    kind: 'shell',
    mode: options.mode,
    session: session.id,
    label: basename(env.SHELL || plain.child.command),
  });
  // Refused (endpoint mode on long-term keys, the session gone between the key and the answer):
  // the plain shell, saying why it is not the one the setting asked for, there and on return.
  if (!opened.ok) {
    const note = `Not a live shell: ${opened.message} It has the keys of ${session.id} as they are now.`;
    return { ...still, child: { ...still.child, banner: `rolecall: ${note}\n${still.child.banner}` }, note };
  }
  if (opened.op !== 'open') return still;
  const close = async () => {
    await agent.service.handle({
      v: PROTOCOL_VERSION,
      caller: { command: 'dashboard', pid: process.pid },
      op: 'close',
      client: opened.client.id,
    });
  };
  try {
    const child = liveShell({
      opened,
      socket: agent.socket,
      self,
      parent: env,
      dir: agent.dir,
      now: options.now,
      ...(shadow ? { shadow } : {}),
    });
    return { kind: 'shell', child, done: close, live: true };
  } catch (error) {
    await close();
    throw error;
  }
}
