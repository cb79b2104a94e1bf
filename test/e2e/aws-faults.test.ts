// The built bin against a sandbox that misbehaves on purpose (its fault modes): `env`, `exec` and
// `credential-process` always end, non-zero, with a message that says what failed and what to
// check; throttling and 5xx are retried the standard mode's 3 times; and the interface quits on
// q or Ctrl-C while a call hangs. Short timeouts come from the settings file, as a person's would.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_ATTEMPTS } from '../../src/aws/clients';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { type Fault, parseFault } from '../../src/sandbox/fault';
import { requireBuiltBin, runBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

let sandbox: TestSandbox | undefined;
let files: SandboxAwsFiles | undefined;
let tui: PtyRun | undefined;
afterEach(async () => {
  tui?.kill();
  tui = undefined;
  files?.remove();
  await sandbox?.close();
  sandbox = undefined;
});

/** A sandbox with the fault, its AWS files, and an environment whose settings hold `timeouts`. */
async function faulty(spelled: string, timeouts = { connectTimeoutSeconds: 1, requestTimeoutSeconds: 1 }) {
  sandbox = await startTestSandbox({ fault: parseFault(spelled) as Fault });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  const configDir = tempConfigDir();
  writeFileSync(join(configDir, 'settings.json'), JSON.stringify(timeouts));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    ROLECALL_CONFIG_DIR: configDir,
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return { s: sandbox, env, files };
}

const rolecall = runBuiltBin;

const CHECK = 'Check AWS_ENDPOINT_URL (if set), any proxy (HTTPS_PROXY), and the network.';

describe('the CLI against an endpoint that misbehaves', () => {
  it('hang: env, credential-process and exec each end with the endpoint and the timeout named', async () => {
    const { s, env } = await faulty('hang');
    for (const args of [
      ['env', 'dev-developer'],
      ['credential-process', 'dev-developer'],
      ['exec', 'dev-developer', '--', 'true'],
    ]) {
      // A call that waits for ever fails this test by its own timeout; how long the give-up
      // takes is bench:hang's to measure, not a test's.
      const { code, stdout, stderr } = await rolecall(args, env);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `rolecall: Could not get the credentials: the endpoint ${s.endpoint} did not answer within 1s. ${CHECK}\n`,
      );
    }
    // One request each: a call that used its whole timeout is not tried again.
    expect(s.faulted()).toBe(3);
  });

  it('5xx: retried the standard mode’s 3 attempts, then AWS’s failure said plainly', async () => {
    const { s, env } = await faulty('5xx');
    const { code, stderr } = await rolecall(['env', 'dev-developer'], env);
    expect(code).toBe(1);
    expect(s.faulted()).toBe(MAX_ATTEMPTS);
    expect(stderr).toBe(
      'rolecall: Could not get the credentials: AWS failed with a server error (HTTP 500 InternalFailure), 3 times in a row. Try again in a minute.\n',
    );
  });

  it('throttle: retried 3 times, then "AWS is throttling"', async () => {
    const { s, env } = await faulty('throttle:AssumeRole');
    const { code, stderr } = await rolecall(['credential-process', 'dev-developer'], env);
    expect(code).toBe(1);
    expect(s.faulted()).toBe(MAX_ATTEMPTS);
    expect(stderr).toBe(
      'rolecall: Could not get the credentials: AWS is throttling requests, 3 times in a row. Try again in a minute.\n',
    );
  });

  it('html: a proxy’s 502 page is called an HTML page, not an XML parse error', async () => {
    const { s, env } = await faulty('html');
    const { code, stderr } = await rolecall(['env', 'dev-developer'], env);
    expect(code).toBe(1);
    expect(stderr).toContain(`the endpoint ${s.endpoint} answered with an HTML page (HTTP 502), not AWS.`);
    expect(stderr).not.toMatch(/XML|parse error|Deserialization/);
  });

  it('reset: a dropped connection is said to be reset', async () => {
    const { s, env } = await faulty('reset');
    const { code, stderr } = await rolecall(['exec', 'dev-developer', '--', 'true'], env);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `rolecall: Could not get the credentials: the endpoint ${s.endpoint} reset the connection before answering, 3 times in a row. ${CHECK}\n`,
    );
  });

  it('slow: an answer slower than the request timeout is given up on; a faster one is taken', async () => {
    const { s, env } = await faulty('slow=3000:AssumeRole');
    const late = await rolecall(['env', 'dev-developer'], env);
    expect(late.stderr).toContain(`the endpoint ${s.endpoint} did not answer within 1s.`);
    files?.remove();
    await s.close();
    const patient = await faulty('slow=300:AssumeRole', {
      connectTimeoutSeconds: 1,
      requestTimeoutSeconds: 30,
    });
    const { code, stdout } = await rolecall(['env', 'dev-developer'], patient.env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/AWS_SESSION_TOKEN=/);
  });

  it('a bad AWS_ENDPOINT_URL and AWS’s validation patterns are put in words, not raw JS or AWS text', async () => {
    const { env, files: aws } = await faulty('hang:ListRoles');
    for (const url of ['not a url', 'localhost:4566']) {
      const { code, stderr } = await rolecall(['env', 'dev-developer'], { ...env, AWS_ENDPOINT_URL: url });
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^rolecall: Could not get the credentials: AWS_ENDPOINT_URL .* is not (a URL|an http)/,
      );
      expect(stderr).not.toMatch(/Invalid URL|TypeError|NotFound|Unknown/);
    }
    appendFileSync(
      aws.configFile,
      '\n[profile spaced]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = alice\nrole_session_name = my session\n',
    );
    const { stderr } = await rolecall(['env', 'spaced'], env);
    expect(stderr).toBe(
      'rolecall: Could not get the credentials: AWS refused the session name (role_session_name, or the session name template) "my session": it may hold only letters, digits and + = , . @ - (no spaces).\n',
    );
  });

  it('sandbox --fault with a spelling it does not know is a usage error that lists the modes', async () => {
    const { code, stderr } = await rolecall(['sandbox', '--fault', 'explode'], { PATH: process.env.PATH });
    expect(code).toBe(2);
    expect(stderr).toContain('--fault takes hang, slow=MS, 5xx, throttle, reset or html');
  });
});

describe('the interface while a call hangs', () => {
  // Timeouts far longer than any test: only quitting can end these runs.
  const LONG = { connectTimeoutSeconds: 60, requestTimeoutSeconds: 300 };

  for (const [key, name] of [
    ['q', 'q'],
    ['\u0003', 'Ctrl-C'],
  ] as const) {
    it(`${name} quits at once, with the accounts still being read`, async () => {
      const { s, env } = await faulty('hang', LONG);
      tui = runInPty(process.execPath, [requireBuiltBin()], {
        env: { ...env, CI: 'false' },
        rows: 30,
        columns: 100,
      });
      await tui.waitForText('No live sessions.');
      tui.type('b');
      await tui.waitForText('Accounts');
      // A call is in flight, and will not be answered.
      await vi.waitFor(() => expect(s.faulted()).toBeGreaterThan(0), { timeout: 10_000 });
      tui.type(key);
      expect((await tui.exited).exitCode).toBe(0);
    });
  }

  it('leaves "Reading your AWS profiles…" once the calls time out, and lists the accounts', async () => {
    const { s, env } = await faulty('hang', { connectTimeoutSeconds: 1, requestTimeoutSeconds: 1 });
    tui = runInPty(process.execPath, [requireBuiltBin()], {
      env: { ...env, CI: 'false' },
      rows: 30,
      columns: 100,
    });
    await tui.waitForText('No live sessions.');
    tui.type('b');
    await tui.waitForText('Reading your AWS profiles');
    const accounts = await tui.waitFor(
      (screen) => !screen.includes('Reading your AWS profiles') && screen.includes('222222222222'),
      'the accounts, read from the profiles alone',
    );
    // The header's "who are you" call timed out too, and the status line says where and why.
    expect(accounts.replace(/\s+/g, ' ')).toContain(
      `Could not find out who you are: the endpoint ${s.endpoint} did not answer within 1s.`,
    );
    tui.type('q');
    expect((await tui.exited).exitCode).toBe(0);
  });

  it('says on the status line that AWS is throttling and which retry it is on', async () => {
    const { env } = await faulty('throttle', { connectTimeoutSeconds: 1, requestTimeoutSeconds: 1 });
    tui = runInPty(process.execPath, [requireBuiltBin()], {
      env: { ...env, CI: 'false' },
      rows: 30,
      columns: 100,
    });
    await tui.waitForText('No live sessions.');
    tui.type('b');
    await tui.waitFor(
      (screen) => /AWS STS is throttling; retrying \([23] of 3\)…/.test(screen),
      'a retry notice',
    );
    // Once the calls have given up, the status line no longer says they are being retried.
    await tui.waitFor(
      (screen) => !screen.includes('retrying') && screen.includes('222222222222'),
      'the retry notice taken back once the calls gave up',
    );
    tui.type('q');
    expect((await tui.exited).exitCode).toBe(0);
  });
});
