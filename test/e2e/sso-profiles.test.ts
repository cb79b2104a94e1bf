// IAM Identity Center profiles from the built bin, against the sandbox's Identity Center: the
// login is made as the AWS CLI makes it (the SDK's SSO OIDC client, a device login approved at
// its page) and cached in the AWS CLI's file; then `rolecall env` gives the permission set's
// role (Debian's aws CLI says who it is), refreshes an expired token with the refresh token and
// writes the cache back in the same format (the SDK's own SSO provider reads it), and says which
// login to run when there is none to use.
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromSSO } from '@aws-sdk/credential-provider-sso';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SSO_START_URL } from '../../src/sandbox/identity-center';
import { DEV } from '../../src/sandbox/seed';
import { tokenCachePath } from '../../src/sso/token-cache';
import { requireBuiltBin, runBuiltBin } from '../helpers/built-bin';
import { adjustableClock, startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const run = promisify(execFile);
let sandbox: TestSandbox;
let home: string;
let env: NodeJS.ProcessEnv;

const CONFIG = (startUrl: string) =>
  [
    '[sso-session corp]',
    `sso_start_url = ${startUrl}`,
    'sso_region = us-east-1',
    'sso_registration_scopes = sso:account:access',
    '',
    '[profile dev-sso]',
    'sso_session = corp',
    `sso_account_id = ${DEV}`,
    'sso_role_name = ReadOnlyAccess',
    'region = eu-west-1',
    '',
    '[profile dev-sso-admin]',
    'sso_session = corp',
    `sso_account_id = ${DEV}`,
    'sso_role_name = AdministratorAccess',
    '',
    '[profile legacy-sso]',
    `sso_start_url = ${startUrl}`,
    'sso_region = us-east-1',
    `sso_account_id = ${DEV}`,
    'sso_role_name = DeveloperAccess',
    '',
  ].join('\n');

beforeAll(async () => {
  sandbox = await startTestSandbox({ identityCenter: true });
  home = tempConfigDir();
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), CONFIG(SSO_START_URL));
  writeFileSync(join(home, '.aws', 'credentials'), '');
  env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    ROLECALL_CONFIG_DIR: tempConfigDir(),
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});
afterAll(() => sandbox?.close());

/** A device login approved in the "browser", cached as the AWS CLI caches it (key names, times). */
async function loginAsTheAwsCli(cacheKey: string, options: { scopes: boolean; expiresAt?: Date }) {
  const oidc = new SSOOIDCClient({ endpoint: sandbox.endpoint, region: 'us-east-1' });
  const client = await oidc.send(
    new RegisterClientCommand({
      clientName: 'botocore-client-corp',
      clientType: 'public',
      ...(options.scopes ? { scopes: ['sso:account:access'] } : {}),
    }),
  );
  const started = await oidc.send(
    new StartDeviceAuthorizationCommand({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      startUrl: SSO_START_URL,
    }),
  );
  await fetch(started.verificationUriComplete ?? '');
  const token = await oidc.send(
    new CreateTokenCommand({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: started.deviceCode,
    }),
  );
  const time = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const file = tokenCachePath(cacheKey, { HOME: home });
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(
    file,
    JSON.stringify({
      startUrl: SSO_START_URL,
      region: 'us-east-1',
      accessToken: token.accessToken,
      expiresAt: time(options.expiresAt ?? new Date(Date.now() + (token.expiresIn ?? 0) * 1000)),
      ...(options.scopes
        ? {
            clientId: client.clientId,
            clientSecret: client.clientSecret,
            registrationExpiresAt: time(new Date((client.clientSecretExpiresAt ?? 0) * 1000)),
            refreshToken: token.refreshToken,
          }
        : {}),
    }),
    { mode: 0o600 },
  );
  return file;
}

const rolecall = (args: string[]) => runBuiltBin(args, env);

describe('IAM Identity Center profiles', () => {
  it('says which login to run before there is one', async () => {
    expect(await rolecall(['env', 'dev-sso'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `rolecall: You are not logged in to IAM Identity Center at ${SSO_START_URL}: run aws sso login --sso-session corp.\n`,
    });
  });

  it('exports the permission set’s role, which the aws CLI then is', async () => {
    await loginAsTheAwsCli('corp', { scopes: true });
    const script =
      'eval "$("$0" "$1" env dev-sso)" && /usr/bin/aws sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL" --query Arn --output text && echo "region=$AWS_REGION account=$AWS_ACCOUNT_ID"';
    const { stdout } = await run('bash', ['-c', script, process.execPath, requireBuiltBin()], { env });
    expect(stdout).toBe(
      `arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_ReadOnlyAccess_9b1d3e5f7a2c4e68/alice\nregion=eu-west-1 account=${DEV}\n`,
    );
  });

  it('signs in to the console as the permission set’s role', async () => {
    await loginAsTheAwsCli('corp', { scopes: true });
    const out = await runBuiltBin(['console', 'dev-sso', '--print', '--no-agent'], {
      ...env,
      ROLECALL_SIGNIN_ENDPOINT: `${sandbox.endpoint}/federation`,
    });
    expect(out.code).toBe(0);
    const page = await (await fetch(out.stdout.trim())).text();
    expect(page).toContain(
      `Signed in as arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_ReadOnlyAccess_9b1d3e5f7a2c4e68/alice.`,
    );
    expect(page).toContain('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
  });

  it('refreshes an expired token with its refresh token, and writes the cache back as the AWS CLI reads it', async () => {
    const file = await loginAsTheAwsCli('corp', { scopes: true, expiresAt: new Date(Date.now() - 60_000) });
    const before = JSON.parse(readFileSync(file, 'utf8'));
    const out = await rolecall(['env', 'dev-sso', '--format', 'json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(new Date(after.expiresAt).getTime()).toBeGreaterThan(Date.now() + 3600_000);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The SDK's own SSO provider takes the cache rolecall wrote.
    vi.stubEnv('HOME', home);
    try {
      const credentials = await fromSSO({
        profile: 'dev-sso',
        configFilepath: env.AWS_CONFIG_FILE,
        filepath: env.AWS_SHARED_CREDENTIALS_FILE,
        clientConfig: { endpoint: sandbox.endpoint },
      })();
      const who = await sandbox.sts(credentials).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toContain('assumed-role/AWSReservedSSO_ReadOnlyAccess_');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('says to log in again when a legacy login has expired, and when a permission set is not yours', async () => {
    await loginAsTheAwsCli(SSO_START_URL, { scopes: false, expiresAt: new Date(Date.now() - 60_000) });
    expect(await rolecall(['env', 'legacy-sso'])).toMatchObject({
      code: 1,
      stderr: `rolecall: Your IAM Identity Center login for ${SSO_START_URL} has expired: run aws sso login --profile legacy-sso.\n`,
    });
    await loginAsTheAwsCli('corp', { scopes: true });
    expect(await rolecall(['env', 'dev-sso-admin'])).toMatchObject({
      code: 1,
      stderr: `rolecall: IAM Identity Center gives you no AdministratorAccess in account ${DEV} (profile dev-sso-admin): check sso_role_name and sso_account_id against what the portal lists.\n`,
    });
  });

  /** A "browser" that opens the page it is given (following redirects) and keeps what it showed. */
  function fakeBrowser(): string {
    const browser = join(tempConfigDir(), 'browser.sh');
    writeFileSync(
      browser,
      `#!/bin/sh\nexec "${process.execPath}" -e 'fetch(process.argv[1]).then(r => r.text()).then(t => require("fs").writeFileSync(process.argv[2], t))' "$1" "${browser}.page"\n`,
    );
    chmodSync(browser, 0o700);
    return browser;
  }

  /** The cache a login left: the AWS CLI's keys, mode 0600, and a token rolecall env then takes. */
  async function expectCachedLogin(file: string) {
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(cached).sort()).toEqual([
      'accessToken',
      'clientId',
      'clientSecret',
      'expiresAt',
      'refreshToken',
      'region',
      'registrationExpiresAt',
      'startUrl',
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await rolecall(['env', 'dev-sso', '--format', 'json'])).code).toBe(0);
  }

  it('rolecall sso login: the browser authorizes and comes back to the loopback redirect (PKCE)', async () => {
    const browser = fakeBrowser();
    const file = tokenCachePath('corp', { HOME: home });
    rmSync(file, { force: true });
    const login = await runBuiltBin(['sso', 'login', 'dev-sso'], { ...env, BROWSER: browser });
    expect(login.code).toBe(0);
    expect(login.stderr).toContain(
      `rolecall: logging in to IAM Identity Center at ${SSO_START_URL} in your browser…\n`,
    );
    expect(login.stderr).toContain(`the login is cached in ${file}, where the AWS CLI keeps it.`);
    expect(readFileSync(`${browser}.page`, 'utf8')).toBe(
      'rolecall has the login: you can close this window.\n',
    );
    await expectCachedLogin(file);
  });

  it('rolecall sso login --use-device-code: the code approved at the page the browser is sent to', async () => {
    const browser = fakeBrowser();
    const file = tokenCachePath('corp', { HOME: home });
    rmSync(file, { force: true });
    const login = await runBuiltBin(['sso', 'login', 'dev-sso', '--use-device-code'], {
      ...env,
      BROWSER: browser,
    });
    expect(login.code).toBe(0);
    expect(login.stderr).toMatch(
      new RegExp(
        `^rolecall: to log in to IAM Identity Center at ${SSO_START_URL.replaceAll('.', '\\.')}, approve the code [A-Z]{4}-[A-Z]{4} at:\\n  http://127\\.0\\.0\\.1:\\d+/sso/device\\?user_code=[A-Z]{4}-[A-Z]{4}\\n`,
      ),
    );
    expect(readFileSync(`${browser}.page`, 'utf8')).toContain('Request approved');
    await expectCachedLogin(file);
  });

  it('rolecall sso login --no-browser waits for the approval at the page it prints', async () => {
    const child = spawn(
      process.execPath,
      [requireBuiltBin(), 'sso', 'login', '--sso-session', 'corp', '--no-browser'],
      { env },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await vi.waitFor(() => expect(stderr).toMatch(/user_code=[A-Z]{4}-[A-Z]{4}/), { timeout: 15_000 });
    const page = /(http:\S+user_code=[A-Z]{4}-[A-Z]{4})/.exec(stderr)?.[1] ?? '';
    await fetch(page);
    expect(await exited).toBe(0);
    expect(stderr).toContain('logged in to');
  });

  it('rolecall sso login says so when the code expires before it is approved', async () => {
    const clock = adjustableClock();
    const other = await startTestSandbox({ identityCenter: true, clock });
    try {
      const child = spawn(process.execPath, [requireBuiltBin(), 'sso', 'login', 'dev-sso', '--no-browser'], {
        env: { ...env, AWS_ENDPOINT_URL: other.endpoint },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await vi.waitFor(() => expect(stderr).toContain('waiting for the approval'), { timeout: 15_000 });
      clock.advance(600_000);
      expect(await exited).toBe(1);
      expect(stderr).toMatch(
        /rolecall: The code [A-Z]{4}-[A-Z]{4} expired before it was approved: run the login again\.\n$/,
      );
    } finally {
      await other.close();
    }
  });
});
