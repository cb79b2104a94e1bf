// The builder asks IAM whether each user or role ARN typed exists, where IAM can be read, against
// the sandbox through the real AWS SDK: IAM refuses a principal that does not exist ("Invalid
// principal in policy"), so the form says so beside the entry and blocks Review and create; an
// ARN in an account nobody here may read gets no finding (unknown is not "no").
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const ALICE = 'arn:aws:iam::111111111111:user/alice';
const NOBODY = 'arn:aws:iam::111111111111:user/nobody';
const UNREADABLE = 'arn:aws:iam::444455556666:user/nobody';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let app: AppUnderTest;
/** What IAM answered for each ARN the screen asked about. */
let answered: Map<string, boolean | undefined>;
beforeEach(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  answered = new Map();
  const core = createCore({
    settings: new Settings({ dir: tempConfigDir() }),
    env: sandboxVariables(sandbox.endpoint, files),
    clipboard: { write: async () => ({ with: 'program' as const }) },
  });
  const ask = core.roleListing.principalExists.bind(core.roleListing);
  core.roleListing.principalExists = async (arn, options) => {
    const exists = await ask(arn, options);
    answered.set(arn, exists);
    return exists;
  };
  app = renderApp({ core, columns: 120, rows: 50 });
});
afterEach(async () => {
  app?.unmount();
  files?.remove();
  await sandbox?.close();
});

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
/** ↑ from the first field goes round to the end: the primary action, Simulate, the tags… */
async function upTo(text: string) {
  for (let i = 0; i < 30 && !frame().includes(`› ${text}`); i++) await type(KEYS.up);
  await see(`› ${text}`);
}
/** The entry's kind is focused: make it a user or role, and type its ARN. */
async function typeArn(arn: string) {
  await type('\u001B[C');
  await see('‹ IAM user or role ›');
  await type('\t', ...arn);
  await see(`"${arn}"`);
}

describe('the builder’s users and roles, asked of IAM', () => {
  it('says beside an entry that its user does not exist, and blocks Review and create; those that exist or cannot be asked about get no finding', async () => {
    await type('b');
    await see('dev 222222222222');
    await type('n');
    await see('Who may assume it');
    await typeArn(ALICE);
    await type('\u000E');
    await see('Entry 2');
    await typeArn(UNREADABLE);
    await type('\u000E');
    await see('Entry 3');
    await typeArn(NOBODY);

    await see('✗ There is no user nobody in account 111111111111');
    expect(lineAfter(`User/role ARN   ${NOBODY}`)).toContain(
      '✗ There is no user nobody in account 111111111111',
    );
    await vi.waitFor(() => expect(answered.size).toBe(3), { timeout: 5000 });
    expect(Object.fromEntries(answered)).toEqual({ [ALICE]: true, [NOBODY]: false, [UNREADABLE]: undefined });
    // Drawn again with every answer in: only nobody is refused.
    await type(KEYS.up);
    expect(frame().match(/There is no user/g)).toHaveLength(1);
    expect(frame()).toContain('✗ 1 error');

    await upTo('Review and create…');
    expect(lineAfter('Review and create…')).toContain('Fix first: There is no user nobody');
    await type(KEYS.enter);
    expect(frame()).not.toContain('› Create ');
  });
});
