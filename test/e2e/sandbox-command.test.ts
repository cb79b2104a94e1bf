// `rolecall sandbox` from the built bin: the JSON line, working AWS files, a clean stop.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { generate } from 'otplib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireBuiltBin, runBuiltBin } from '../helpers/built-bin';
import { stopChild } from '../helpers/sandbox-command';
import { tempConfigDir } from '../helpers/temp-dirs';

let child: ChildProcess | undefined;
// Stopped as a person stops it, so it removes its files; killed only if it will not stop.
afterEach(() => stopChild(child));

function start(args: string[]) {
  child = spawn(process.execPath, [requireBuiltBin(), 'sandbox', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
  return { lines: lines[Symbol.asyncIterator](), exited };
}

/** The keys of credential_process JSON (rolecall env --format json). */
function credentialsFrom(json: string) {
  const c = JSON.parse(json) as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

function credentialsOf(file: string, profile: string) {
  const text = readFileSync(file, 'utf8');
  const section = text.split(/^\[/m).find((s) => s.startsWith(`${profile}]`)) ?? '';
  return {
    accessKeyId: /aws_access_key_id = (\S+)/.exec(section)?.[1] ?? '',
    secretAccessKey: /aws_secret_access_key = (\S+)/.exec(section)?.[1] ?? '',
  };
}

describe('rolecall sandbox', () => {
  it('--json prints one line a script can use, and SIGTERM stops it and removes its files', async () => {
    const { lines, exited } = start(['--json', '--roles', '20']);
    const first = await lines.next();
    const info = JSON.parse(String(first.value));
    expect(info).toEqual({
      endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      signinEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/federation$/),
      configFile: expect.stringMatching(/config$/),
      credentialsFile: expect.stringMatching(/credentials$/),
      mfa: [
        {
          user: 'alice',
          serial: 'arn:aws:iam::111111111111:mfa/alice',
          secret: expect.stringMatching(/^[A-Z2-7]+$/),
        },
      ],
      identityCenter: {
        startUrl: 'https://rolecall-sandbox.awsapps.com/start',
        region: 'us-east-1',
        approve: expect.stringContaining('/sso/device?user_code=CODE'),
      },
    });
    expect(info.signinEndpoint).toBe(`${info.endpoint}/federation`);
    expect(statSync(info.credentialsFile).mode & 0o777).toBe(0o600);
    const config = readFileSync(info.configFile, 'utf8');
    for (const profile of [
      'alice',
      'dev-admin',
      'dev-deployer',
      'prod-readonly',
      'prod-breakglass',
      'dev-readonly-via-developer',
    ]) {
      expect(config).toContain(`[profile ${profile}]`);
    }
    expect(config).toMatch(
      /\[profile dev-admin\]\nrole_arn = arn:aws:iam::222222222222:role\/Admin\nsource_profile = alice\nmfa_serial = arn:aws:iam::111111111111:mfa\/alice/,
    );

    const sts = new STSClient({
      endpoint: info.endpoint,
      region: 'us-east-1',
      credentials: credentialsOf(info.credentialsFile, 'alice'),
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:iam::111111111111:user/alice',
    );
    const code = await generate({ secret: info.mfa[0].secret });
    const admin = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/Admin',
        RoleSessionName: 'script',
        SerialNumber: info.mfa[0].serial,
        TokenCode: code,
      }),
    );
    expect(admin.AssumedRoleUser?.Arn).toBe('arn:aws:sts::222222222222:assumed-role/Admin/script');

    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(info.configFile)).toBe(false);
  });

  it("has an SSO profile: rolecall sso login approved at the page it prints, then env is alice's permission set", async () => {
    const { lines } = start(['--json']);
    const info = JSON.parse(String((await lines.next()).value));
    const home = tempConfigDir();
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      ROLECALL_CONFIG_DIR: tempConfigDir(),
      AWS_CONFIG_FILE: info.configFile,
      AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const login = spawn(process.execPath, [requireBuiltBin(), 'sso', 'login', 'dev-sso', '--no-browser'], {
      env,
    });
    let stderr = '';
    login.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const loggedIn = new Promise<number | null>((resolve) => login.on('exit', resolve));
    await vi.waitFor(() => expect(stderr).toMatch(/user_code=[A-Z]{4}-[A-Z]{4}/), { timeout: 15_000 });
    // What the --json line says a test does to approve: GET the page.
    expect(info.identityCenter.approve).toContain(`${info.endpoint}/sso/device?user_code=CODE`);
    await fetch(/(http:\S+user_code=[A-Z]{4}-[A-Z]{4})/.exec(stderr)?.[1] ?? '');
    expect(await loggedIn).toBe(0);
    const out = await runBuiltBin(['env', 'dev-sso', '--format', 'json'], env);
    expect(out.code).toBe(0);
    const sts = new STSClient({
      endpoint: info.endpoint,
      region: 'us-east-1',
      credentials: credentialsFrom(out.stdout),
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_DeveloperAccess_4f2a9c1e7b3d5a60/alice',
    );
  });

  it('--session-seconds: the sessions it issues end that many real seconds after issue', async () => {
    // Long enough that the session is still good when first used, on a slow machine too.
    const { lines } = start(['--json', '--session-seconds', '3']);
    const info = JSON.parse(String((await lines.next()).value));
    expect(info.sessionSeconds).toBe(3);
    const sts = new STSClient({
      endpoint: info.endpoint,
      region: 'us-east-1',
      credentials: credentialsOf(info.credentialsFile, 'alice'),
    });
    const before = Date.now();
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/Developer',
        RoleSessionName: 'short',
        DurationSeconds: 3600,
      }),
    );
    const expiration = c?.Expiration?.getTime() ?? 0;
    // At least the 3 s it was given, on a whole second: at most one more.
    expect(expiration).toBeGreaterThanOrEqual(before + 3000);
    expect(expiration).toBeLessThanOrEqual(Date.now() + 4000);
    const session = new STSClient({
      endpoint: info.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken ?? '',
      },
    });
    expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:sts::222222222222:assumed-role/Developer/short',
    );
    await new Promise((resolve) => setTimeout(resolve, expiration - Date.now() + 1));
    await expect(session.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
      message: 'The security token included in the request is expired',
    });
  });

  it('tells a person where it is, how to use it, and alice’s current MFA code', async () => {
    const { lines } = start(['--port', '0']);
    const seen: string[] = [];
    for await (const line of { [Symbol.asyncIterator]: () => lines }) {
      seen.push(line);
      if (line.startsWith("alice's MFA code")) break;
    }
    const text = seen.join('\n');
    expect(text).toMatch(/IAM and STS at http:\/\/127\.0\.0\.1:\d+/);
    expect(text).toMatch(/unset AWS_ENDPOINT_URL_STS AWS_ENDPOINT_URL_IAM .*AWS_PROFILE .*AWS_ACCESS_KEY_ID/);
    expect(text).toMatch(
      /export AWS_CONFIG_FILE=\S+\/config AWS_SHARED_CREDENTIALS_FILE=\S+\/credentials AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+ AWS_REGION=us-east-1/,
    );
    expect(text).toMatch(
      /aws --endpoint-url http:\/\/127\.0\.0\.1:\d+ sts get-caller-identity --profile alice/,
    );
    expect(seen.at(-1)).toMatch(/^alice's MFA code \(arn:aws:iam::111111111111:mfa\/alice\): \d{6}$/);
    const dir = /AWS config written to (\S+) /.exec(text)?.[1] ?? '';
    expect(existsSync(dir)).toBe(true);
    child?.kill('SIGINT');
    await new Promise((resolve) => child?.once('exit', resolve));
    expect(existsSync(dir)).toBe(false);
  });
});
