// Where the agent listens: a directory only its owner can enter ($XDG_RUNTIME_DIR/rolecall, which
// the system empties at logout, else rolecall's cache directory), and in it the well-known socket
// `agent.sock`, or `agent-<pid>.sock` for a second agent while another holds the well-known one.
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';

export const WELL_KNOWN_SOCKET = 'agent.sock';

/** The socket another rolecall finds the agent at, when ROLECALL_AGENT_SOCK does not say. */
export function agentSocketPath(env: NodeJS.ProcessEnv): string {
  return join(agentDirectory(env), WELL_KNOWN_SOCKET);
}

/** Where an agent listens when a live one already holds the well-known socket. */
export function ownSocketPath(dir: string, pid: number): string {
  return join(dir, `agent-${pid}.sock`);
}

/** The socket a command asks: the one its rolecall shell was given, else the well-known one. */
export function socketToAsk(env: NodeJS.ProcessEnv): string {
  return env.ROLECALL_AGENT_SOCK || agentSocketPath(env);
}

/**
 * $XDG_RUNTIME_DIR/rolecall when XDG_RUNTIME_DIR names a directory of ours (systemd makes it
 * 0700 and per user; a value inherited through sudo names another user's), else the cache
 * directory's agent/. Not created here: see ensureAgentDirectory.
 */
export function agentDirectory(env: NodeJS.ProcessEnv): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime?.startsWith('/')) {
    try {
      const stat = lstatSync(runtime);
      if (stat.isDirectory() && (process.getuid === undefined || stat.uid === process.getuid()))
        return join(runtime, 'rolecall');
    } catch {
      // Not there: the cache directory instead.
    }
  }
  return join(envPaths('rolecall', { suffix: '' }).cache, 'agent');
}

export class AgentDirectoryError extends Error {
  override name = 'AgentDirectoryError';
}

/**
 * Makes the directory (mode 0700) or checks the one there: a real directory (not a link someone
 * could point elsewhere), ours, and closed to group and others. Ours but open (an older umask, a
 * copy) is closed again; anyone else's is refused, since its owner could read or replace the socket.
 */
export function ensureAgentDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory())
    throw new AgentDirectoryError(
      `${dir} is not a directory (a link or a file): the agent's socket must be in a directory only you can open. Remove it and start the agent again.`,
    );
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid)
    throw new AgentDirectoryError(
      `${dir} belongs to another user (uid ${stat.uid}): the agent's socket must be in a directory only you can open. Remove it, or set XDG_RUNTIME_DIR to your own.`,
    );
  if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/**
 * Why `dir` is not a directory only we can open, or undefined when it is: it must be a real
 * directory (not a link), ours, with no group or other bits. Unlike ensureAgentDirectory it
 * changes nothing: for a directory named from outside (ROLECALL_AGENT_SOCK), whose files a shell
 * will source. A directory that is not there is no problem here: nothing answers in it.
 */
export function privateDirectoryProblem(dir: string): string | undefined {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(dir);
  } catch {
    return undefined;
  }
  if (!stat.isDirectory()) return `${dir} is not a directory (a link or a file)`;
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) return `${dir} belongs to another user (uid ${stat.uid})`;
  if ((stat.mode & 0o077) !== 0)
    return `${dir} is open to others (mode ${(stat.mode & 0o777).toString(8).padStart(3, '0')})`;
  return undefined;
}
