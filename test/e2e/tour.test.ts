// The walkthrough from the built bin in a real terminal: it opens by itself on rolecall's very
// first start and not on the next, and `rolecall tour --sandbox` opens it, in the sandbox's
// newcomer world, at the page where it was left. On real accounts, the last page's Enter practises
// the guided setup in the sandbox: a child rolecall on it has the terminal until it is quit.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
    // Its first frame: the dashboard is never drawn under it first, where a key typed at it
    // would have reached the walkthrough once that was drawn.
    expect(first.raw()).not.toContain('No live sessions.');
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
    // All of it was the sandbox's, kept apart: rolecall on the person's own accounts is still new.
    expect(existsSync(join(dir, 'sandbox', 'settings.json'))).toBe(true);
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });
});

describe('the guided setup from a walkthrough on real accounts', () => {
  it('Enter on the last page practises it in a sandbox rolecall, and quitting that comes back to the walkthrough', async () => {
    const home = tempConfigDir();
    mkdirSync(join(home, '.aws'));
    const config = join(home, '.aws', 'config');
    const credentials = join(home, '.aws', 'credentials');
    writeFileSync(config, '[default]\nregion = us-east-1\n');
    // Example keys, and an endpoint where nothing answers: no call reaches AWS.
    writeFileSync(
      credentials,
      '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    );
    run = runInPty(process.execPath, [requireBuiltBin(), 'tour'], {
      columns: 100,
      rows: 40,
      env: {
        HOME: home,
        ROLECALL_CONFIG_DIR: join(home, 'settings'),
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: credentials,
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_PROFILE: '',
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_SESSION_TOKEN: '',
      },
    });
    const tui = run;
    await tui.waitForText('Concepts · page 1 of 6 · step 1 of 8', WAIT);
    tui.type('8');
    await tui.waitForText('Guided setup · step 8 of 8', WAIT);
    await tui.waitFor(
      (s) =>
        flat(s).includes(
          'Press Enter to practise in the sandbox, or r to set it up on your own AWS accounts.',
        ),
      'the choice of the sandbox or your own accounts',
      WAIT,
    );
    tui.type('\r');
    // The child: rolecall on its own sandbox, in the guided setup, as the newcomer alice.
    await tui.waitFor(
      (s) => flat(s).includes('In the sandbox: you are alice') && s.includes('user/alice · 111111111111'),
      'the sandbox’s guided setup',
      WAIT,
    );
    await tui.waitFor((s) => s.includes('profile alice'), 'step 1’s profiles', WAIT);
    tui.type('q');
    // The parent again, on the walkthrough's last page, saying what happened there.
    await tui.waitFor(
      (s) => flat(s).includes('Back from the sandbox: you reached step 1 of 6 there (Who you are).'),
      'the walkthrough again, after the sandbox',
      WAIT,
    );
    expect(tui.screenText()).toContain('Guided setup · step 8 of 8');
    expect(tui.screenText()).not.toContain('user/alice');
    await quit(tui);
    // The sandbox's rolecall kept its settings apart, in sandbox/ beside the person's: its example
    // accounts' aliases and its guided setup are in neither the person's file nor their screens.
    const real = JSON.parse(readFileSync(join(home, 'settings', 'settings.json'), 'utf8'));
    const practice = JSON.parse(readFileSync(join(home, 'settings', 'sandbox', 'settings.json'), 'utf8'));
    expect(practice.tour.sandboxSetup).toEqual({ step: 1 });
    expect(real.tour).toEqual({ page: 'setup', dismissed: true });
    expect(real.accountAliases).toEqual({});
    expect(real.accounts).toEqual({});
    expect(real.recents).toEqual([]);
  });
});
