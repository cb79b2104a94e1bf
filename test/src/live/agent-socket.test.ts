// The agent's socket as another process meets it: who may connect (modes), what is answered
// (one line each way, bounded, checked), and what happens to a socket already there.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { askAgent } from '../../../src/live/agent-client';
import {
  agentDirectory,
  ensureAgentDirectory,
  ownSocketPath,
  privateDirectoryProblem,
} from '../../../src/live/agent-paths';
import {
  AgentRunningError,
  type AgentSocket,
  listenAgentSocket,
  listenInAgentDirectory,
  MAX_REQUEST_BYTES,
} from '../../../src/live/agent-socket';
import type { AgentAnswer, AgentRequest } from '../../../src/live/protocol';
import { removeTempDirs, tempConfigDir } from '../../helpers/temp-dirs';

afterAll(removeTempDirs);
const open: AgentSocket[] = [];
afterEach(async () => {
  for (const socket of open.splice(0)) await socket.close();
});

const status: AgentRequest = { v: 1, caller: { command: 'test', pid: 1 }, op: 'status' };
const served = (what: string): AgentAnswer => ({
  ok: true,
  op: 'status',
  pid: 1,
  startedAt: '2026-01-01T00:00:00Z',
  socket: what,
  endpoint: 'http://127.0.0.1:1/rolecall/credentials',
  sessions: [],
  clients: [],
  served: [],
});

async function listen(
  path: string,
  handle: (request: AgentRequest) => Promise<AgentAnswer> = async () => served('here'),
  options: Parameters<typeof listenAgentSocket>[2] = {},
) {
  const socket = await listenAgentSocket(path, handle, options);
  open.push(socket);
  return socket;
}

/** Sends raw bytes and reads everything the agent sends back until it closes the connection. */
function exchange(path: string, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The agent closes a too-long request's connection while the rest is still being sent.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve(text);
      else reject(error);
    });
    socket.on('close', () => resolve(text));
    socket.write(bytes);
  });
}

/** A socket file left by an agent that was killed: there, but nobody listens on it. */
async function deadSocket(path: string): Promise<void> {
  const child = spawn(process.execPath, [
    '-e',
    `require('net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`,
  ]);
  await new Promise((resolve) => child.once('exit', resolve));
  expect(lstatSync(path).isSocket()).toBe(true);
}

describe("the agent's directory", () => {
  it('is made 0700, and an open one of ours is closed again', () => {
    const dir = join(tempConfigDir(), 'agent');
    ensureAgentDirectory(dir);
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
    chmodSync(dir, 0o755);
    ensureAgentDirectory(dir);
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses a link in its place, which could point anywhere', () => {
    const base = tempConfigDir();
    mkdirSync(join(base, 'elsewhere'));
    symlinkSync(join(base, 'elsewhere'), join(base, 'agent'));
    expect(() => ensureAgentDirectory(join(base, 'agent'))).toThrow(/not a directory \(a link or a file\)/);
  });

  it('named from outside, is refused unless it is a real directory of ours that only we can open', () => {
    const base = tempConfigDir();
    const ours = join(base, 'ours');
    mkdirSync(ours, { mode: 0o700 });
    expect(privateDirectoryProblem(ours)).toBeUndefined();
    expect(privateDirectoryProblem(join(base, 'not-there'))).toBeUndefined();
    chmodSync(ours, 0o755);
    expect(privateDirectoryProblem(ours)).toBe(`${ours} is open to others (mode 755)`);
    // Nothing changed: whoever named it decides.
    expect(lstatSync(ours).mode & 0o777).toBe(0o755);
    symlinkSync(ours, join(base, 'link'));
    expect(privateDirectoryProblem(join(base, 'link'))).toBe(
      `${join(base, 'link')} is not a directory (a link or a file)`,
    );
    expect(privateDirectoryProblem('/')).toMatch(/belongs to another user \(uid 0\)|open to others/);
  });

  it('is under XDG_RUNTIME_DIR when that is a directory of ours, else in the cache directory', () => {
    const runtime = tempConfigDir();
    expect(agentDirectory({ XDG_RUNTIME_DIR: runtime })).toBe(join(runtime, 'rolecall'));
    const cache = agentDirectory({ XDG_RUNTIME_DIR: join(runtime, 'missing') });
    expect(cache).toMatch(/rolecall[/\\]agent$/);
    expect(agentDirectory({})).toBe(cache);
  });
});

describe("the agent's socket", () => {
  it('is 0600 and answers one request with the handler’s answer', async () => {
    const dir = tempConfigDir();
    const path = join(dir, 'agent.sock');
    const asked: AgentRequest[] = [];
    await listen(path, async (request) => {
      asked.push(request);
      return served('from the handler');
    });
    expect(lstatSync(path).mode & 0o777).toBe(0o600);
    const answer = await askAgent(path, status);
    expect(answer).toMatchObject({ ok: true, op: 'status', socket: 'from the handler' });
    expect(asked).toEqual([status]);
  });

  it('replaces a socket a dead agent left', async () => {
    const path = join(tempConfigDir(), 'agent.sock');
    await deadSocket(path);
    expect(await askAgent(path, status)).toBeUndefined();
    await listen(path);
    expect(await askAgent(path, status)).toMatchObject({ ok: true });
  });

  it('leaves a live socket another agent linked in while it probed the dead one', async () => {
    const dir = tempConfigDir();
    const path = join(dir, 'agent.sock');
    await deadSocket(path);
    // Another agent, bound at a private name, as listenPrivately binds.
    const other = createServer((socket) => socket.end('other\n'));
    const otherName = join(dir, '.other.sock');
    await new Promise<void>((resolve) => other.listen(otherName, resolve));
    try {
      // This agent has looked at the dead socket and its probe is under way (connect() is made
      // when it is called); meanwhile the other removes the dead socket and links its own in.
      const starting = listenAgentSocket(path, async () => served('late'));
      unlinkSync(path);
      linkSync(otherName, path);
      await expect(starting).rejects.toThrow(AgentRunningError);
      expect(lstatSync(path).ino).toBe(lstatSync(otherName).ino);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('never takes over a live agent’s socket; a second agent listens on its own', async () => {
    const dir = join(tempConfigDir(), 'agent');
    mkdirSync(dir, { mode: 0o755 });
    const path = join(dir, 'agent.sock');
    await listen(path, async () => served('first'));
    await expect(listenAgentSocket(path, async () => served('second'))).rejects.toThrow(AgentRunningError);
    await expect(listenAgentSocket(path, async () => served('second'))).rejects.toThrow(
      `A rolecall agent already runs at ${path}`,
    );
    const second = await listenInAgentDirectory(dir, async () => served('second'));
    open.push(second);
    expect(second.path).toBe(ownSocketPath(dir, process.pid));
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
    expect(await askAgent(path, status)).toMatchObject({ socket: 'first' });
    expect(await askAgent(second.path, status)).toMatchObject({ socket: 'second' });
  });

  it('removes its socket when closed, but not one another agent put there since', async () => {
    const path = join(tempConfigDir(), 'agent.sock');
    const first = await listenAgentSocket(path, async () => served('first'));
    await first.close();
    expect(existsSync(path)).toBe(false);
    const gone = await listenAgentSocket(path, async () => served('gone'));
    // Its socket removed by hand, and a new agent listening there before it is closed.
    unlinkSync(path);
    await listen(path, async () => served('new'));
    await gone.close();
    expect(await askAgent(path, status)).toMatchObject({ socket: 'new' });
  });

  it('refuses what is not a request: not JSON, another version, an unknown op, a wrong field', async () => {
    const path = join(tempConfigDir(), 'agent.sock');
    let handled = 0;
    await listen(path, async () => {
      handled++;
      return served('x');
    });
    const answers = await Promise.all(
      [
        'not json\n',
        `${JSON.stringify({ ...status, v: 2 })}\n`,
        `${JSON.stringify({ ...status, op: 'run' })}\n`,
        `${JSON.stringify({ v: 1, caller: { command: 'x', pid: 1 }, op: 'credentials', profile: 7 })}\n`,
        `${JSON.stringify({ v: 1, caller: { command: 'x', pid: 1 }, op: 'credentials', profile: 'p', file: '/etc/passwd' })}\n`,
        `${JSON.stringify({ v: 1, op: 'status' })}\n`,
      ].map(async (line) => JSON.parse(await exchange(path, line))),
    );
    expect(answers.map((a) => [a.ok, a.kind])).toEqual([
      [false, 'bad-request'],
      [false, 'version'],
      [false, 'bad-request'],
      [false, 'bad-request'],
      [false, 'bad-request'],
      [false, 'bad-request'],
    ]);
    expect(answers[1].message).toContain('different versions');
    expect(answers[3].message).toBe('credentials: profile must be text.');
    expect(answers[4].message).toBe('credentials takes no field "file".');
    expect(handled).toBe(0);
  });

  it('refuses a request longer than the limit without reading it to its end', async () => {
    const path = join(tempConfigDir(), 'agent.sock');
    await listen(path);
    const text = await exchange(path, Buffer.alloc(MAX_REQUEST_BYTES * 4, 'a'));
    expect(JSON.parse(text)).toMatchObject({ ok: false, kind: 'bad-request' });
    expect(JSON.parse(text).message).toContain(`at most ${MAX_REQUEST_BYTES} bytes`);
  });

  it('says a failed handler failed, without its error’s text, and tells the agent', async () => {
    const path = join(tempConfigDir(), 'agent.sock');
    const told: unknown[] = [];
    await listen(
      path,
      async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'secretAccessKey')");
      },
      { onError: (error) => told.push(error) },
    );
    const answer = await askAgent(path, status);
    expect(answer).toEqual({
      ok: false,
      kind: 'refused',
      message: 'The agent failed to answer this status request: its terminal says why.',
    });
    expect(told).toHaveLength(1);
  });

  it('ends a connection that sends nothing', async () => {
    const path = join(tempConfigDir(), 'agent.sock');
    await listen(path, undefined, { idleMs: 200 });
    const socket = connect(path);
    const closed = await new Promise<string>((resolve) => socket.once('close', () => resolve('closed')));
    expect(closed).toBe('closed');
  });
});

describe('asking the agent', () => {
  it('finds no agent when there is no socket, or only a dead one', async () => {
    const dir = tempConfigDir();
    expect(await askAgent(join(dir, 'agent.sock'), status)).toBeUndefined();
    await deadSocket(join(dir, 'dead.sock'));
    expect(await askAgent(join(dir, 'dead.sock'), status)).toBeUndefined();
  });

  it('gives up on an agent that never answers, naming its socket', async () => {
    const path = join(tempConfigDir(), 'agent.sock');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(path, resolve));
    try {
      await expect(askAgent(path, status, { answerMs: 300 })).rejects.toThrow(
        `The rolecall agent at ${path} did not answer within 0.3 s: check it with rolecall agent --status, or pass --no-agent.`,
      );
    } finally {
      silent.close();
    }
  });

  it('says so when what answers is not an agent', async () => {
    const path = join(tempConfigDir(), 'agent.sock');
    const other = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => other.listen(path, resolve));
    try {
      await expect(askAgent(path, status)).rejects.toThrow(/answered something that is not an agent answer/);
    } finally {
      other.close();
    }
  });
});
