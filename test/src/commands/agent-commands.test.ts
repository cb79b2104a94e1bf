// `env`, `credential-process` and `exec` with a running agent, from the built bin: served by it
// (no profile needed here: the stand-in agent is the only source), a code it needs asked on the
// terminal and sent back, a refusal said and not gone round, `exec --live` given the endpoint
// instead of keys, and `agent --status`. The stand-in is the real socket layer with a handler
// that answers what the lead's service would.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AgentSocket, listenAgentSocket } from '../../../src/live/agent-socket';
import type { AgentAnswer, AgentRequest } from '../../../src/live/protocol';
import { BIN, requireBuiltBin, runBuiltBin } from '../../helpers/built-bin';
import { runInPty } from '../../helpers/pty';
import { removeTempDirs, tempConfigDir } from '../../helpers/temp-dirs';

const CREDENTIALS = {
  accessKeyId: 'ASIASTANDINSTANDIN01',
  secretAccessKey: 'standin-secret-standin-secret-standin-0001',
  sessionToken: 'standin-session-token',
  expiration: '2031-02-03T04:05:06Z',
};

const credentialsAnswer = (request: AgentRequest & { op: 'credentials' }): AgentAnswer => ({
  ok: true,
  op: 'credentials',
  credentials: CREDENTIALS,
  identity: {
    session: request.profile,
    profile: request.profile,
    roleArn: 'arn:aws:iam::333333333333:role/Admin',
    account: '333333333333',
    region: request.region ?? 'eu-central-1',
  },
  notes: ['served by the stand-in agent'],
});

let agent: AgentSocket;
let handle: (request: AgentRequest) => Promise<AgentAnswer>;
const asked: AgentRequest[] = [];
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  requireBuiltBin();
  const dir = tempConfigDir();
  agent = await listenAgentSocket(join(dir, 'agent.sock'), async (request) => {
    asked.push(request);
    return handle(request);
  });
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CACHE_HOME: join(dir, 'cache'),
    ROLECALL_CONFIG_DIR: join(dir, 'config'),
    // No profile anywhere: whatever is printed came from the agent.
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ROLECALL_AGENT_SOCK: agent.path,
  };
});
afterAll(async () => {
  await agent?.close();
  removeTempDirs();
});
afterEach(() => {
  asked.length = 0;
});

describe('commands served by a running agent', () => {
  it('credential-process prints the agent’s credentials, asking it with no code', async () => {
    handle = async (request) =>
      request.op === 'credentials'
        ? credentialsAnswer(request)
        : { ok: false, kind: 'refused', message: 'no' };
    const run = await runBuiltBin(['credential-process', 'prod-admin'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({
      Version: 1,
      AccessKeyId: CREDENTIALS.accessKeyId,
      SecretAccessKey: CREDENTIALS.secretAccessKey,
      SessionToken: CREDENTIALS.sessionToken,
      Expiration: CREDENTIALS.expiration,
    });
    expect(asked).toEqual([
      {
        v: 1,
        caller: { command: 'credential-process', pid: expect.any(Number) },
        op: 'credentials',
        profile: 'prod-admin',
      },
    ]);
  });

  it('env prints exports of the agent’s session, with its notes on stderr, and passes the flags on', async () => {
    handle = async (request) =>
      request.op === 'credentials'
        ? credentialsAnswer(request)
        : { ok: false, kind: 'refused', message: 'no' };
    const run = await runBuiltBin(
      ['env', 'prod-admin', '--mfa-code', '123456', '--region', 'us-west-2', '--duration', '2h'],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('rolecall: served by the stand-in agent\n');
    expect(run.stdout).toContain(`export AWS_ACCESS_KEY_ID='${CREDENTIALS.accessKeyId}'`);
    expect(run.stdout).toContain(`export AWS_SESSION_TOKEN='${CREDENTIALS.sessionToken}'`);
    expect(run.stdout).toContain("export AWS_REGION='us-west-2'");
    expect(run.stdout).toContain("export ROLECALL_ROLE_ARN='arn:aws:iam::333333333333:role/Admin'");
    expect(run.stdout).toContain('unset AWS_PROFILE');
    expect(asked).toEqual([
      expect.objectContaining({
        caller: expect.objectContaining({ command: 'env' }),
        profile: 'prod-admin',
        mfaCode: '123456',
        region: 'us-west-2',
        durationSeconds: 7200,
      }),
    ]);
  });

  it('says the agent’s refusal and stops there, without trying the profile itself', async () => {
    handle = async () => ({
      ok: false,
      kind: 'refused',
      message: 'The profile prod-admin is not in this agent’s files.',
    });
    const run = await runBuiltBin(['credential-process', 'prod-admin'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `rolecall: The rolecall agent at ${agent.path}: The profile prod-admin is not in this agent’s files.\n`,
    );
  });

  it('--no-agent does not ask it', async () => {
    handle = async (request) => credentialsAnswer(request as AgentRequest & { op: 'credentials' });
    const run = await runBuiltBin(['credential-process', 'prod-admin', '--no-agent'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no profile prod-admin');
    expect(asked).toEqual([]);
  });

  it('with no agent listening, works as before: the profile itself', async () => {
    const run = await runBuiltBin(['env', 'prod-admin'], {
      ...env,
      ROLECALL_AGENT_SOCK: join(String(env.HOME), 'nobody.sock'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no profile prod-admin');
  });

  it('asks on the terminal for the code the agent needs, and sends it again with it', async () => {
    handle = async (request) => {
      if (request.op !== 'credentials') return { ok: false, kind: 'refused', message: 'no' };
      if (!request.mfaCode)
        return {
          ok: false,
          kind: 'needs-mfa',
          message: 'The agent has no MFA session for arn:aws:iam::111111111111:mfa/alice.',
          serial: 'arn:aws:iam::111111111111:mfa/alice',
        };
      return credentialsAnswer(request);
    };
    const pty = runInPty(process.execPath, [BIN, 'env', 'prod-admin'], { env });
    await pty.waitForText('MFA code for arn:aws:iam::111111111111:mfa/alice:');
    pty.type('654321\r');
    // The exports on screen, then the exit: the pty's last output may be drawn after the exit is heard.
    await pty.waitForText(`export AWS_ACCESS_KEY_ID='${CREDENTIALS.accessKeyId}'`);
    const exited = await pty.exited;
    expect(exited.exitCode).toBe(0);
    expect(asked.map((r) => (r as { mfaCode?: string }).mfaCode)).toEqual([undefined, '654321']);
  });

  it('Ctrl-C at the code question ends the command, saying no code was given', async () => {
    handle = async () => ({
      ok: false,
      kind: 'needs-mfa',
      message: 'The agent has no MFA session for arn:aws:iam::111111111111:mfa/alice.',
      serial: 'arn:aws:iam::111111111111:mfa/alice',
    });
    const pty = runInPty(process.execPath, [BIN, 'env', 'prod-admin'], { env });
    await pty.waitForText('MFA code for arn:aws:iam::111111111111:mfa/alice:');
    pty.type('\u0003');
    await pty.waitFor(
      (screen) =>
        screen
          .replaceAll('\n', '')
          .includes('No MFA code was given for arn:aws:iam::111111111111:mfa/alice: nothing was assumed.'),
      'the words that no code was given',
    );
    expect((await pty.exited).exitCode).toBe(1);
    expect(asked).toHaveLength(1);
  });

  it('agent --status prints the agent’s clients, sessions and what it served; --json as JSON', async () => {
    const status: AgentAnswer = {
      ok: true,
      op: 'status',
      pid: 4242,
      startedAt: '2026-11-30T08:00:00Z',
      socket: agent.path,
      endpoint: 'http://127.0.0.1:40001/rolecall/credentials',
      sessions: [{ id: 'prod-admin', expiration: '2026-11-30T09:00:00Z', clients: 1 }],
      clients: [
        {
          id: 'c1a2',
          kind: 'command',
          mode: 'endpoint',
          label: 'terraform apply',
          session: 'prod-admin',
          pid: 5150,
          openedAt: '2026-11-30T08:10:00Z',
          served: 3,
        },
      ],
      served: [
        {
          at: '2026-11-30T08:05:00Z',
          caller: { command: 'credential-process', pid: 777 },
          what: 'prod-admin',
          how: 'assumed through the MFA session',
        },
      ],
    };
    handle = async () => status;
    const run = await runBuiltBin(['agent', '--status'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')).toEqual([
      'rolecall agent, pid 4242, running since 2026-11-30T08:00:00Z',
      `  socket    ${agent.path}`,
      '  endpoint  http://127.0.0.1:40001/rolecall/credentials',
      '',
      'Sessions:',
      '  prod-admin  until 2026-11-30T09:00:00Z  1 client',
      '',
      'Clients:',
      '  c1a2  command "terraform apply" (pid 5150, endpoint)  on prod-admin  served 3 times since 2026-11-30T08:10:00Z',
      '',
      'Served:',
      '  2026-11-30T08:05:00Z  credential-process (pid 777)  prod-admin: assumed through the MFA session',
      '',
    ]);
    const json = await runBuiltBin(['agent', '--status', '--json'], env);
    const { ok: _ok, op: _op, ...rest } = status;
    expect(JSON.parse(json.stdout)).toEqual(rest);
  });

  it('agent --status with no agent says so and how to start one', async () => {
    const nobody = join(String(env.HOME), 'nobody.sock');
    const run = await runBuiltBin(['agent', '--status'], { ...env, ROLECALL_AGENT_SOCK: nobody });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `rolecall: No rolecall agent runs at ${nobody}. Start one with rolecall agent, or open rolecall's dashboard.\n`,
    );
  });
});

describe('exec --live', () => {
  const printEnv = [
    '-e',
    'const names = ["AWS_CONTAINER_CREDENTIALS_FULL_URI","AWS_CONTAINER_AUTHORIZATION_TOKEN","AWS_ACCESS_KEY_ID","AWS_SECRET_ACCESS_KEY","AWS_SESSION_TOKEN","AWS_PROFILE","AWS_CONTAINER_CREDENTIALS_RELATIVE_URI","AWS_SECURITY_TOKEN","AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE","AWS_WEB_IDENTITY_TOKEN_FILE","AWS_CREDENTIAL_EXPIRATION","AWS_REGION","ROLECALL_PROFILE"]; console.log(JSON.stringify(Object.fromEntries(names.map((n) => [n, process.env[n] ?? null]))))',
  ];

  it('runs the command with the endpoint instead of keys, and closes its client when it ends', async () => {
    handle = async (request) => {
      if (request.op === 'close') return { ok: true, op: 'close' };
      if (request.op !== 'open') return { ok: false, kind: 'refused', message: 'no' };
      return {
        ok: true,
        op: 'open',
        client: {
          id: 'k7f3',
          kind: 'command',
          mode: 'endpoint',
          label: request.label,
          session: request.profile,
          pid: request.caller.pid,
          openedAt: '2026-11-30T08:00:00Z',
          served: 0,
        },
        endpoint: { uri: 'http://127.0.0.1:40001/rolecall/credentials', token: 'tok-256-bits-of-secret' },
        generationFile: '/nonexistent/clients/k7f3',
        exports: {
          generation: 1,
          session: request.profile,
          set: {
            AWS_REGION: 'eu-central-1',
            ROLECALL_PROFILE: request.profile,
            AWS_CREDENTIAL_EXPIRATION: '2026-11-30T09:00:00Z',
          },
          unset: [],
        },
        notes: [],
      };
    };
    const run = await runBuiltBin(['exec', '--live', 'prod-admin', '--', process.execPath, ...printEnv], {
      ...env,
      // A session exported earlier into this shell: none of it may shadow the endpoint.
      AWS_ACCESS_KEY_ID: 'AKIASTALESTALESTALE1',
      AWS_SECRET_ACCESS_KEY: 'stale',
      AWS_SESSION_TOKEN: 'stale',
      AWS_PROFILE: 'dev',
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/old',
      AWS_SECURITY_TOKEN: 'stale',
      // A container's or an EKS pod's: botocore would send the file's token, and the SDKs
      // would take the web identity first.
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/var/run/secrets/pods.eks.amazonaws.com/token',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
      AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:40001/rolecall/credentials',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok-256-bits-of-secret',
      AWS_ACCESS_KEY_ID: null,
      AWS_SECRET_ACCESS_KEY: null,
      AWS_SESSION_TOKEN: null,
      AWS_PROFILE: null,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: null,
      AWS_SECURITY_TOKEN: null,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: null,
      AWS_WEB_IDENTITY_TOKEN_FILE: null,
      // The session's, for `rolecall prompt`; no SDK reads it without keys beside it.
      AWS_CREDENTIAL_EXPIRATION: '2026-11-30T09:00:00Z',
      AWS_REGION: 'eu-central-1',
      ROLECALL_PROFILE: 'prod-admin',
    });
    expect(asked.map((r) => r.op)).toEqual(['open', 'close']);
    expect(asked[0]).toMatchObject({
      kind: 'command',
      mode: 'endpoint',
      profile: 'prod-admin',
      label: 'node',
    });
    expect(asked[1]).toMatchObject({ client: 'k7f3' });
  });

  it('closes the client when rolecall is ended by a signal, which the command got too', async () => {
    handle = async (request) =>
      request.op === 'close'
        ? { ok: true, op: 'close' }
        : {
            ok: true,
            op: 'open',
            client: {
              id: 'k7f4',
              kind: 'command',
              mode: 'endpoint',
              label: 'node',
              pid: 1,
              openedAt: '2026-11-30T08:00:00Z',
              served: 0,
            },
            endpoint: { uri: 'http://127.0.0.1:40001/rolecall/credentials', token: 'tok' },
            generationFile: '/nonexistent/clients/k7f4',
            exports: { generation: 1, set: {}, unset: [] },
            notes: [],
          };
    const rolecall = spawn(
      process.execPath,
      [
        BIN,
        'exec',
        '--live',
        'prod-admin',
        '--',
        process.execPath,
        '-e',
        'console.log("up"); setInterval(() => {}, 1000)',
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await createInterface({ input: rolecall.stdout })[Symbol.asyncIterator]().next();
    rolecall.kill('SIGTERM');
    const code = await new Promise((resolve) => rolecall.once('exit', resolve));
    // The command ended by SIGTERM (15): 128 + 15, as a shell reports it.
    expect(code).toBe(143);
    expect(asked.map((r) => r.op)).toEqual(['open', 'close']);
    expect(asked[1]).toMatchObject({ client: 'k7f4' });
  });

  it('takes none of the flags that would change the agent’s session', async () => {
    const run = await runBuiltBin(
      ['exec', '--live', '--region', 'us-east-1', 'prod-admin', '--', 'true'],
      env,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--live serves the running rolecall’s session as it is; --region cannot go with it.',
    );
    expect(asked).toEqual([]);
  });

  it('says it needs a running rolecall when none answers', async () => {
    const nobody = join(String(env.HOME), 'nobody.sock');
    const run = await runBuiltBin(['exec', '--live', 'prod-admin', '--', process.execPath, '-e', '0'], {
      ...env,
      ROLECALL_AGENT_SOCK: nobody,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `rolecall: exec --live needs a running rolecall (the dashboard, or rolecall agent); none answers at ${nobody}.\n`,
    );
  });
});

describe('inside a rolecall shell for another identity', () => {
  // A shell `rolecall shell dev` opened: its prompt says dev.
  const inDev = () => ({ ...env, ROLECALL_SHLVL: '1', ROLECALL_PROFILE: 'dev' });
  const refused = (profile: string) =>
    `rolecall: This shell already holds the credentials of dev (a rolecall shell, or rolecall env); running as ${profile} from it would mix the two. Use another terminal, leave the rolecall shell, or pass --force.\n`;

  it('exec --live is refused before the agent is asked, as exec is', async () => {
    handle = async () => ({ ok: false, kind: 'refused', message: 'not to be asked' });
    const run = await runBuiltBin(
      ['exec', '--live', 'prod-admin', '--', process.execPath, '-e', '0'],
      inDev(),
    );
    expect(run).toMatchObject({ code: 1, stderr: refused('prod-admin') });
    expect(asked).toEqual([]);
  });

  it('rolecall shell is refused before the agent opens it, so no MFA code is asked or spent', async () => {
    handle = async () => ({
      ok: false,
      kind: 'needs-mfa',
      message: 'a code, please',
      serial: 'arn:aws:iam::1:mfa/x',
    });
    const run = await runBuiltBin(['shell', 'prod-admin'], { ...inDev(), SHELL: '/bin/sh' });
    expect(run).toMatchObject({ code: 1, stderr: refused('prod-admin') });
    expect(asked).toEqual([]);
  });
});

describe('rolecall shell with ROLECALL_AGENT_SOCK in a directory others can open', () => {
  it('refuses to write the start-up files a shell would source there, and asks no agent', async () => {
    const open = join(tempConfigDir(), 'shared');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const socket = join(open, 'agent.sock');
    // An agent answers there (it would open the shell): it is not asked.
    const askedThere: AgentRequest[] = [];
    const there = await listenAgentSocket(socket, async (request) => {
      askedThere.push(request);
      return { ok: false, kind: 'refused', message: 'not to be asked' };
    });
    const run = await runBuiltBin(['shell', 'prod-admin'], {
      ...env,
      SHELL: '/bin/bash',
      ROLECALL_AGENT_SOCK: socket,
    }).finally(() => there.close());
    expect(askedThere).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `rolecall: ${open} is open to others (mode 777): a live shell's start-up files go beside the agent's socket (${socket}), in a directory only you can open. Check ROLECALL_AGENT_SOCK, or pass --no-agent for a shell with the keys it starts with.\n`,
    );
    expect(existsSync(join(open, 'shell-hook'))).toBe(false);
  });
});
