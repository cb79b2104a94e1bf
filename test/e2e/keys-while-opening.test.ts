// Keys typed together with the key that opens a screen are that screen's, in order: the screens
// after the dashboard load after the first frame (issue 15), and a key that arrives while one is
// on its way, or before React has drawn it, must neither be lost nor act on the screen left.
import { afterEach, describe, expect, it } from 'vitest';
import { requireBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { tempConfigDir } from '../helpers/temp-dirs';
import { DOWN, selectedLine } from '../helpers/tui-sandbox';

let run: PtyRun | undefined;
afterEach(() => run?.kill());

describe('keys typed as a screen opens', () => {
  it('a Down sent in the same write as the key that opens settings moves the settings cursor', async () => {
    run = runInPty(process.execPath, [requireBuiltBin()], {
      env: { ROLECALL_CONFIG_DIR: tempConfigDir() },
      rows: 30,
      columns: 100,
    });
    await run.waitForText('No live sessions.');
    // One write: the pty hands both keys to rolecall in one read, as a quick typist's or a
    // script's keys come.
    run.type(`,${DOWN}`);
    // The cursor comes to the second setting: the Down reached the settings screen. (A lost Down
    // leaves it on the first for good, and this wait fails.)
    const screen = await run.waitFor(
      (text) =>
        text.includes('rolecall › Sessions › Settings') && /Session duration/.test(selectedLine(text) ?? ''),
      'the settings screen with its cursor on the second setting',
    );
    expect(selectedLine(screen)).not.toContain('Default region');
    run.type('q');
    expect((await run.exited).exitCode).toBe(0);
  });
});
