// IAM Identity Center in the interface, against the sandbox's Identity Center through the real
// SDKs: the accounts screen says when no login is cached and L logs in (a device code on the
// screen, approved as a browser would, here by fetching its page); then the portal's accounts
// under the organisation's names, an account's permission sets beside its role profiles (the
// role Identity Center made for a set is that row, not one of its own), and `a` on a set puts
// its session on the dashboard, which STS says is the set's role. Esc stops a login.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, SSO_SESSION, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { DEV, PROD } from '../../src/sandbox/seed';
import { Settings } from '../../src/settings/settings';
import { tokenCachePath } from '../../src/sso/token-cache';
import { type AppUnderTest, KEYS, renderApp, selectRow as selectRowOf } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let env: NodeJS.ProcessEnv;
let app: AppUnderTest;

beforeEach(async () => {
  sandbox = await startTestSandbox({ identityCenter: true });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  // The token cache is under HOME (~/.aws/sso/cache), as the AWS CLI keeps it: a home of its own.
  const home = tempConfigDir();
  mkdirSync(join(home, '.aws'), { recursive: true });
  env = { ...sandboxVariables(sandbox.endpoint, files), HOME: home };
});
afterEach(async () => {
  app?.unmount();
  files?.remove();
  await sandbox?.close();
});

function start(size = { columns: 120, rows: 30 }) {
  const core = createCore({ settings: new Settings({ dir: tempConfigDir() }), env });
  app = renderApp({ core, ...size });
  return core;
}

const frame = () => app.lastFrame();
const flat = () => frame().replace(/\s+/g, ' ');
const see = (text: string) => vi.waitFor(() => expect(flat()).toContain(text), { timeout: 5000 });
async function type(...keys: string[]) {
  for (const key of keys) await app.press(key);
}
const selectRow = (text: string) => selectRowOf(app, text);

/** L on the accounts screen; the code the screen shows is approved at its page, as alice. */
async function logInOnScreen() {
  await type('L');
  await see('Approve this code:');
  const page = /on the page (\S+user_code=[A-Z]{4}-[A-Z]{4})/.exec(flat())?.[1];
  if (!page) throw new Error(`no page on the screen:\n${frame()}`);
  const approved = await fetch(page);
  expect(await approved.text()).toContain('Request approved');
  await see('Logged in to IAM Identity Center (rolecall-sandbox)');
}

describe('IAM Identity Center on the accounts screen', () => {
  it('says no login is cached, lists only the SSO profiles, and marks their sets as needing the login', async () => {
    start();
    await type('b');
    await see(
      'IAM Identity Center rolecall-sandbox: not logged in, so only its profiles are listed; L logs in (https://rolecall-sandbox.awsapps.com/start).',
    );
    expect(flat()).toContain('L SSO login');
    await selectRow(`dev ${DEV}`);
    await type(KEYS.enter);
    // Once IAM's list and the portal's word are in (before, the mark is unknown).
    await vi.waitFor(
      () =>
        expect(frame()).toMatch(
          /DeveloperAccess IAM Identity Center · profile dev-sso +max 1h • needs login/,
        ),
      { timeout: 5000 },
    );
    // The role Identity Center made for a set is that set's row, whose login is needed too.
    await vi.waitFor(
      () => expect(frame()).toMatch(/ReadOnlyAccess IAM Identity Center +max 1h • needs login/),
      {
        timeout: 5000,
      },
    );
    expect(frame()).not.toContain('AWSReservedSSO_');
    // Where the set's profile is the only reader left, IAM's line says what it lacks.
    await type(KEYS.escape);
    await selectRow(PROD);
    await type(KEYS.enter);
    await see('profile prod-sso-readonly needs an IAM Identity Center login first');
  });

  it('keeps the accounts in sight on a small terminal: the login’s line is cut to a row', async () => {
    start({ columns: 50, rows: 12 });
    await type('b');
    await see('IAM Identity Center rolecall-sandbox: not logge…');
    expect(frame()).toMatch(/› +(dev )?222222222222/);
    expect(frame()).toContain('L SSO login');
  });

  it('logs in with a device code shown on the screen, then lists the portal’s accounts and sets', async () => {
    start();
    await type('b');
    await see('not logged in');
    await logInOnScreen();
    // The login is in the AWS CLI's cache, under the session's name.
    expect(existsSync(tokenCachePath(SSO_SESSION, env))).toBe(true);
    await vi.waitFor(() => expect(frame()).toMatch(/prod 333333333333 .*· IAM Identity Center/), {
      timeout: 5000,
    });
    expect(frame()).toMatch(/dev 222222222222 .*· IAM Identity Center/);
    expect(flat()).not.toContain('not logged in');
    await selectRow(`dev ${DEV}`);
    await type(KEYS.enter);
    await vi.waitFor(
      () => expect(frame()).toMatch(/ReadOnlyAccess IAM Identity Center +max 1h ✓ assumable/),
      { timeout: 5000 },
    );
    expect(frame()).toMatch(/DeveloperAccess IAM Identity Center · profile dev-sso +max 1h ✓ assumable/);
    expect(frame()).not.toContain('AWSReservedSSO_');
    // Beside the account's role profiles.
    expect(frame()).toMatch(/Developer +profile dev-developer/);
  });

  it('gets a permission set’s session with a, named for the account, which STS says is the set’s role', async () => {
    const core = start();
    await type('b');
    await see('not logged in');
    await logInOnScreen();
    await selectRow(`prod ${PROD}`);
    await type(KEYS.enter);
    // The set's own profile reads IAM in prod (ReadOnlyAccess may), where no other profile may.
    await see('IAM’s 7 roles, read through profile prod-sso-readonly');
    await vi.waitFor(() => expect(flat()).toMatch(/profile prod-sso-readonly max 1h ✓ assumable/), {
      timeout: 5000,
    });
    await selectRow('ReadOnlyAccess');
    await type('a');
    await see('Live sessions (1)');
    expect(flat()).toContain('prod-sso-readonly IAM Identity Center rolecall-sandbox');
    const [session] = core.sessions.list();
    expect(session?.origin.permissionSet).toEqual({
      name: 'ReadOnlyAccess',
      account: PROD,
      login: SSO_SESSION,
    });
    const sts = new STSClient({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: session?.credentials ?? { accessKeyId: '', secretAccessKey: '' },
    });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toMatch(
      /^arn:aws:sts::333333333333:assumed-role\/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}\/alice$/,
    );
    // Renewed through the portal again: new keys.
    const renewed = await core.sessions.refresh(session?.id ?? '');
    expect(renewed.credentials.accessKeyId).not.toBe(session?.credentials.accessKeyId);
  });

  it('names a set no profile names after the portal’s name for its account; when its login runs out, L on the dashboard logs in again and r renews it', async () => {
    const core = start();
    await type('b');
    await see('not logged in');
    await logInOnScreen();
    await selectRow(`dev ${DEV}`);
    await type(KEYS.enter);
    await vi.waitFor(() => expect(frame()).toMatch(/ReadOnlyAccess IAM Identity Center +max 1h ✓/), {
      timeout: 5000,
    });
    await selectRow('ReadOnlyAccess');
    await type('a');
    await see('Live sessions (1)');
    expect(core.sessions.list()[0]?.id).toBe('dev/ReadOnlyAccess');
    // The login is gone (signed out elsewhere, or past its 8 hours with no refresh token).
    rmSync(tokenCachePath(SSO_SESSION, env));
    await type('r');
    await see('L logs in again, then r refreshes it.');
    expect(flat()).toContain('You are not logged in to IAM Identity Center');
    expect(flat()).toContain('L SSO login');
    const before = core.sessions.list()[0]?.credentials.accessKeyId;
    await logInOnScreen();
    await see('Live sessions (1)');
    await type('r');
    await see('Refreshed dev/ReadOnlyAccess');
    expect(core.sessions.list()[0]?.credentials.accessKeyId).not.toBe(before);
  });

  it('logs in through the browser where there is one: Identity Center’s page, back to a loopback redirect (PKCE)', async () => {
    // The "browser": follows the one-time address to /authorize, which the sandbox approves, and
    // on to rolecall's redirect on 127.0.0.1, as a browser would; it keeps the page it lands on.
    const dir = tempConfigDir();
    const browser = join(dir, 'browser.sh');
    writeFileSync(
      browser,
      `#!/bin/sh\nexec "${process.execPath}" -e 'fetch(process.argv[1]).then(r => r.text()).then(t => require("fs").writeFileSync(process.argv[2], t))' "$1" "${browser}.page"\n`,
    );
    chmodSync(browser, 0o700);
    env = { ...env, BROWSER: browser, PATH: process.env.PATH ?? '/usr/bin:/bin' };
    start();
    await type('b');
    await see('not logged in');
    await type('L');
    await see('Logged in to IAM Identity Center (rolecall-sandbox)');
    expect(readFileSync(`${browser}.page`, 'utf8')).toContain('rolecall has the login');
    const cached = JSON.parse(readFileSync(tokenCachePath(SSO_SESSION, env), 'utf8')) as Record<
      string,
      unknown
    >;
    // An sso-session with the portal's scope keeps its refresh token, as the AWS CLI does.
    expect(cached.refreshToken).toEqual(expect.any(String));
    await vi.waitFor(() => expect(frame()).toMatch(/dev 222222222222 .*· IAM Identity Center/), {
      timeout: 5000,
    });
  });

  it('switches a browser login to a device code with d', async () => {
    // A browser that never comes back: the person gives up on it and asks for a code.
    const dir = tempConfigDir();
    const browser = join(dir, 'browser.sh');
    writeFileSync(browser, '#!/bin/sh\nexit 0\n');
    chmodSync(browser, 0o700);
    env = { ...env, BROWSER: browser };
    start();
    await type('b');
    await see('not logged in');
    await type('L');
    await see('Approve the login on IAM Identity Center’s page');
    expect(flat()).toContain('d uses a code instead');
    await type('d');
    await see('Approve this code:');
    const page = /on the page (\S+user_code=[A-Z]{4}-[A-Z]{4})/.exec(flat())?.[1] ?? '';
    await fetch(page);
    await see('Logged in to IAM Identity Center (rolecall-sandbox)');
  });

  it('stops a login with Esc: nothing is cached, and the accounts still say so', async () => {
    start();
    await type('b');
    await see('not logged in');
    await type('L');
    await see('Approve this code:');
    await type(KEYS.escape);
    await see('not logged in');
    expect(existsSync(tokenCachePath(SSO_SESSION, env))).toBe(false);
  });
});
