// `rolecall shell PROFILE`: a live shell in this terminal, as `s` opens on the dashboard, served
// by the running rolecall (the dashboard or `rolecall agent`): its credentials follow refreshes
// and `rolecall use`, and the agent lists it with its session. With no agent running, or with
// shellCredentials static, the shell gets the keys it starts with, and says so.
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { askAgent } from '../live/agent-client';
import { privateDirectoryProblem, socketToAsk } from '../live/agent-paths';
import { defaultShadow, shadowForShell } from '../live/default-shadow';
import { liveShell, shellFollowsRefreshes } from '../live/live-shell';
import { PROTOCOL_VERSION } from '../live/protocol';
import { LoadedProfiles } from '../profiles/loaded-profiles';
import { readSettingsForCommand } from '../settings/quick-read';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { childEnvironment } from '../shells/child-env';
import type { SelfCommand } from '../shells/self-command';
import { FALLBACK_SHELL } from '../shells/session-shell';
import { runCommand } from '../terminal/run-child';
import { type AgentChoice, askAgentWithMfa, sessionFor } from './agent-session';
import { sayNotStarted } from './find-command';
import { refuseNesting } from './nesting-check';
import { CommandError, type ProfileSessionOptions } from './profile-session';

export async function runShellCommand(
  options: ProfileSessionOptions & AgentChoice & { self: SelfCommand | undefined; force: boolean },
): Promise<number> {
  const parent = options.env;
  const { settings } = await readSettingsForCommand(parent);
  const mode = settings.shellCredentials ?? DEFAULT_SETTINGS.shellCredentials;
  const shell = parent.SHELL || FALLBACK_SHELL;
  // Before any credentials are asked for: a refused shell spends no MFA code and opens no client.
  await refuseNesting(parent, options.profile, options.force);
  // A shell with no prompt hook (sh, dash) cannot follow exported keys: it gets them as they are.
  const follows = mode === 'endpoint' || shellFollowsRefreshes(parent);
  if (options.agent && mode !== 'static' && options.self && follows) {
    const socket = socketToAsk(parent);
    // The start-up files go beside the agent's socket, in its 0700 directory; a shell sources
    // them, so a directory named from outside is checked before an agent there is asked (no code
    // spent for a refused shell), and again before writing. Where no socket is, none answers.
    const dir = dirname(socket);
    if (existsSync(socket)) refuseOpenDirectory(dir, socket);
    const caller = { command: 'shell', pid: process.pid };
    const opened = await askAgentWithMfa(
      socket,
      'open',
      options.profile,
      (mfaCode) => ({
        v: PROTOCOL_VERSION,
        caller,
        op: 'open',
        kind: 'shell',
        mode,
        profile: options.profile,
        label: basename(shell),
        ...(mfaCode ? { mfaCode } : {}),
      }),
      options.mfaCode,
    );
    if (opened) {
      const close = () =>
        askAgent(socket, { v: PROTOCOL_VERSION, caller, op: 'close', client: opened.client.id }).catch(
          (error: Error) => process.stderr.write(`rolecall: ${error.message}\n`),
        );
      try {
        refuseOpenDirectory(dir, socket);
        for (const note of opened.notes) process.stderr.write(`rolecall: ${note}\n`);
        const shadow =
          mode === 'endpoint'
            ? shadowForShell(await defaultShadow(parent, (e) => new LoadedProfiles(e).read()))
            : undefined;
        const child = liveShell({
          opened,
          socket,
          self: options.self,
          parent,
          dir,
          ...(shadow ? { shadow } : {}),
        });
        process.stderr.write(`${child.banner}\n`);
        return await runCommand(
          child.command,
          [...(child.args ?? [])],
          child.env,
          sayNotStarted(child.command),
        );
      } finally {
        await close();
      }
    }
  }
  // The nesting was refused above, before any credentials were asked for.
  const { credentials, identity, notes } = await sessionFor(options, 'shell');
  for (const note of notes) process.stderr.write(`rolecall: ${note}\n`);
  const why =
    mode === 'static'
      ? 'shellCredentials is static'
      : !follows
        ? `${basename(shell)} has no prompt hook rolecall knows; bash, zsh and fish have`
        : 'no rolecall is running to keep them fresh; start the dashboard or rolecall agent first';
  process.stderr.write(
    `rolecall: shell as ${options.profile}: its credentials stay as they are now (${why}). exit to go back.\n`,
  );
  return runCommand(shell, [], childEnvironment(parent, credentials, identity), sayNotStarted(shell));
}

function refuseOpenDirectory(dir: string, socket: string): void {
  const problem = privateDirectoryProblem(dir);
  if (problem)
    throw new CommandError(
      `${problem}: a live shell's start-up files go beside the agent's socket (${socket}), in a directory only you can open. Check ROLECALL_AGENT_SOCK, or pass --no-agent for a shell with the keys it starts with.`,
    );
}
