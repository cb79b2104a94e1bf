// The walkthrough from the built bin in a real terminal: it opens by itself on rolecall's very
// first start and not on the next, and `rolecall tour --sandbox` opens it, in the sandbox's
// newcomer world, at the page where it was left.
import { afterEach, describe, expect, it } from 'vitest';
import { requireBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { tempConfigDir } from '../helpers/temp-dirs';
import { exitCode, flat, WAIT } from '../helpers/tui-sandbox';

const RIGHT = '\u001B[C';
const IDENTITY = 'user/alice · 111111111111';

let run: PtyRun | undefined;
afterEach(() => run?.kill());

/** rolecall with `args` and settings in `dir`, written there only by rolecall itself. */
function rolecall(args: string[], dir: string): PtyRun {
  run = runInPty(process.execPath, [requireBuiltBin(), ...args], {
    columns: 80,
    rows: 24,
    env: { HOME: dir, ROLECALL_CONFIG_DIR: dir },
    firstStart: true,
  });
  return run;
}

async function quit(tui: PtyRun): Promise<void> {
  tui.type('q');
  expect(await exitCode(tui)).toBe(0);
}

describe('the walkthrough', () => {
  it('opens by itself on the first start only, and rolecall tour --sandbox resumes it where it was left', async () => {
    const dir = tempConfigDir();

    const first = rolecall(['--sandbox'], dir);
    await first.waitForText('Two accounts: the trusting and the trusted', WAIT);
    await first.waitForText('Concepts · page 1 of 6 · step 1 of 8', WAIT);
    expect(first.screenText()).toContain('rolecall › Sessions › Getting started');
    first.type(RIGHT);
    await first.waitForText('Concepts · page 2 of 6 · step 2 of 8', WAIT);
    first.type(RIGHT);
    await first.waitForText('step 3 of 8', WAIT);
    await quit(first);

    const second = rolecall(['--sandbox'], dir);
    // Whether to open the walkthrough is decided before the header's identity is asked for.
    await second.waitForText(IDENTITY, WAIT);
    const dashboard = second.screenText();
    expect(dashboard).toContain('No live sessions.');
    expect(dashboard).not.toContain('Getting started');
    await quit(second);

    const resumed = rolecall(['tour', '--sandbox'], dir);
    await resumed.waitForText('Temporary credentials: how long, and where they go', WAIT);
    await resumed.waitForText('Concepts · page 3 of 6 · step 3 of 8', WAIT);
    // The newcomer world: alice has her own keys and no profile that assumes a role with them.
    resumed.type('7');
    await resumed.waitFor(
      (screen) => flat(screen).includes("No role profile that uses alice's keys names an MFA device"),
      'the check of the newcomer’s setup',
      WAIT,
    );
    // Esc leaves the walkthrough for the dashboard it was opened over.
    resumed.type('\u001B');
    await resumed.waitForText('No live sessions.', WAIT);
    await quit(resumed);
  });
});
