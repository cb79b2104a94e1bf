// The trust-policy builder, opened with n on the accounts screen, against the sandbox through the
// real AWS SDK: entries and toggles typed as a person would, the JSON preview and the checks
// beside their fields following each key, c copying the JSON, and Esc asking before it leaves.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let app: AppUnderTest;
let copied: string[];
beforeEach(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  copied = [];
  const core = createCore({
    settings: new Settings({ dir: tempConfigDir() }),
    env: sandboxVariables(sandbox.endpoint, files),
    // The test's own clipboard: what c copies, without touching the machine's.
    clipboard: {
      write: async (text) => {
        copied.push(text);
        return { with: 'program' };
      },
    },
  });
  app = renderApp({ core, columns: 120, rows: 40 });
});
afterEach(async () => {
  app?.unmount();
  files?.remove();
  await sandbox?.close();
});

const frame = () => app.lastFrame();
const see = (text: string) => vi.waitFor(() => expect(frame()).toContain(text), { timeout: 5000 });
const gone = (text: string) => vi.waitFor(() => expect(frame()).not.toContain(text), { timeout: 5000 });
async function type(...keys: string[]) {
  for (const key of keys) await app.press(key);
}
/** The line under the one that holds `text`. */
function lineAfter(text: string): string {
  const lines = frame().split('\n');
  return lines[lines.findIndex((line) => line.includes(text)) + 1] ?? '';
}

/** From the dashboard to the builder for dev (222222222222), the first account listed. */
async function openBuilder() {
  await type('b');
  await see('dev 222222222222');
  expect(frame()).toContain('n new role');
  await type('n');
  await see('New role in dev');
  await see('Who may assume it');
}

describe('the trust-policy builder', () => {
  it('builds an account entry with MFA: the JSON follows each key, and the other-account warning goes once MFA is on', async () => {
    await openBuilder();
    await type('\t', ...'111111111111');
    await see('› Account ID      111111111111');
    await see('"AWS": "arn:aws:iam::111111111111:root"');
    // Another account, trusted with neither MFA nor an external ID: warned beside the entry.
    expect(lineAfter('Account ID      111111111111')).toContain('! Account 111111111111 is another account');
    expect(frame()).toContain('IAM would accept this trust policy; 1 warning');

    await type('\t');
    await see('› [ ] Require MFA');
    await type(' ');
    await see('› [x] Require MFA');
    await see('"aws:MultiFactorAuthPresent": "true"');
    await gone('is another account');
    expect(frame()).toContain('✓ IAM would accept this trust policy');
    // Shift-Tab goes back a field, as in every form.
    await type(KEYS.shiftTab);
    await see('› Account ID      111111111111');
    await type('\t');
    await see('› [x] Require MFA');

    await type('c');
    await see('Copied the trust policy’s JSON.');
    expect(JSON.parse(copied[0] ?? '')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
  });

  it('shows a bad account ID’s problem beside its field, and the count of errors', async () => {
    await openBuilder();
    await type('\t', ...'12345');
    await see('› Account ID      12345');
    await vi.waitFor(() =>
      expect(lineAfter('Account ID      12345')).toContain('✗ "12345" is not an account ID'),
    );
    expect(frame()).toContain('✗ 1 error, 0 warnings');
  });

  it('adds an entry with Ctrl-N: a service shows the common ones; GitHub Actions’ provider is in the role’s account', async () => {
    await openBuilder();
    await type('\u000E');
    await see('Entry 2');
    await type('\u001B[C', '\u001B[C');
    await see('‹ AWS service ›');
    await type('\t');
    await see('← → choose: ec2, lambda, ecs-tasks');
    await type(...'lambda');
    await see('"Service": "lambda.amazonaws.com"');
    // The confused-deputy guard, warned beside the entry until a source account or ARN is set.
    await see('! lambda.amazonaws.com may assume this role');
    await type(KEYS.up, '\u001B[C', '\u001B[C', '\u001B[C');
    await see('‹ GitHub Actions ›');
    await type('\t', KEYS.ctrlU, ...'octo/app');
    await see('"Federated": "arn:aws:iam::222222222222:oidc-pr');
    // The whole document, as c copies it from a toggle (off a text field).
    await type('\t', 'c');
    await see('Copied the trust policy’s JSON.');
    expect(JSON.parse(copied[0] ?? '').Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: {
          Federated: 'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo/app:*' },
        },
      },
    ]);
  });

  it('Ctrl-R in External ID makes a random one, which the JSON requires', async () => {
    await openBuilder();
    await type('\t', ...'999999999999');
    for (let i = 0; i < 3; i++) await type('\t');
    await see('› External ID');
    await type('\u0012');
    await vi.waitFor(() => expect(frame()).toMatch(/"sts:ExternalId": "[0-9a-f]{8}-[0-9a-f]{4}-/), {
      timeout: 5000,
    });
    const shown = /› External ID +([0-9a-f-]{36})/.exec(frame())?.[1];
    expect(shown).toBeDefined();
    // The preview wraps a long line rather than cutting it: the ID's start is on the key's line.
    expect(frame()).toContain(`"sts:ExternalId": "${shown?.slice(0, 18)}`);
    // Ctrl-Y copies from a text field, where c would be typed.
    await type('\u0019');
    await see('Copied the trust policy’s JSON.');
    expect(copied[0]).toContain(`"sts:ExternalId": "${shown}"`);
    // An external ID is the other guard for another account: no warning now.
    expect(frame()).not.toContain('is another account');
  });

  it('Esc asks before leaving what was typed, which is there again on the next n', async () => {
    await openBuilder();
    // Nothing typed: Esc goes straight back.
    await type(KEYS.escape);
    await see('4 accounts');
    await type('n');
    await see('Who may assume it');
    await type('\t', ...'111111111111');
    await see('› Account ID      111111111111');
    await type(KEYS.escape);
    await see('Leave the new role in dev?');
    await type('y');
    await see('4 accounts');
    await type('n');
    await see('Account ID      111111111111');
  });

  it('opened filled in (the guided setup), Esc leaves unasked until the filling is changed, and says the change is dropped', async () => {
    const prefill = { trustAccounts: ['111111111111'], requireMfa: true, roleName: 'Onboarding' };
    const openFilled = async () => {
      app.store.getState().actions.open('trust-policy', { account: '222222222222', prefill });
      await see('New role in');
      await see('Account ID      111111111111');
    };
    await openFilled();
    expect(frame()).toContain('[x] Require MFA');
    // What was filled in is not something typed: nothing to lose.
    await type(KEYS.escape);
    await gone('Who may assume it');
    expect(frame()).not.toContain('Leave the new role');

    await openFilled();
    await type('\t', KEYS.backspace);
    await see('› Account ID      11111111111 ');
    await type(KEYS.escape);
    await see('Leave the new role in 222222222222?');
    const asked = frame().replace(/\s+/g, ' ');
    expect(asked).toContain('What you changed in the filled-in form is dropped: it opens filled in afresh.');
    expect(asked).not.toContain('n on this account');
    await type('y');
    await gone('Who may assume it');
    // Dropped, truly: filled in afresh, and n's own form for the account was never touched.
    await openFilled();
    await type(KEYS.escape);
    await gone('Who may assume it');
    await type('b');
    await see('dev 222222222222');
    await type('n');
    await see('Who may assume it');
    expect(frame()).toContain('the account ID: 111111111111');
    expect(frame()).toContain('[ ] Require MFA');
  });
});
