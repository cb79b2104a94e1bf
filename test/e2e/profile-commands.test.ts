// rolecall env, credential-process and exec from the built bin, against the sandbox, as scripts
// and other tools use them. Debian's aws CLI proves the credentials work.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { requireBuiltBin, runBuiltBin } from '../helpers/built-bin';
import { runInPty } from '../helpers/pty';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const run = promisify(execFile);
let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    ROLECALL_CONFIG_DIR: tempConfigDir(),
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

const rolecall = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
  runBuiltBin(args, { ...env, ...extraEnv });

/** alice's code now, or `steps` 30-second steps on (a code is good once; the next one is new). */
const aliceCode = (steps = 0) =>
  generate({
    secret: sandbox.seeded.mfa[0]?.secret ?? '',
    epoch: Math.floor(Date.now() / 1000) + steps * 30,
  });

describe('rolecall env', () => {
  it('prints exports that bash evaluates, after which the aws CLI is the assumed role', async () => {
    const script =
      'eval "$("$0" "$1" env dev-developer)" && /usr/bin/aws sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL" --query Arn --output text && echo "profile=$(printenv AWS_PROFILE || echo unset)"';
    const { stdout } = await run('bash', ['-c', script, process.execPath, requireBuiltBin()], {
      env: { ...env, AWS_PROFILE: 'alice' },
    });
    expect(stdout).toMatch(
      /^arn:aws:sts::222222222222:assumed-role\/Developer\/rolecall-\S+\nprofile=unset\n$/,
    );
  });

  it('--format json is the credential_process shape', async () => {
    const { code, stdout } = await rolecall(['env', 'dev-readonly-via-developer', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      Version: 1,
      AccessKeyId: expect.stringMatching(/^ASIA/),
      Expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  it('asks for an MFA code through the flag when there is no terminal, and says so clearly', async () => {
    const missing = await rolecall(['env', 'dev-admin']);
    expect(missing).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'rolecall: Profile dev-admin needs an MFA code (arn:aws:iam::111111111111:mfa/alice): pass --mfa-code.\n',
    });
    const good = await aliceCode();
    const wrong = await rolecall(['env', 'dev-admin', '--mfa-code', good === '000000' ? '111111' : '000000']);
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('AWS refused the MFA code.') });
    const ok = await rolecall(['env', 'dev-admin', '--mfa-code', good, '--format', 'json']);
    expect(ok.code).toBe(0);
  });

  it('a duration the role does not allow, and a profile that does not exist, fail with a message', async () => {
    const long = await rolecall(['env', 'dev-developer', '--duration', '2h']);
    expect(long).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the session asked for is longer than the role allows'),
    });
    expect(await rolecall(['env', 'nope'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There is no profile nope'),
    });
  });

  it('never prints a secret on stderr, whether it works or fails', async () => {
    const failed = await rolecall(['env', 'dev-admin', '--mfa-code', '000001']);
    expect(failed.stderr).not.toContain(sandbox.seeded.keys.alice.secretAccessKey);
    const worked = await rolecall(['env', 'dev-readonly-via-developer', '--format', 'json']);
    const issued = JSON.parse(worked.stdout);
    for (const secret of [
      issued.SecretAccessKey,
      issued.SessionToken,
      sandbox.seeded.keys.alice.secretAccessKey,
    ]) {
      expect(worked.stderr).not.toContain(secret);
    }
  });
});

describe('rolecall credential-process', () => {
  it('is what the aws CLI runs for credential_process', async () => {
    appendFileSync(
      files.configFile,
      `\n[profile via-rolecall]\ncredential_process = ${process.execPath} ${requireBuiltBin()} credential-process dev-deployer\nregion = us-east-1\n`,
    );
    const { stdout } = await run(
      '/usr/bin/aws',
      [
        'sts',
        'get-caller-identity',
        '--profile',
        'via-rolecall',
        '--endpoint-url',
        sandbox.endpoint,
        '--query',
        'Arn',
        '--output',
        'text',
      ],
      { env },
    );
    expect(stdout.trim()).toMatch(/^arn:aws:sts::222222222222:assumed-role\/Deployer\/rolecall-/);
  });
});

describe('an MFA code asked on the terminal', () => {
  it('is asked on /dev/tty when stdin and stderr are pipes, as under credential_process', async () => {
    const script = `"$0" "$1" credential-process dev-admin </dev/null 2>/dev/null | cat`;
    const tui = runInPty('/bin/sh', ['-c', script, process.execPath, requireBuiltBin()], { env });
    await tui.waitForText('MFA code for arn:aws:iam::111111111111:mfa/alice:');
    // The current code was spent by an earlier test: the next one is new and within AWS's drift.
    tui.type(`${await aliceCode(1)}\r`);
    await tui.waitForText('"Version":1');
    expect((await tui.exited).exitCode).toBe(0);
  });
});

describe('rolecall exec', () => {
  it('runs the command with the session and exits with its code', async () => {
    const { code, stdout } = await rolecall([
      'exec',
      'dev-developer',
      '--',
      'sh',
      '-c',
      'echo "$ROLECALL_PROFILE $AWS_REGION $AWS_ACCESS_KEY_ID"; exit 7',
    ]);
    expect(code).toBe(7);
    expect(stdout).toMatch(/^dev-developer us-east-1 ASIA\w+\n$/);
  });

  it('passes its signals on to the command', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        requireBuiltBin(),
        'exec',
        'dev-developer',
        '--',
        'sh',
        '-c',
        'trap "exit 42" TERM; echo ready; while :; do sleep 0.05; done',
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(42);
  });

  it('refuses a shell for another identity inside a rolecall shell, unless --force', async () => {
    const inside = { ROLECALL_SHLVL: '1', ROLECALL_ROLE_ARN: 'arn:aws:iam::333333333333:role/ReadOnly' };
    const refused = await rolecall(['exec', 'dev-developer', '--', 'true'], inside);
    expect(refused).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'already holds the credentials of arn:aws:iam::333333333333:role/ReadOnly',
      ),
    });
    expect((await rolecall(['exec', '--force', 'dev-developer', '--', 'true'], inside)).code).toBe(0);
  });
});
