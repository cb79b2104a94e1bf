// Issue 5 end to end in a real pseudo-terminal against the sandbox: browse to a role that needs
// MFA, assume it with a code from alice's device, open a shell on the session, come back, quit.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PtyRun } from '../helpers/pty';
import { tempConfigDir } from '../helpers/temp-dirs';
import {
  codeAt,
  ESC,
  exitCode,
  moveTo,
  selectedLine,
  startSandbox as startTuiSandbox,
  typeDigits,
  WAIT,
} from '../helpers/tui-sandbox';

const AWS_CLI = '/usr/bin/aws';
const PROD = '333333333333';
let run: PtyRun | undefined;
afterEach(() => run?.kill());

/** `rolecall --sandbox` in a terminal of 100x30, killed after the test. */
async function startSandbox(env: NodeJS.ProcessEnv = {}) {
  const started = await startTuiSandbox({ env });
  run = started.tui;
  return started;
}

/** From the dashboard to the MFA form of prod's Admin role: accounts, roles, detail, assume. */
async function openMfaForm(tui: PtyRun): Promise<string> {
  tui.type('b');
  await tui.waitForText(PROD, WAIT);
  await moveTo(tui, PROD);
  tui.type('\r');
  const roles = await tui.waitForText('prod-admin', WAIT);
  expect(roles).toMatch(/Admin {2}profile prod-admin .*• needs MFA/);
  expect(await moveTo(tui, 'prod-admin')).toContain('needs MFA');
  tui.type('\r');
  const detail = await tui.waitForText('Can you assume it?', WAIT);
  expect(detail).toContain('needs MFA');
  tui.type('a');
  const form = await tui.waitForText('External ID', WAIT);
  for (const field of ['Duration', 'Session name', 'Region']) expect(form).toContain(field);
  tui.type('\r');
  const mfa = await tui.waitForText('Sandbox: this device shows', WAIT);
  expect(mfa).toContain('MFA code');
  expect(mfa).toContain('Device arn:aws:iam::111111111111:mfa/alice');
  const hint = /Sandbox: this device shows (\d{6}) now\./.exec(mfa)?.[1];
  expect(hint).toBeDefined();
  return hint ?? '';
}

/** The prod-admin row's countdown in seconds: mm:ss, or h:mm:ss for its first second. */
function secondsLeft(screen: string): number {
  const line = screen.split('\n').find((l) => l.includes('prod-admin profile'));
  const match = /(?:(\d+):)?(\d\d):(\d\d)\s*$/.exec(line ?? '');
  if (!match) throw new Error(`No countdown on the prod-admin row. Screen:\n${screen}`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

describe('assuming a role that needs MFA, in a terminal, against the sandbox', () => {
  it('browses to prod, assumes Admin with a code, opens a shell as it, comes back and quits', async () => {
    const { tui, secret } = await startSandbox();
    const hint = await openMfaForm(tui);
    // The sandbox shows the code of alice's device: the seed given to it at start.
    expect([await codeAt(secret, -30), await codeAt(secret), await codeAt(secret, 30)]).toContain(hint);

    // All six digits in one write, as a paste arrives.
    tui.type(await codeAt(secret));
    const dashboard = await tui.waitFor(
      (screen) => /prod-admin profile.*\d\d:\d\d\s*$/m.test(screen) && screen.includes('mfa:alice'),
      'the dashboard with prod-admin and the MFA session',
      WAIT,
    );
    expect(dashboard).toContain('Live sessions (2)');
    expect(selectedLine(dashboard)).toContain('prod-admin');
    expect(secondsLeft(dashboard)).toBeGreaterThan(59 * 60);

    const before = secondsLeft(tui.screenText());
    const startedAt = Date.now();
    tui.type('s');
    await tui.waitFor((screen) => /^\$ ?$/m.test(screen), 'the shell prompt', WAIT);
    // One line, wrapped by the terminal wherever it falls.
    expect(tui.screenText().replace(/\n/g, '')).toMatch(
      /rolecall: shell as prod-admin \(arn:aws:iam::333333333333:role\/Admin\), credentials until \d\d:\d\d \((59m \d+s|1h)\)\. exit to go back\./,
    );
    if (existsSync(AWS_CLI)) {
      tui.type(`${AWS_CLI} sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL" --output text\r`);
      await tui.waitForText(`arn:aws:sts::${PROD}:assumed-role/Admin/`, WAIT);
    } else {
      // Not silent: the run's output says what was not checked, and the credentials still are.
      console.warn(`${AWS_CLI} is missing: the shell's aws sts get-caller-identity step is not run.`);
      tui.type('echo "key=$AWS_ACCESS_KEY_ID"\r');
      await tui.waitFor((screen) => /key=ASIA\w+/.test(screen), 'the session key in the shell', WAIT);
    }
    tui.type('sleep 3; exit\r');
    const back = await tui.waitForText('Shell for prod-admin exited with code 0.', WAIT);
    const waited = (Date.now() - startedAt) / 1000;
    const moved = before - secondsLeft(back);
    expect(moved).toBeGreaterThanOrEqual(Math.floor(waited) - 2);
    expect(moved).toBeLessThanOrEqual(Math.ceil(waited) + 2);
    expect(back).toContain('mfa:alice');

    // Keys work at once after the shell.
    tui.type('?');
    await tui.waitForText('Keys on Sessions', WAIT);
    tui.type('?');
    await tui.waitForText('Live sessions (2)', WAIT);
    tui.type('\r');
    const details = await tui.waitForText('Secret key and session token: hidden.', WAIT);
    expect(details).toMatch(new RegExp(`Role +arn:aws:iam::${PROD}:role/Admin`));
    expect(details).toMatch(/Time left +\d\d:\d\d/);
    tui.type(ESC);
    await tui.waitForText('Live sessions (2)', WAIT);

    // Two live sessions end with rolecall: q asks first.
    tui.type('q');
    await tui.waitForText('Quit? 2 live sessions end with rolecall', WAIT);
    tui.type('y');
    expect(await exitCode(tui)).toBe(0);
    await tui.waitFor(() => !tui.onAlternateScreen(), 'the main screen back', WAIT);
    const output = tui.raw();
    expect(output.lastIndexOf('\u001B[?25h')).toBeGreaterThan(output.lastIndexOf('\u001B[?25l'));
    expect(output.endsWith('\u001B[?25h')).toBe(true);
  }, 60_000);

  it('keeps the MFA form up after a wrong code, says so, and takes the right one', async () => {
    const { tui, secret } = await startSandbox();
    await openMfaForm(tui);
    // A code that is none of those the sandbox would take (one step of drift either way).
    const accepted = [await codeAt(secret, -60), await codeAt(secret, -30), await codeAt(secret)];
    accepted.push(await codeAt(secret, 30), await codeAt(secret, 60));
    let wrong = '000000';
    while (accepted.includes(wrong)) wrong = String(Number(wrong) + 111111).padStart(6, '0');

    await typeDigits(tui, wrong);
    const refused = await tui.waitForText('AWS refused the MFA code', WAIT);
    expect(refused).toContain('Sandbox: this device shows');
    expect(refused).toContain('6 more digits');
    expect(refused).not.toContain('Live sessions');

    await typeDigits(tui, await codeAt(secret));
    const dashboard = await tui.waitFor(
      (screen) => screen.includes('prod-admin profile') && screen.includes('mfa:alice'),
      'the dashboard with the new session',
      WAIT,
    );
    expect(dashboard).toContain('Live sessions (2)');
    // The way out that always works, with no question.
    tui.type('\u0003');
    expect(await exitCode(tui)).toBe(0);
  }, 60_000);

  it('Esc on the MFA form gives up: nothing is assumed and the status line says why', async () => {
    const { tui } = await startSandbox();
    await openMfaForm(tui);
    tui.type(ESC);
    // Back on the assume form, as it was.
    // The status line and the form may be drawn a frame apart: both, then.
    const after = await tui.waitFor(
      (text) =>
        text.includes('Not assumed: no MFA code was given.') &&
        text.includes('Enter assumes; Tab moves between fields; Esc goes back.'),
      'the assume form back, saying why nothing was assumed',
      WAIT,
    );
    expect(after).not.toContain('Sandbox: this device shows');
    // Esc back through the role, the roles and the accounts: the dashboard has no session.
    for (const screen of ['Can you assume it?', 'Enter details', 'Enter roles', 'Live sessions']) {
      tui.type(ESC);
      // Back on the roles, Esc stops IAM's list while it is read again: go on once it is read.
      await tui.waitFor(
        (text) => text.includes(screen) && !text.includes('Reading IAM’s roles'),
        JSON.stringify(screen),
        WAIT,
      );
    }
    expect(tui.screenText()).toContain('No live sessions.');
    tui.type('q');
    expect(await exitCode(tui)).toBe(0);
  }, 60_000);
});

describe('c with no clipboard program, in a terminal, against the sandbox', () => {
  it('copies this session’s export lines with the terminal (OSC 52), and starts no new session', async () => {
    // No xsel, xclip, wl-copy or pbcopy on PATH, and no display: a server over SSH.
    const { tui } = await startSandbox({ PATH: tempConfigDir(), DISPLAY: '', WAYLAND_DISPLAY: '' });
    tui.type('b');
    await tui.waitForText('222222222222', WAIT);
    await moveTo(tui, '222222222222');
    tui.type('\r');
    // The row, not the line above the list that names the profile IAM is read through.
    await tui.waitFor(
      (screen) => /Developer {2}profile dev-developer/.test(screen),
      'the Developer row',
      WAIT,
    );
    await moveTo(tui, 'profile dev-developer');
    tui.type('a');
    await tui.waitForText('External ID', WAIT);
    tui.type('\r');
    await tui.waitFor(
      (screen) => /dev-developer profile.*\d\d:\d\d\s*$/m.test(screen),
      'the dashboard with the dev-developer session',
      WAIT,
    );
    tui.type('\r');
    const details = await tui.waitForText('Secret key and session token: hidden.', WAIT);
    const key = /Access key ID +(ASIA\w+)/.exec(details)?.[1];
    expect(key).toBeDefined();
    tui.type(ESC);
    await tui.waitForText('Live sessions (1)', WAIT);

    tui.type('c');
    const copied = await tui.waitForText('with the terminal (OSC 52)', WAIT);
    expect(copied.replace(/\s+/g, ' ')).toContain(
      'Copied the export lines of dev-developer with the terminal (OSC 52): no clipboard program here.',
    );
    // The bytes on the terminal: one OSC 52 sequence, this session's lines in base64.
    const sequences = tui.raw().split('\u001B]52;c;').slice(1);
    expect(sequences).toHaveLength(1);
    const lines = Buffer.from(sequences[0]?.split('\u0007')[0] ?? '', 'base64').toString('utf8');
    expect(lines).toContain(`export AWS_ACCESS_KEY_ID='${key}'`);
    expect(lines).toMatch(/^export AWS_SECRET_ACCESS_KEY='.+'$/m);
    expect(lines).toMatch(/^export AWS_SESSION_TOKEN='.+'$/m);
    // The secret is on no screen, and no second session or MFA form came.
    const secret = /^export AWS_SECRET_ACCESS_KEY='(.+)'$/m.exec(lines)?.[1] ?? 'none';
    expect(tui.screenText()).not.toContain(secret);
    expect(tui.screenText()).toContain('Live sessions (1)');
    expect(tui.screenText()).not.toContain('MFA code');
    tui.type('\u0003');
    expect(await exitCode(tui)).toBe(0);
  }, 60_000);
});
