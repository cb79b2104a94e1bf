// IAM Identity Center end to end, as a person meets it: the built bin in a real pseudo-terminal,
// pointed at `rolecall sandbox` (run apart, its Identity Center on) as at their own accounts. The
// accounts screen says no login is cached; L shows a device code and its page (no browser here),
// which the test approves as a browser would; the portal's accounts and permission sets are
// browsed; `s` on a set opens the person's shell in its session, where Debian's aws CLI says the
// identity is the set's role; and the AWS CLI's own cache holds the login rolecall made.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { SSO_SESSION } from '../../src/sandbox/aws-files';
import { tokenCachePath } from '../../src/sso/token-cache';
import { requireBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { type SandboxCommandInfo, startSandboxCommand } from '../helpers/sandbox-command';
import { tempConfigDir } from '../helpers/temp-dirs';
import { exitCode, moveTo, quietBash, WAIT } from '../helpers/tui-sandbox';

const AWS_CLI = '/usr/bin/aws';
const DEV = '222222222222';

let sandbox: Awaited<ReturnType<typeof startSandboxCommand>> | undefined;
let info: SandboxCommandInfo;
let run: PtyRun | undefined;

beforeAll(async () => {
  if (!existsSync(AWS_CLI)) throw new Error(`${AWS_CLI} is missing: apt-get install -y awscli.`);
  sandbox = await startSandboxCommand();
  info = sandbox.info;
});
afterAll(() => sandbox?.stop());
afterEach(() => run?.kill());

const flat = (screen: string) => screen.replace(/\s+/g, ' ');

it(
  'logs in to IAM Identity Center from the accounts screen, browses its accounts, and opens a shell as a permission set',
  async () => {
    const home = tempConfigDir();
    const env = {
      HOME: home,
      ROLECALL_CONFIG_DIR: home,
      XDG_RUNTIME_DIR: home,
      ROLECALL_AGENT_SOCK: '',
      AWS_CONFIG_FILE: info.configFile,
      AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile,
      AWS_ENDPOINT_URL: info.endpoint,
      SHELL: quietBash(home),
      PS1: '$ ',
      ROLECALL_SHLVL: '',
      // No browser on this machine: the login is a device code, approved below as a browser would.
      BROWSER: '',
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
    };
    const tui = runInPty(process.execPath, [requireBuiltBin()], { columns: 140, rows: 40, env });
    run = tui;
    await tui.waitForText('user/alice · 111111111111', WAIT);
    // The walkthrough of a first start, if it came up, is left for the dashboard.
    if (tui.screenText().includes('Getting started')) {
      tui.type('\u001B');
      await tui.waitForText('No live sessions.', WAIT);
    }
    tui.type('b');
    await tui.waitFor(
      (s) =>
        flat(s).includes(
          `IAM Identity Center ${SSO_SESSION}: not logged in, so only its profiles are listed; L logs in (${info.identityCenter.startUrl}).`,
        ),
      'the accounts screen to say no login is cached',
      WAIT,
    );

    tui.type('L');
    const prompt = await tui.waitFor(
      (s) => /on the page (\S+user_code=[A-Z]{4}-[A-Z]{4})/.test(flat(s)),
      'a device code and its page',
      WAIT,
    );
    expect(flat(prompt)).toContain('There is no display here');
    const code = /Approve this code: ([A-Z]{4}-[A-Z]{4})/.exec(flat(prompt))?.[1];
    const page = /on the page (\S+user_code=[A-Z]{4}-[A-Z]{4})/.exec(flat(prompt))?.[1] ?? '';
    expect(page).toContain(`user_code=${code}`);
    const approved = await fetch(page);
    expect(await approved.text()).toContain('Request approved');

    // Back on the accounts, listed by the portal, under the organisation's names.
    await tui.waitFor(
      (s) =>
        /prod 333333333333 .*· IAM Identity Center/.test(s) &&
        /dev 222222222222 .*· IAM Identity Center/.test(s),
      'the portal’s accounts',
      WAIT,
    );
    expect(flat(tui.screenText())).not.toContain('not logged in');
    // The AWS CLI's cache holds the login, as `aws sso login` would keep it.
    const cached = tokenCachePath(SSO_SESSION, { HOME: home });
    expect(statSync(cached).mode & 0o777).toBe(0o600);
    const token = JSON.parse(readFileSync(cached, 'utf8')) as Record<string, string>;
    expect(token.startUrl).toBe(info.identityCenter.startUrl);
    expect(token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    await moveTo(tui, `dev ${DEV}`);
    tui.type('\r');
    await tui.waitFor(
      (s) => /ReadOnlyAccess IAM Identity Center +max 1h ✓ assumable/.test(s),
      'the portal’s permission set, assumable',
      WAIT,
    );
    expect(tui.screenText()).toMatch(
      /DeveloperAccess IAM Identity Center · profile dev-sso +max 1h ✓ assumable/,
    );
    expect(tui.screenText()).not.toContain('AWSReservedSSO_');

    await moveTo(tui, 'ReadOnlyAccess IAM Identity Center');
    tui.type('s');
    const opened = await tui.waitFor(
      (s) => flat(s).includes('rolecall: shell as dev/ReadOnlyAccess'),
      'the shell in the set’s session',
      WAIT,
    );
    expect(flat(opened)).toContain('AWSReservedSSO_ReadOnlyAccess_');
    tui.type(
      `${AWS_CLI} sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL" --query Arn --output text; echo "aws-status $?"\r`,
    );
    const answered = await tui.waitFor((s) => /^aws-status \d+/m.test(s), 'the aws CLI to answer', WAIT * 2);
    expect(answered).toMatch(/^aws-status 0/m);
    expect(answered).toMatch(
      new RegExp(`^arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}/alice$`, 'm'),
    );

    tui.type('exit\r');
    await tui.waitFor(
      (s) => s.includes('Live sessions (1)') && s.includes('dev/ReadOnlyAccess'),
      'the dashboard, with the set’s session',
      WAIT,
    );
    expect(flat(tui.screenText())).toContain(`dev/ReadOnlyAccess IAM Identity Center ${SSO_SESSION}`);
    tui.type('q');
    await tui.waitForText('Quit?', WAIT);
    tui.type('y');
    expect(await exitCode(tui)).toBe(0);
  },
  WAIT * 8,
);
