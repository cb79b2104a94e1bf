// The builder's second half, against the sandbox through the real AWS SDK: the role's fields and
// tags, a managed policy picked from IAM's list filtered as you type, the inline policy written
// in $EDITOR (a script standing in for a person) through the terminal hand-off, Simulate's
// verdicts for one of your identities with and without MFA, and the primary action blocked while
// an error stands.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { RoleMaking } from '../../src/role-making/role-making';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { IDENTITY } from '../../src/sandbox/seed';
import { Settings } from '../../src/settings/settings';
import { fakeEditor, plainHandOff } from '../helpers/fake-editor';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

let sandbox: TestSandbox | undefined;
let files: SandboxAwsFiles | undefined;
let app: AppUnderTest;
afterEach(async () => {
  app?.unmount();
  files?.remove();
  await sandbox?.close();
});

async function start(
  editor?: string,
  options: { policiesRefused?: string; columns?: number; rows?: number } = {},
) {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  const made = createCore({
    settings: new Settings({ dir: tempConfigDir() }),
    env: { ...sandboxVariables(sandbox.endpoint, files), ...(editor ? { EDITOR: editor } : {}) },
    clipboard: { write: async () => ({ with: 'program' as const }) },
  });
  const refused = options.policiesRefused;
  const core = {
    ...made,
    // The real hand-off, with no terminal to suspend: the editor runs and is waited for.
    handOff: plainHandOff(),
    ...(refused
      ? {
          roleMaking: new (class extends RoleMaking {
            override managedPolicies(): Promise<never> {
              return Promise.reject(new Error(refused));
            }
          })({ roleListing: made.roleListing }),
        }
      : {}),
  };
  app = renderApp({ core, columns: options.columns ?? 120, rows: options.rows ?? 50 });
}

const frame = () => app.lastFrame();
const see = (text: string) => vi.waitFor(() => expect(frame()).toContain(text), { timeout: 5000 });
async function type(...keys: string[]) {
  for (const key of keys) await app.press(key);
}
/** The line under the one that holds `text`. */
function lineAfter(text: string): string {
  const lines = frame().split('\n');
  return lines[lines.findIndex((line) => line.includes(text)) + 1] ?? '';
}

/** The builder for dev (222222222222), the first account listed. */
async function openBuilder() {
  await type('b');
  await see('dev 222222222222');
  await type('n');
  await see('Who may assume it');
}

/** ↑ from the first field goes round to the end: the primary action, Simulate, the tags… */
async function upTo(text: string) {
  for (let i = 0; i < 30 && !frame().includes(`› ${text}`); i++) await type(KEYS.up);
  await see(`› ${text}`);
}

describe('the new role’s fields and permissions', () => {
  it('picks a managed policy from IAM’s list, filtered as typed, with Space; Enter closes the list', async () => {
    await start();
    await openBuilder();
    await see('none: Enter picks from IAM’s list');
    await upTo('Inline policy');
    // Keys sent together reach Enter before the focus they moved is drawn: Enter acts on the row
    // the focus is on now (AWS managed), not on the one drawn (Inline policy, whose editor it
    // would open).
    await app.press(KEYS.up, KEYS.up, KEYS.enter);
    await see('AWS managed policies: type to filter');
    await type(...'IAMRead');
    await see('› [ ] IAMReadOnlyAccess');
    await see('1 of 48 policies');
    expect(frame()).not.toContain('AdministratorAccess');
    await type(' ');
    await see('› [x] IAMReadOnlyAccess');
    await type(KEYS.enter);
    await see('IAMReadOnlyAccess (Enter changes)');
    expect(frame()).toContain('Who may assume it');
  });

  it('when IAM’s list cannot be read, says why and takes the policies’ ARNs typed', async () => {
    const why = 'Nobody here may read IAM in 222222222222, so its managed policies cannot be listed.';
    await start(undefined, { policiesRefused: why });
    await openBuilder();
    await see('not read from IAM (why below): type ARNs');
    await see('! Nobody here may read IAM in 222222222222');
    await upTo('Policy ARN');
    await type(...'arn:aws:iam::aws:policy/ReadOnlyAccess');
    await vi.waitFor(() => expect(frame()).toMatch(/› Policy ARN +arn:aws:iam::aws:policy\/ReadOnlyAccess/), {
      timeout: 5000,
    });
    expect(lineAfter('› Policy ARN')).not.toContain('✗');
  });

  it('takes the role’s name, maximum session and tags, with Ctrl-N adding a tag', async () => {
    await start();
    await openBuilder();
    await upTo('Tags');
    await type(...'team=platform', '\u000E', ...'env=dev');
    await see('env=dev');
    expect(frame()).toMatch(/Tags +team=platform/);
    await upTo('Name');
    await type(...'Deployer');
    await vi.waitFor(() => expect(frame()).toMatch(/› Name +Deployer/), { timeout: 5000 });
  });

  it('shows what IAM would refuse in the role’s fields beside each, until it is fixed', async () => {
    await start();
    await openBuilder();
    await upTo('Name');
    expect(lineAfter('› Name')).toContain('✗ Type the role’s name');
    await type(...'my role');
    await vi.waitFor(() => expect(lineAfter('› Name')).toContain('✗ The name may hold only letters'), {
      timeout: 5000,
    });
    await type(KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace, ...'Role');
    await vi.waitFor(() => expect(lineAfter('› Name')).not.toContain('✗'), { timeout: 5000 });
    await upTo('Max session');
    await type(...'13h');
    await vi.waitFor(
      () => expect(lineAfter('› Max session')).toContain('✗ The maximum session must be from 1h to 12h'),
      { timeout: 5000 },
    );
    await type(KEYS.backspace, KEYS.backspace, KEYS.backspace, ...'12h');
    await vi.waitFor(() => expect(lineAfter('› Max session')).not.toContain('✗'), { timeout: 5000 });
  });

  it('writes the inline policy in $EDITOR, reads it back, and keeps what is not JSON to fix', async () => {
    const editor = fakeEditor(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}',
    );
    await start(editor.command);
    await openBuilder();
    await upTo('Inline policy');
    await see('none: Enter writes one in your editor');
    await type(KEYS.enter);
    await see('1 statement, ');
    await see('Read the inline policy back from');
  });

  it('an editor closed on the starter document leaves the role with no inline policy, and says so', async () => {
    await start('/bin/true');
    await openBuilder();
    await upTo('Inline policy');
    await type(KEYS.enter);
    await see('The inline policy was left as it started: the role has none.');
    expect(frame()).toContain('none: Enter writes one in your editor');
  });

  it('Enter on a field goes to the next, as when editing a trust policy; the footer says where the primary action is', async () => {
    await start();
    await openBuilder();
    await type('\t', ...IDENTITY);
    await see('Enter next (review and create is the last row)');
    await type(KEYS.enter);
    await see('› [ ] Require MFA');
    await type('\t', ...'1h', KEYS.enter);
    await see('› External ID');
  });

  it('says why when the editor deletes the file it was given, and keeps the inline policy as it was', async () => {
    await start('rm');
    await openBuilder();
    await upTo('Inline policy');
    await type(KEYS.enter);
    await see('The editor (rm) did not save the inline policy: the file it was given was gone');
    expect(frame()).toContain('none: Enter writes one in your editor');
  });

  it('keeps an inline policy that is not JSON, as written, for the person to fix', async () => {
    const editor = fakeEditor('{"Version": "2012-10-17", ');
    await start(editor.command);
    await openBuilder();
    await upTo('Inline policy');
    await type(KEYS.enter);
    await vi.waitFor(() => expect(frame()).toMatch(/› Inline policy +not JSON yet/), { timeout: 5000 });
  });

  it('simulates one of your identities against the policy as it stands: needs MFA, then assumable with it', async () => {
    await start();
    await openBuilder();
    await type('\t', ...IDENTITY, '\t', ' ');
    await see('› [x] Require MFA');
    await upTo('Simulate…');
    await type(KEYS.enter);
    await see('Could this caller assume it?');
    for (let i = 0; i < 30 && !frame().includes('‹ alice ›'); i++) await type('\u001B[C');
    await see('‹ alice ›');
    expect(lineAfter('‹ alice ›')).toContain('arn:aws:iam::111111111111:user/alice');
    await see('• needs MFA');
    await type('\t', '\t');
    await see('› [ ] With MFA');
    await type(' ');
    await see('✓ assumable');
    expect(frame()).toContain('Assumable. Your own policies must also allow');
    await type(KEYS.escape);
    await see('Who may assume it');
  });

  it('blocks Review and create while an error stands, saying which', async () => {
    await start();
    await openBuilder();
    await type('\t', ...'12345');
    await see('✗ 1 error');
    await upTo('Review and create…');
    expect(lineAfter('Review and create…')).toContain('Fix first: "12345" is not an account ID');
    await type(KEYS.enter);
    // Nothing happens: the create page is not opened.
    expect(frame()).toContain('Fix first');
    expect(frame()).not.toContain('› Create ');
  });

  it('with nothing refused, Review and create opens the create page for the role the form makes', async () => {
    await start();
    await openBuilder();
    await type('\t', ...IDENTITY, '\t', ' ');
    await upTo('Name');
    await type(...'Deployer');
    await upTo('Review and create…');
    await vi.waitFor(() => expect(frame()).not.toContain('Fix first'), { timeout: 5000 });
    await type(KEYS.enter);
    await see('› Create Deployer');
  });

  it('keeps the focused field on screen in a small terminal, from the first field to the primary action', async () => {
    await start(undefined, { columns: 100, rows: 24 });
    await openBuilder();
    // Nothing refused, so the primary action is the last row: the form's end is what would be lost.
    await type('\t', ...IDENTITY);
    await upTo('Name');
    await type(...'Deployer');
    await type(KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab);
    // Within the terminal's rows: a frame taller than the terminal loses its end off the screen.
    const focusedLine = () =>
      frame()
        .split('\n')
        .slice(0, 24)
        .find((line) => /^ *› /.test(line));
    const seen: string[] = [];
    for (let i = 0; i < 40 && !focusedLine()?.includes('Review and create…'); i++) {
      await type(KEYS.down);
      const line = await vi.waitFor(
        () => {
          const found = focusedLine();
          expect(found, `no focused row after ${i + 1} presses:\n${frame()}`).toBeDefined();
          return found ?? '';
        },
        { timeout: 5000 },
      );
      seen.push(line.trim());
    }
    expect(seen.at(-1)).toContain('Review and create…');
    expect(seen.some((line) => line.includes('Max session'))).toBe(true);
    expect(frame().split('\n').length).toBeLessThanOrEqual(24);
  });
});
