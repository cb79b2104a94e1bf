// The agent's end of its Unix socket: one JSON request line in, one JSON answer line out, then
// the connection ends. Only its owner can connect (the socket is 0600 in a 0700 directory); a
// socket left by a dead agent is replaced, a live agent's is never taken over.
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, lstatSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { ensureAgentDirectory, ownSocketPath, WELL_KNOWN_SOCKET } from './agent-paths';
import type { AgentAnswer, AgentRefusal, AgentRequest } from './protocol';
import { readAgentRequest } from './request-shape';

/** A request is a few names; anything this long is not one, and is not read to its end. */
export const MAX_REQUEST_BYTES = 64 * 1024;
/** How long a connection may sit without sending its request. */
const IDLE_MS = 10_000;
/** How long a socket already there has to answer before it counts as a live agent that hangs. */
const PROBE_MS = 2_000;

export interface AgentSocket {
  path: string;
  close(): Promise<void>;
}

export interface AgentSocketOptions {
  idleMs?: number;
  /** Told when the handler throws (the person asking gets a refusal without the error's text). */
  onError?: (error: unknown, op: AgentRequest['op']) => void;
}

export class AgentRunningError extends Error {
  override name = 'AgentRunningError';
  constructor(readonly path: string) {
    super(`A rolecall agent already runs at ${path}: rolecall agent --status says what it serves.`);
  }
}

export async function listenAgentSocket(
  path: string,
  handle: (request: AgentRequest) => Promise<AgentAnswer>,
  options: AgentSocketOptions = {},
): Promise<AgentSocket> {
  await clearDeadSocket(path);
  const connections = new Set<Socket>();
  // Half-open: a client that ends its side after a line still gets its answer.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    serve(socket, handle, options);
  });
  await listenPrivately(server, path);
  // Our own socket, told apart from one a later agent put at the same path after ours went.
  const { ino, dev } = lstatSync(path);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of connections) socket.destroy();
        server.close(() => resolve());
        try {
          const now = lstatSync(path);
          if (now.ino === ino && now.dev === dev) unlinkSync(path);
        } catch {
          // Already gone.
        }
      }),
  };
}

/**
 * Listens in the agent's directory (made 0700, or checked): on agent.sock, or on
 * agent-<pid>.sock while a live agent holds the well-known one (the dashboard started while
 * `rolecall agent` runs, say). A command asking finds the second through ROLECALL_AGENT_SOCK.
 */
export async function listenInAgentDirectory(
  dir: string,
  handle: (request: AgentRequest) => Promise<AgentAnswer>,
  options: AgentSocketOptions = {},
): Promise<AgentSocket> {
  ensureAgentDirectory(dir);
  try {
    return await listenAgentSocket(join(dir, WELL_KNOWN_SOCKET), handle, options);
  } catch (error) {
    if (!(error instanceof AgentRunningError)) throw error;
    return listenAgentSocket(ownSocketPath(dir, process.pid), handle, options);
  }
}

/** A socket already at `path`: refused when an agent answers on it, removed when none does. */
async function clearDeadSocket(path: string): Promise<void> {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket())
    throw new Error(
      `${path} is there and is not a socket: the agent does not remove it. Look at what it is.`,
    );
  const alive = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    const timer = setTimeout(() => {
      probe.destroy();
      resolve(true);
    }, PROBE_MS);
    probe.once('connect', () => {
      clearTimeout(timer);
      probe.destroy();
      resolve(true);
    });
    probe.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code !== 'ECONNREFUSED' && error.code !== 'ENOENT');
    });
  });
  if (alive) throw new AgentRunningError(path);
  // Only the socket that was found dead: another agent starting at the same time may have removed
  // it and linked its own live one in while the probe ran (the probe then met no socket, ENOENT).
  // Removing that one would leave it serving on a name nobody finds. What is there now is left,
  // and the link in listenPrivately then fails: an agent runs there. (Node has no flock; a lock
  // file would need its own stale-lock rule, and the window left here is one lstat to one unlink.)
  let now: ReturnType<typeof lstatSync>;
  try {
    now = lstatSync(path);
  } catch {
    return;
  }
  if (now.ino !== stat.ino || now.dev !== stat.dev) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Binds a name of its own first, then links the socket in at `path`: link() fails when the name
 * is taken, so two agents starting at once cannot both take it; and libuv, which unlinks the
 * name it bound when the server closes, then removes only that private name (long gone), never
 * the socket of an agent that came after. The socket is 0600 as it is bound (umask), so there
 * is no moment anyone else could connect; chmod is for a process where the umask cannot be set.
 */
function listenPrivately(server: Server, path: string): Promise<void> {
  const bound = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    let previous: number | undefined;
    try {
      previous = process.umask(0o177);
    } catch {
      // Worker threads may not set it: the directory's 0700 and the chmod below still hold.
    }
    try {
      server.listen(bound, () => {
        server.off('error', reject);
        try {
          chmodSync(bound, 0o600);
          linkSync(bound, path);
          unlinkSync(bound);
          resolve();
        } catch (error) {
          server.close();
          reject((error as NodeJS.ErrnoException).code === 'EEXIST' ? new AgentRunningError(path) : error);
        }
      });
    } finally {
      // The umask is the whole process's, and the dashboard writes files of its own (settings, the
      // AWS config) in this process: safe only because bind() happens inside listen(),
      // synchronously, and nothing between the set and this restore awaits or yields, so no other
      // code runs under 0177. Keep it so: no await in this try.
      if (previous !== undefined) process.umask(previous);
    }
  });
}

function serve(
  socket: Socket,
  handle: (request: AgentRequest) => Promise<AgentAnswer>,
  options: AgentSocketOptions,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  // Then closed whole: whatever else the client sends is not read.
  const answer = (value: AgentAnswer) => {
    if (!socket.destroyed) socket.end(`${JSON.stringify(value)}\n`, () => socket.destroy());
  };
  socket.setTimeout(options.idleMs ?? IDLE_MS, () => socket.destroy());
  socket.on('error', () => {
    // A client gone mid-answer: nothing to tell anyone.
  });
  socket.on('data', (chunk: Buffer) => {
    if (done) return;
    const newline = chunk.indexOf(0x0a);
    const end = newline === -1 ? chunk.length : newline;
    size += end;
    if (size > MAX_REQUEST_BYTES) {
      done = true;
      socket.setTimeout(0);
      answer(refusal('bad-request', `A request is at most ${MAX_REQUEST_BYTES} bytes; this one is longer.`));
      return;
    }
    chunks.push(chunk.subarray(0, end));
    if (newline === -1) return;
    done = true;
    // The request is in: how long the answer takes is the service's (its AWS calls have their own timeouts).
    socket.setTimeout(0);
    const read = readAgentRequest(Buffer.concat(chunks).toString('utf8'));
    if ('ok' in read) return answer(read);
    handle(read).then(answer, (error: unknown) => {
      options.onError?.(error, read.op);
      answer(
        refusal('refused', `The agent failed to answer this ${read.op} request: its terminal says why.`),
      );
    });
  });
  socket.on('end', () => {
    if (!done) {
      done = true;
      answer(refusal('bad-request', 'The request ended without a newline: send one JSON line.'));
    }
  });
}

const refusal = (kind: AgentRefusal['kind'], message: string): AgentRefusal => ({ ok: false, kind, message });
