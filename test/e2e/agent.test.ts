// Issue 13 end to end: `rolecall agent` from the built bin, a child process as a person starts it,
// against sandboxes on loopback. One MFA code serves a second terminal; `agent --status` says who
// got what; its socket and directory are its owner's alone; a dead agent's socket is taken over,
// a live one's is not. `exec --live` runs the JS SDK (default chain: the container endpoint)
// across real expiries (20-s sessions); the endpoint refuses what it must with 403.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAgent } from '../../src/live/agent-client';
import { PROTOCOL_VERSION } from '../../src/live/protocol';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { DEV, PROD } from '../../src/sandbox/seed';
import { ROOT, requireBuiltBin, runBuiltBin } from '../helpers/built-bin';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const WAIT = 30_000;
const LOOP = `${ROOT}test/e2e/fixtures/sdk-credentials-loop.mjs`;

interface Agent {
  child: ChildProcess;
  socket: string;
  endpoint: string;
  stderr(): string;
}

const started: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((child) => stop(child, 'SIGKILL')));
});

/** Ends a child and waits for it (SIGTERM as a person's Ctrl-C would, or SIGKILL). */
async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** The person's environment: the sandbox's AWS files and endpoint, an agent directory of its own. */
function personEnv(files: SandboxAwsFiles, sandbox: TestSandbox, runtime: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: runtime,
    ROLECALL_CONFIG_DIR: runtime,
    XDG_RUNTIME_DIR: runtime,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_ENDPOINT_URL: sandbox.endpoint,
    ROLECALL_AGENT_SOCK: '',
  };
}

/** `rolecall agent`, until it says where it listens. */
async function startAgent(env: NodeJS.ProcessEnv): Promise<Agent> {
  const child = spawn(process.execPath, [requireBuiltBin(), 'agent'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  const listening = new Promise<{ socket: string; endpoint: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The agent did not say it listens: ${stderr}`)), WAIT);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      const socket = /listening on (\S+)/.exec(stderr)?.[1];
      const endpoint = /container endpoint (\S+)/.exec(stderr)?.[1];
      if (socket && endpoint) {
        clearTimeout(timer);
        resolve({ socket, endpoint });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The agent exited (${code}): ${stderr}`));
    });
  });
  return { child, ...(await listening), stderr: () => stderr };
}

/** A GET to the endpoint as an SDK sends it, with the headers given; its status and body. */
function getCredentials(
  uri: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; type: string | undefined }> {
  const url = new URL(uri);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'GET', headers, timeout: WAIT },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('the endpoint did not answer')));
    req.on('error', reject);
    req.end();
  });
}

describe('rolecall agent, with normal-length sessions', () => {
  let sandbox: TestSandbox;
  let files: SandboxAwsFiles;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  });
  afterAll(async () => {
    files.remove();
    await sandbox.close();
  });

  it('serves a second terminal’s credential-process for another MFA profile with no code, and --status says who got what', async () => {
    const runtime = tempConfigDir();
    const env = personEnv(files, sandbox, runtime);
    const agent = await startAgent(env);
    expect(agent.socket).toBe(join(runtime, 'rolecall', 'agent.sock'));
    // Only its owner may connect: the socket 0600, in a directory 0700.
    expect(lstatSync(agent.socket).isSocket()).toBe(true);
    expect(statSync(agent.socket).mode & 0o777).toBe(0o600);
    expect(statSync(join(runtime, 'rolecall')).mode & 0o777).toBe(0o700);

    const asking = { ...env, ROLECALL_AGENT_SOCK: agent.socket };
    // The first terminal: a code for prod-readonly, which starts the agent's MFA session.
    const first = await runBuiltBin(
      ['credential-process', 'prod-readonly', '--mfa-code', await sandbox.aliceCode()],
      asking,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const readonly = JSON.parse(first.stdout);
    expect(readonly).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    // The second terminal: another profile behind the same device, and no code at all (stdin is
    // no terminal: had a code been needed, it could only have failed).
    const second = await runBuiltBin(['credential-process', 'prod-admin'], asking);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const admin = JSON.parse(second.stdout);
    const who = await sandbox
      .sts({
        accessKeyId: admin.AccessKeyId,
        secretAccessKey: admin.SecretAccessKey,
        sessionToken: admin.SessionToken,
      })
      .send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toMatch(new RegExp(`^arn:aws:sts::${PROD}:assumed-role/Admin/`));
    // Without the agent, the same command would have needed a code.
    const alone = await runBuiltBin(['credential-process', 'prod-admin', '--no-agent'], asking);
    expect(alone.code).not.toBe(0);
    expect(alone.stderr).toMatch(/MFA code/);

    const status = await runBuiltBin(['agent', '--status', '--json'], asking);
    expect(status.code).toBe(0);
    const said = JSON.parse(status.stdout);
    expect(said.pid).toBe(agent.child.pid);
    expect(said.socket).toBe(agent.socket);
    expect(said.served).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caller: expect.objectContaining({ command: 'credential-process' }),
          what: 'prod-readonly',
          how: 'assumed with an MFA code',
        }),
        expect.objectContaining({
          caller: expect.objectContaining({ command: 'credential-process' }),
          what: 'prod-admin',
          how: 'assumed through the MFA session',
        }),
      ]),
    );
    expect(said.sessions.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['prod-readonly', 'prod-admin']),
    );
    const text = await runBuiltBin(['agent', '--status'], asking);
    expect(text.stdout).toMatch(
      /credential-process \(pid \d+\) {2}prod-admin: assumed through the MFA session/,
    );
    // No secret in what it says.
    for (const out of [status.stdout, text.stdout, agent.stderr()])
      expect(out).not.toContain(admin.SecretAccessKey);

    await stop(agent.child);
    expect(existsSync(agent.socket)).toBe(false);
  }, 120_000);

  it('replaces a dead agent’s socket, and does not take over a live one’s', async () => {
    const runtime = tempConfigDir();
    const env = personEnv(files, sandbox, runtime);
    const dead = await startAgent(env);
    await stop(dead.child, 'SIGKILL');
    // Killed: nothing removed its socket.
    expect(lstatSync(dead.socket).isSocket()).toBe(true);

    const next = await startAgent(env);
    expect(next.socket).toBe(dead.socket);
    const status = await runBuiltBin(['agent', '--status', '--json'], { ...env, ROLECALL_AGENT_SOCK: '' });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).pid).toBe(next.child.pid);

    // A second agent while this one lives: a socket of its own; the well-known one still answers the first.
    const second = await startAgent(env);
    expect(second.socket).toBe(join(runtime, 'rolecall', `agent-${second.child.pid}.sock`));
    const again = await runBuiltBin(['agent', '--status', '--json'], { ...env, ROLECALL_AGENT_SOCK: '' });
    expect(JSON.parse(again.stdout).pid).toBe(next.child.pid);
    await Promise.all([stop(second.child), stop(next.child)]);
  }, 120_000);
});

describe('rolecall agent, with 20-second sessions', () => {
  let sandbox: TestSandbox;
  let files: SandboxAwsFiles;
  let agent: Agent;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ sessionSeconds: 20 });
    files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
    // The sandbox's files have a [default] with keys, which the SDKs would take before the
    // container endpoint: exec --live hides the credentials file from the command, and says so.
    expect(readFileSync(files.credentialsFile, 'utf8')).toMatch(/^\[default\]\naws_access_key_id/m);
    env = personEnv(files, sandbox, tempConfigDir());
    agent = await startAgent(env);
    env.ROLECALL_AGENT_SOCK = agent.socket;
  });
  afterAll(async () => {
    await stop(agent.child);
    files.remove();
    await sandbox.close();
  });

  it('exec --live: the JS SDK started before a refresh keeps working past its first keys’ end', async () => {
    const run = await runBuiltBin(
      ['exec', '--live', 'dev-developer', '--', process.execPath, LOOP],
      env,
      ROOT,
    );
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(run.stderr).toContain(
      `rolecall: your [default] profile's credentials in ${files.credentialsFile} would come before`,
    );
    expect(run.code).toBe(0);
    const calls = lines.filter((l) => 'arn' in l);
    const keys = new Set(calls.map((l) => l.key));
    // Every call answered as the role, with more than one key over the run.
    for (const call of calls)
      expect(call.arn).toMatch(new RegExp(`^arn:aws:sts::${DEV}:assumed-role/Developer/`));
    expect(keys.size).toBeGreaterThanOrEqual(2);
    // The first key was refused by the end, so the calls after its end used newer ones.
    const last = lines.at(-1);
    expect(last).toEqual({ first: calls[0]?.key, refused: 'ExpiredToken' });
    const firstEnds = Date.parse(calls[0]?.expiration);
    expect(calls.at(-1)?.key).not.toBe(calls[0]?.key);
    expect(Date.parse(calls.at(-1)?.expiration)).toBeGreaterThan(firstEnds);
  }, 180_000);

  it('the endpoint answers a live token, and 403 to no token, a wrong one, an ended command’s or closed shell’s, and a Host that is not loopback', async () => {
    const caller = { command: 'test', pid: process.pid };
    const opened = await askAgent(agent.socket, {
      v: PROTOCOL_VERSION,
      caller,
      op: 'open',
      kind: 'shell',
      mode: 'endpoint',
      profile: 'dev-developer',
      label: 'bash',
    });
    if (!opened?.ok || opened.op !== 'open') throw new Error(`Not opened: ${JSON.stringify(opened)}`);
    const { uri, token } = opened.endpoint;
    expect(uri).toBe(agent.endpoint);
    const port = new URL(uri).port;

    const good = await getCredentials(uri, { Authorization: token });
    expect(good.status).toBe(200);
    expect(good.type).toMatch(/^application\/json/);
    expect(Object.keys(JSON.parse(good.body)).sort()).toEqual([
      'AccessKeyId',
      'Expiration',
      'SecretAccessKey',
      'Token',
    ]);

    const refusals = {
      'no token': await getCredentials(uri, {}),
      'a wrong token': await getCredentials(uri, { Authorization: `${token.slice(0, -1)}x` }),
      'a Host that is not loopback': await getCredentials(uri, {
        Authorization: token,
        Host: `rebound.example:${port}`,
      }),
    };
    // An ended command's token: exec --live prints it (it is the command's own), then ends.
    const ended = await runBuiltBin(
      [
        'exec',
        '--live',
        'dev-developer',
        '--',
        process.execPath,
        '-e',
        'console.log(process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN)',
      ],
      env,
    );
    expect(ended.code).toBe(0);
    const endedToken = ended.stdout.trim();
    expect(endedToken).toMatch(/^[\w-]{43,}$/);
    // A closed shell's token.
    const closed = await askAgent(agent.socket, {
      v: PROTOCOL_VERSION,
      caller,
      op: 'close',
      client: opened.client.id,
    });
    expect(closed).toEqual({ ok: true, op: 'close' });
    const after = {
      ...refusals,
      'an ended command’s token': await getCredentials(uri, { Authorization: endedToken }),
      'a closed shell’s token': await getCredentials(uri, { Authorization: token }),
    };
    for (const [what, answer] of Object.entries(after)) {
      expect({ what, status: answer.status }).toEqual({ what, status: 403 });
      expect(JSON.parse(answer.body)).toEqual({ Message: expect.any(String) });
      expect(answer.body).not.toContain(token);
    }
  }, 120_000);
});
