// The getting-started walkthrough in the app, on the sandbox's newcomer world: one page at a
// time, the footer saying where you are, progress kept in settings and resumed, put away with d,
// the check of the setup, the way into the guided setup, and g on the dashboard.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../screens/app/stores/core-context';
import { createUiStore } from '../../screens/app/stores/ui-store';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { recordingHandOff } from '../helpers/sessions';
import { tempConfigDir } from '../helpers/temp-dirs';

const RIGHT = '\u001B[C';
const LEFT = '\u001B[D';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
beforeAll(async () => {
  sandbox = await startTestSandbox({ newcomer: true });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

let app: AppUnderTest;
afterEach(() => app?.unmount());

/** The app on the dashboard, with the walkthrough opened over it (at `page`, when given). */
async function tour(
  options: {
    settings?: Settings;
    page?: string;
    columns?: number;
    rows?: number;
    /** The core to run on (one on the in-process sandbox, one with a hand-off of the test's). */
    core?: Core;
  } = {},
) {
  app = renderApp({
    env: sandboxVariables(sandbox.endpoint, files),
    settings: options.settings ?? new Settings({ dir: tempConfigDir() }),
    ...(options.core ? { core: options.core } : {}),
    ...(options.columns ? { columns: options.columns } : {}),
    ...(options.rows ? { rows: options.rows } : {}),
  });
  app.store.getState().actions.open('tour', options.page ? { page: options.page } : {});
  await shows('step ');
  return app;
}

const flat = () => app.lastFrame().replace(/\s+/g, ' ');
const shows = (text: string) => vi.waitFor(() => expect(flat()).toContain(text), { timeout: 10_000 });

describe('the walkthrough', () => {
  it('opens on its first page, in the person’s own names, saying where you are', async () => {
    await tour();
    await shows('Two accounts: the trusting and the trusted');
    await shows('Concepts · page 1 of 6 · step 1 of 8');
    // The names come from the sandbox: alice's identity, her account's alias, prod's through its role.
    await shows('So prod trusts identity, where your user alice is');
    await shows('Where rolecall shows it: the header says who you are');
    expect(app.settings.tourProgress().page).toBe('accounts');
  });

  it('pages with → ← and Enter, each page change kept in settings', async () => {
    await tour();
    await app.press(RIGHT);
    await shows('Three policies, and all three must agree');
    await shows('Concepts · page 2 of 6 · step 2 of 8');
    expect(app.settings.tourProgress().page).toBe('policies');
    await app.press(KEYS.enter, KEYS.enter);
    await shows('MFA: a code from your device');
    await shows('step 4 of 8');
    await app.press(LEFT);
    await shows('Temporary credentials: how long, and where they go');
    expect(app.settings.tourProgress().page).toBe('credentials');
    await app.press(KEYS.backspace, 'b');
    await shows('step 1 of 8');
    // Not before the first page.
    await app.press(LEFT);
    await shows('step 1 of 8');
    await app.press('6');
    await shows('An explicit deny wins');
    expect(app.settings.tourProgress().page).toBe('deny');
  });

  it('resumes where it was left, in a new run, with what else was kept', async () => {
    const dir = tempConfigDir();
    const before = new Settings({ dir });
    before.saveTourProgress({ page: 'external-id', setup: { step: 4 } });
    await tour({ settings: new Settings({ dir }) });
    await shows('External IDs: when a third party assumes your role');
    await shows('Concepts · page 5 of 6 · step 5 of 8');
    await app.press(RIGHT);
    await shows('step 6 of 8');
    // The guided setup's own progress is kept alongside.
    expect(new Settings({ dir }).tourProgress()).toEqual({ page: 'deny', setup: { step: 4 } });
  });

  it('opens at the page asked for', async () => {
    const settings = new Settings({ dir: tempConfigDir() });
    settings.saveTourProgress({ page: 'mfa' });
    await tour({ settings, page: 'setup' });
    await shows('Guided setup · step 8 of 8');
  });

  it('d puts it away: back on the dashboard, and it no longer opens by itself', async () => {
    await tour();
    await app.press('d');
    await shows('No live sessions.');
    await shows('g on the sessions screen opens it again');
    expect(app.settings.tourProgress().dismissed).toBe(true);
    // The empty dashboard no longer points at it; g still opens it.
    await shows('how long sessions last.');
    expect(flat()).not.toContain('walks you through them');
    await app.press('g');
    await shows('step 1 of 8');
  });

  it('Esc leaves it where it is, to be resumed', async () => {
    await tour();
    await app.press(RIGHT);
    await app.press(KEYS.escape);
    await shows('No live sessions.');
    expect(app.settings.tourProgress()).toEqual({ page: 'policies' });
  });

  it('on the sandbox, Enter on its last page starts the guided setup, and the walkthrough is finished', async () => {
    const core = createCore({
      settings: new Settings({ dir: tempConfigDir() }),
      env: sandboxVariables(sandbox.endpoint, files),
      // As `rolecall tour --sandbox` makes it: on its in-process sandbox.
      sandboxDevices: [],
    });
    await tour({ page: 'setup', core });
    await shows('(2) in prod (333333333333), a role that trusts identity (111111111111) with MFA required');
    await shows('This rolecall runs on the sandbox');
    await shows('Press Enter to start it.');
    expect(flat()).not.toContain('own AWS accounts');
    await app.press('r');
    expect(app.store.getState().stack.at(-1)?.screen).toBe('tour');
    await app.press(KEYS.enter);
    await vi.waitFor(() => expect(app.store.getState().stack.at(-1)?.screen).toBe('guided-setup'));
    // The guided setup, now open, keeps its own progress beside the tour's.
    expect(app.settings.tourProgress()).toMatchObject({ page: 'setup', dismissed: true });
  });
});

describe('the last page on real accounts: the sandbox by default, your own accounts when asked', () => {
  const SELF = { command: '/path/to/node', args: ['/path/to/rolecall.js'] };

  /** The walkthrough's last page on a core that is not on the sandbox, whose terminal goes to `child`. */
  async function lastPage(child: Parameters<typeof recordingHandOff>[0]) {
    // Settings found from the environment, as cli.ts opens them: the child finds its own from it.
    const env = { ...sandboxVariables(sandbox.endpoint, files), ROLECALL_CONFIG_DIR: tempConfigDir() };
    const settings = new Settings({ env });
    const terminal = recordingHandOff(child);
    const core = { ...createCore({ settings, env, selfCommand: SELF }), handOff: terminal.handOff };
    await tour({ page: 'setup', core, rows: 40 });
    return { runs: terminal.runs, settings, env };
  }

  it('Enter hands the terminal to rolecall on the sandbox, and says the step reached there when it ends', async () => {
    const { runs, settings, env } = await lastPage((child) => {
      // The child's guided setup keeps its progress in the sandbox's own settings, as
      // `rolecall tour --sandbox` opens them from the environment it was given.
      const own = new Settings({ env: child.env, sandbox: true });
      own.labelAccount('333333333333', { label: 'sandbox prod' });
      own.saveTourProgress({
        page: 'setup',
        sandboxSetup: { step: 4, sourceProfile: 'alice', target: '333333333333', roleName: 'Onboarding' },
      });
      return { code: 0, signal: null, ran: child.command };
    });
    await shows('Enter practises it in the sandbox');
    await shows('Press Enter to practise in the sandbox, or r to set it up on your own AWS accounts.');
    await shows('Enter practise in the sandbox');
    await app.press(KEYS.enter);
    await shows('Back from the sandbox: you reached step 4 of 6 there (The profile in your config).');
    expect(runs).toEqual([
      {
        command: '/path/to/node',
        args: ['/path/to/rolecall.js', 'tour', '--sandbox', '--at', 'guided-setup'],
        env,
        banner: expect.stringContaining('brings you back to the walkthrough'),
      },
    ]);
    // Still the walkthrough, on its last page: nothing was started on the real accounts.
    expect(app.store.getState().stack.at(-1)?.screen).toBe('tour');
    expect(app.settings.tourProgress()).toMatchObject({ page: 'setup', dismissed: true });
    expect(app.settings.tourProgress().setup).toBeUndefined();
    // The sandbox's settings are apart: nothing of its world is in the person's own.
    expect(settings.tourProgress().sandboxSetup).toBeUndefined();
    expect(settings.read().accounts).toEqual({});
    expect(dirname(new Settings({ env, sandbox: true }).path)).toBe(join(dirname(settings.path), 'sandbox'));
  });

  it('says so when the sandbox’s rolecall fails', async () => {
    const { runs } = await lastPage(() => ({ code: 1, signal: null, ran: 'node' }));
    await app.press(KEYS.enter);
    await shows(
      "The sandbox's rolecall exited with code 1; rolecall tour --sandbox runs it on its own, to see why.",
    );
    expect(runs).toHaveLength(1);
    expect(app.store.getState().stack.at(-1)?.screen).toBe('tour');
  });

  it('r starts the guided setup on your own accounts, with no sandbox started', async () => {
    const { runs } = await lastPage(() => {
      throw new Error('no child was to be started');
    });
    await app.press('r');
    await vi.waitFor(() => expect(app.store.getState().stack.at(-1)?.screen).toBe('guided-setup'));
    expect(runs).toEqual([]);
    expect(app.settings.tourProgress()).toMatchObject({ page: 'setup', dismissed: true });
  });
});

describe('checking the setup', () => {
  it('runs doctor’s check through the core and shows its findings grouped, with their fixes', async () => {
    await tour({ page: 'check', rows: 40 });
    await shows('Check your setup · step 7 of 8');
    await shows('No errors and no warnings.');
    await shows('Information:');
    await shows('[identity] The SDK in this terminal is arn:aws:iam::111111111111:user/alice');
    await shows("[mfa] alice's MFA device: arn:aws:iam::111111111111:mfa/alice.");
    await shows('fix: Add mfa_serial');
  });

  it('r reads the AWS files again and runs it again', async () => {
    await tour({ page: 'check', rows: 40 });
    await shows('from profile default');
    // The person changes which profile the SDK uses; r sees it.
    app.core.env.AWS_PROFILE = 'lead';
    await app.press('r');
    await shows('arn:aws:iam::111111111111:user/lead (account 111111111111), from profile lead');
  });

  it('scrolls in a small terminal, saying there is more', async () => {
    await tour({ page: 'check', columns: 60, rows: 16 });
    await shows('↓ more');
    expect(flat()).not.toContain('Where rolecall shows it: rolecall doctor');
    for (let i = 0; i < 40 && flat().includes('↓ more'); i++) await app.press(KEYS.down);
    await shows('Where rolecall shows it: rolecall doctor');
    await shows('Check your setup · step 7 of 8');
  });
});

describe('the dashboard', () => {
  it('g opens the walkthrough where it was left', async () => {
    const settings = new Settings({ dir: tempConfigDir() });
    settings.saveTourProgress({ page: 'credentials' });
    app = renderApp({
      env: sandboxVariables(sandbox.endpoint, files),
      settings,
      store: createUiStore('home'),
    });
    await shows('g walks you through them');
    await app.press('g');
    await shows('Temporary credentials: how long, and where they go');
    await shows('Concepts · page 3 of 6 · step 3 of 8');
  });
});

describe('fixing the config file from the check', () => {
  const FIXTURE = join(__dirname, '../e2e/fixtures/doctor-fix/chained-duration');

  /** The walkthrough's check on a copy of doctor --fix's fixture: a chained role asking for two hours. */
  async function checkOnFixture() {
    const dir = tempConfigDir();
    const config = join(dir, 'config');
    copyFileSync(join(FIXTURE, 'config'), config);
    copyFileSync(join(FIXTURE, 'credentials'), join(dir, 'credentials'));
    app = renderApp({
      env: {
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_PROFILE: 'alice',
        AWS_REGION: 'us-east-1',
        // Its keys are examples: AWS is asked nothing that could answer.
        AWS_ENDPOINT_URL: sandbox.endpoint,
      },
      settings: new Settings({ dir: tempConfigDir() }),
      rows: 60,
      columns: 120,
    });
    app.store.getState().actions.open('tour', { page: 'check' });
    await shows('rolecall can make 1 fix to');
    return { dir, config };
  }

  it('f shows the diff and writes nothing; n hides it', async () => {
    const { dir, config } = await checkOnFixture();
    await app.press('f');
    await shows(`Fixes to ${config}:`);
    await shows('-duration_seconds=7200');
    await shows('+duration_seconds=3600');
    await shows('y writes them');
    // The credentials file's secret is never on screen.
    expect(flat()).not.toContain('wJalrXUtnFEMI');
    await app.press('n');
    await shows('f shows them as a diff');
    expect(readFileSync(config, 'utf8')).toBe(readFileSync(join(FIXTURE, 'config'), 'utf8'));
    expect(readdirSync(dir).sort()).toEqual(['config', 'credentials']);
  });

  it('y writes them with a backup beside the file, says where, and checks again', async () => {
    const { dir, config } = await checkOnFixture();
    await app.press('f');
    await shows('y writes them');
    await app.press('y');
    await shows('Wrote 1 fix to');
    expect(readFileSync(config, 'utf8')).toBe(readFileSync(join(FIXTURE, 'expected'), 'utf8'));
    const backups = readdirSync(dir).filter((name) => name.startsWith('config.rolecall-backup-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0] ?? ''), 'utf8')).toBe(
      readFileSync(join(FIXTURE, 'config'), 'utf8'),
    );
    await shows(`the file as it was is at ${join(dir, backups[0] ?? '')}`);
    // Checked again on the fixed file: nothing left to fix (the example keys are still refused).
    await vi.waitFor(
      () => {
        expect(flat()).toContain('[identity] AWS did not say who profile alice is');
        expect(flat()).not.toContain('Writing');
        expect(flat()).not.toContain('rolecall can make');
      },
      { timeout: 10_000 },
    );
    // What was written stays said on the page, whatever the status line says next.
    app.store.getState().actions.say(undefined);
    await shows(`Wrote 1 fix to ${config}; the file as it was is at`);
  });
});
