// The accounts screen's cursor, against the sandbox's profiles: it stays on an account, not on a
// row number, while favourites and recents reorder the list.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});
let app: AppUnderTest;
afterEach(() => app?.unmount());

const frame = () => app.lastFrame();
const see = (text: string) => vi.waitFor(() => expect(frame()).toContain(text), { timeout: 5000 });
/** The account rows, top to bottom, as account IDs; the selected one marked with ›. */
function accounts(): string[] {
  return frame()
    .split('\n')
    .map((line) => /^ (›| ) .*?(\d{12})/.exec(line))
    .filter((match) => match !== null)
    .map(([, marker, id]) => `${marker === '›' ? '› ' : ''}${id}`);
}
const selected = () =>
  accounts()
    .find((row) => row.startsWith('› '))
    ?.slice(2);

/** Moves the cursor down to an account, waiting for each step to be drawn. */
async function moveTo(id: string) {
  for (let i = 0; i < 10 && selected() !== id; i++) {
    const from = selected();
    await app.press(KEYS.down);
    await vi.waitFor(() => expect(selected()).not.toBe(from));
  }
  expect(selected()).toBe(id);
}

/** Enter on the selected account, then Esc back from its roles once they are read. */
async function visit(id: string) {
  await app.press(KEYS.enter);
  await see(`Roles in ${id}`);
  // While IAM's list is being read, Esc stops the reading rather than going back.
  await vi.waitFor(() => expect(frame()).not.toContain('Reading IAM’s roles'), { timeout: 5000 });
  await app.press(KEYS.escape);
  await see('4 accounts');
  await vi.waitFor(() => expect(accounts()).toHaveLength(4));
}

function start() {
  const settings = new Settings({ dir: tempConfigDir() });
  const core = createCore({ settings, env: sandboxVariables(sandbox.endpoint, files) });
  app = renderApp({ core, columns: 100, rows: 30 });
}

describe('the accounts screen’s cursor', () => {
  it('is on the account you came back from, though opening it moved it up as a recent', async () => {
    start();
    await app.press('b');
    await see('4 accounts');
    await vi.waitFor(() => expect(accounts()).toHaveLength(4));
    const [first, second, third] = accounts().map((row) => row.replace('› ', ''));
    expect(selected()).toBe(first);

    await moveTo(third ?? '');
    await visit(third ?? '');
    // The visit made it the most recent: it is first now, and the cursor is on it.
    expect(accounts()[0]).toBe(`› ${third}`);

    await moveTo(second ?? '');
    await visit(second ?? '');
    expect(accounts().slice(0, 2)).toEqual([`› ${second}`, third]);
  });

  it('follows an account starred to the top', async () => {
    start();
    await app.press('b');
    await see('4 accounts');
    await vi.waitFor(() => expect(accounts()).toHaveLength(4));
    const last = accounts().at(-1)?.replace('› ', '') ?? '';
    await moveTo(last);
    await app.press('f');
    await see(' is a favourite.');
    await vi.waitFor(() => expect(accounts()[0]).toBe(`› ${last}`));
  });
});
