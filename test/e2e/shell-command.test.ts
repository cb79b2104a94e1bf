// `rolecall shell PROFILE` end to end: with `rolecall agent` running (the built bin, headless),
// a live bash in a real pseudo-terminal, listed by the agent while it runs and gone from its list
// when it exits; with no agent, a shell with the keys it starts with, saying so.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { requireBuiltBin, runBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let agent: ChildProcess | undefined;
let shell: PtyRun | undefined;
let env: NodeJS.ProcessEnv;
let socket: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  const home = tempConfigDir();
  const runtime = tempConfigDir();
  socket = join(runtime, 'rolecall', 'agent.sock');
  env = {
    PATH: process.env.PATH,
    HOME: home,
    SHELL: '/bin/bash',
    XDG_RUNTIME_DIR: runtime,
    ROLECALL_CONFIG_DIR: join(home, 'rolecall'),
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});
afterAll(async () => {
  files.remove();
  await sandbox.close();
});
afterEach(async () => {
  shell?.kill();
  shell = undefined;
  if (agent && agent.exitCode === null) {
    const ended = new Promise((resolve) => agent?.once('exit', resolve));
    agent.kill('SIGTERM');
    await ended;
  }
  agent = undefined;
});

/** `rolecall agent`, resolved once it says where it listens. */
async function startAgent(): Promise<void> {
  const started = spawn(process.execPath, [requireBuiltBin(), 'agent'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  agent = started;
  let said = '';
  await new Promise<void>((resolve, reject) => {
    started.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('listening on')) resolve();
    });
    started.once('exit', (code) => reject(new Error(`rolecall agent exited (${code}): ${said}`)));
  });
  expect(existsSync(socket)).toBe(true);
}

async function clients(): Promise<Array<{ label: string; session?: string; kind: string }>> {
  const status = await runBuiltBin(['agent', '--status', '--json'], { ...env, ROLECALL_AGENT_SOCK: socket });
  expect(status.code).toBe(0);
  return JSON.parse(status.stdout).clients;
}

describe('rolecall shell', () => {
  it('opens a live shell the running agent lists while it runs, and forgets when it exits', async () => {
    await startAgent();
    shell = runInPty(process.execPath, [requireBuiltBin(), 'shell', 'dev-developer'], {
      env: { ...env, ROLECALL_AGENT_SOCK: socket },
    });
    await shell.waitForText('live shell as dev-developer');
    shell.type('echo "client=$ROLECALL_CLIENT profile=$ROLECALL_PROFILE"\r');
    await shell.waitFor(
      (screen) => /client=[0-9a-f]{12} profile=dev-developer/.test(screen),
      'the shell’s client',
    );
    expect(await clients()).toEqual([
      expect.objectContaining({ kind: 'shell', label: 'bash', session: 'dev-developer' }),
    ]);
    shell.type('exit\r');
    expect((await shell.exited).exitCode).toBe(0);
    expect(await clients()).toEqual([]);
  });

  it('with no rolecall running, gives the keys it starts with and says so', async () => {
    shell = runInPty(process.execPath, [requireBuiltBin(), 'shell', 'dev-developer'], { env });
    await shell.waitFor(
      (screen) => screen.replaceAll('\n', '').includes('no rolecall is running to keep them fresh'),
      'the word that the keys stay as they are',
    );
    shell.type('echo "key=$AWS_ACCESS_KEY_ID client=$' + '{ROLECALL_CLIENT:-none}"\r');
    await shell.waitFor((screen) => /key=ASIA\w+ client=none/.test(screen), 'the exported key');
    shell.type('exit\r');
    expect((await shell.exited).exitCode).toBe(0);
  });
});
