// Browsing and assuming, screen by screen, against the sandbox through the real AWS SDK: the
// accounts, an account's roles with their verdict marks, a role's details, the assume form and
// the MFA form.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp, selectRow as selectRowOf } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { handClock, recordingHandOff } from '../helpers/sessions';
import { tempConfigDir } from '../helpers/temp-dirs';

// A sandbox each: AWS refuses an MFA code from a 30-second step at or before the last one used.
let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let env: NodeJS.ProcessEnv;
beforeEach(() => useSandbox());
async function useSandbox(extraRoles = 0) {
  await sandbox?.close();
  files?.remove();
  sandbox = await startTestSandbox({ extraRoles });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  env = sandboxVariables(sandbox.endpoint, files);
}
let app: AppUnderTest;
afterEach(async () => {
  app?.unmount();
  files?.remove();
  await sandbox?.close();
});

let shells: ReturnType<typeof recordingHandOff>;
function start(time?: ReturnType<typeof handClock>) {
  const settings = new Settings({ dir: tempConfigDir() });
  shells = recordingHandOff();
  const core = {
    ...createCore({
      settings,
      ...(time ? { clock: time.clock, ticker: time.ticker } : {}),
      env,
      sandboxDevices: sandbox.seeded.mfa.map(({ serial, secret }) => ({ serial, secret })),
    }),
    handOff: shells.handOff,
  };
  app = renderApp({ core, columns: 100, rows: 30 });
  return core;
}

const frame = () => app.lastFrame();
const see = (text: string) => vi.waitFor(() => expect(frame()).toContain(text), { timeout: 5000 });
/** Keys one at a time, as a person types them (a chunk of several arrives as one input). */
async function type(...keys: string[]) {
  for (const key of keys) await app.press(key);
}
const selectRow = (text: string) => selectRowOf(app, text);

/** In the assume form: the duration replaced, then Enter. */
async function assumeFor(duration: string) {
  await app.press(KEYS.ctrlU);
  await app.press(duration);
  await see(`› Duration      ${duration}`);
  await type(KEYS.enter);
}

async function openAccount(id: string) {
  await type('b');
  await see('4 accounts');
  await selectRow(id);
  await type(KEYS.enter);
  // Titled by the account's alias once it is known (dev's is read in the background).
  await see('Roles in ');
}

describe('the accounts screen', () => {
  it('lists each account with its role profiles and who reaches it', async () => {
    start();
    await type('b');
    await see('4 accounts');
    expect(frame()).toMatch(/333333333333 +4 role profiles · via alice, auditor/);
    expect(frame()).toMatch(/identity 111111111111 +0 role profiles · via alice, bob, ci-bot, default/);
  });

  it('shows the alias of an account reached only through role profiles once one of them reads it', async () => {
    const core = start();
    await type('b');
    await see('4 accounts');
    // dev has no key profile: its alias is read through dev-developer, then kept in settings.
    await see('dev 222222222222');
    expect(core.settings.read().accountAliases['222222222222']).toBe('dev');
  });

  it('filters with /, and Esc clears the filter', async () => {
    start();
    await type('b');
    await see('4 accounts');
    await type('/', '9', '9', '9');
    await see('1 of 4 accounts');
    expect(frame()).not.toContain('333333333333');
    await type(KEYS.escape);
    await see('333333333333');
    expect(frame()).toContain('4 accounts');
  });

  it('stars a favourite to the top, and saves a label and a colour in settings', async () => {
    const core = start();
    await type('b');
    await see('4 accounts');
    await selectRow('999999999999');
    await type('f');
    await see('999999999999 is a favourite.');
    expect(
      frame()
        .split('\n')
        .find((l) => l.includes('★')),
    ).toContain('999999999999');
    expect(core.settings.read().favourites).toEqual(['999999999999']);
    // The cursor moved up with it.
    await vi.waitFor(() => expect(frame()).toMatch(/› ★ 999999999999/), { timeout: 5000 });
    await type('l');
    await see('Label for account 999999999999');
    await app.press('vendor');
    await see('› vendor');
    await type(KEYS.enter);
    await see('999999999999 is now called vendor.');
    await vi.waitFor(() => expect(frame()).toMatch(/★ vendor 999999999999/), { timeout: 5000 });
    await type('o');
    await vi.waitFor(
      () => expect(core.settings.read().accounts['999999999999']).toEqual({ label: 'vendor', colour: 'red' }),
      { timeout: 5000 },
    );
  });
});

describe('the roles screen', () => {
  it('marks each role profile by what an assume needs when IAM cannot be read yet', async () => {
    start();
    await openAccount('333333333333');
    await vi.waitFor(() =>
      expect(frame().replace(/\s+/g, ' ')).toContain(
        'To list IAM’s roles here, assume a role here, then press r. 3 profiles need an MFA code first; profile prod-vendor-audit may not list them',
      ),
    );
    expect(frame()).toMatch(/Admin +profile prod-admin +• needs MFA/);
    expect(frame()).toMatch(/VendorAudit +profile prod-vendor-audit +• external ID/);
  });

  it('reads IAM where a profile may, and marks each role for the caller', async () => {
    start();
    await openAccount('222222222222');
    await see('IAM’s 4 roles, read through profile dev-developer');
    expect(frame()).toMatch(/Developer +profile dev-developer +max 1h ✓ assumable/);
    expect(frame()).toMatch(/Admin +profile dev-admin +max 12h • needs MFA/);
    // A second profile for the same role: its own row, judged for its own caller.
    expect(frame()).toMatch(/Admin +profile dev-admin-via-developer +max 12h ✗ denied/);
    // ci-bot's profile sends the external ID the trust policy asks for.
    expect(frame()).toMatch(/Deployer +profile dev-deployer +max 1h ✓ assumable/);
    await type('/', 'd', 'e', 'p', 'l', 'o', 'y');
    await see('1 of 5 roles');
    expect(frame()).toContain('Deployer');
    expect(frame()).not.toContain('Developer');
    // Reading IAM there also told the account's alias.
    await type(KEYS.escape, KEYS.escape);
    await see('dev 222222222222');
  });

  it('opens and assumes the profile of the row picked when two profiles name one role', async () => {
    start();
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('dev-admin-via-developer');
    await type(KEYS.enter);
    await see('Profile: dev-admin-via-developer, from dev-developer');
    await see('(as arn:aws:sts::222222222222:assumed-role/Developer/');
    expect(frame()).toContain('✗ denied');
    await type('a');
    await see('At most 1h: it is assumed from another role’s session (role chaining)');
    expect(frame()).toContain('profile dev-admin-via-developer');
  });

  it('says when a role was last used, and leaves out where when IAM does not say', async () => {
    start();
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    // After the listing, which may have tried Deployer's profile (and so used it in us-east-1).
    const deployer = sandbox.seeded.world.role('222222222222', 'Deployer');
    if (deployer) deployer.lastUsed = { date: new Date('2026-11-20T08:30:00Z') };
    await selectRow('dev-deployer');
    await type(KEYS.enter);
    await see('Last used: 2026-11-20 08:30 UTC');
    expect(frame()).not.toContain('UTC in');
  });

  it('judges a role by the session name its profile sends', async () => {
    start();
    await openAccount('999999999999');
    await see('read through profile vendor-reporter');
    // The trust policy asks for session names like ci-*; the profile's role_session_name is ci-report.
    expect(frame()).toMatch(/Reporter +profile vendor-reporter +max 1h ✓ assumable/);
  });

  it('shows a role’s trust policy in words and as JSON, with what an assume needs', async () => {
    start();
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('Admin');
    await type(KEYS.enter);
    await see('Tags: team=platform');
    expect(frame()).toContain('Full control of dev, with MFA');
    expect(frame()).toContain('Maximum session: 12h');
    expect(frame()).toContain('needs MFA');
    expect(frame()).toContain('(as arn:aws:iam::111111111111:user/alice)');
    expect(frame()).toContain('Statement 1 allows account 111111111111');
    expect(frame()).toContain('Attached: AdministratorAccess');
  });
});

describe('a role list that grows', () => {
  it('keeps the cursor on its role when IAM’s roles arrive and sort in above it', async () => {
    await useSandbox(3);
    const { roleListing } = start();
    // IAM's answer is held back until the cursor is on a role profile's row.
    const listIam = roleListing.roles.bind(roleListing);
    let answer = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    roleListing.roles = async (...args) => {
      await answered;
      return listIam(...args);
    };
    await openAccount('222222222222');
    await see('Reading IAM’s roles…');
    await selectRow('dev-readonly-via-developer');
    answer();
    // Generated-00001…00003 sort in between Developer and ReadOnly.
    await see('IAM’s 7 roles');
    expect(frame()).toContain('Generated-00002');
    expect(frame()).toMatch(/› +ReadOnly +profile dev-readonly-via-developer/);
    await type(KEYS.enter);
    await see('Profile: dev-readonly-via-developer');
  });
});

describe('a long list of roles', () => {
  it('Esc stops reading it and keeps the role profiles; r reads it again', async () => {
    await useSandbox(10_000);
    start();
    await openAccount('222222222222');
    await see('Reading IAM’s roles…');
    await type(KEYS.escape);
    await see('Stopped reading IAM’s roles: only the role profiles are listed');
    expect(frame()).toContain('5 roles');
    expect(frame()).toMatch(/Roles in (222222222222|dev)/);
    await type('r');
    await see('IAM’s 10,004 roles, read through profile dev-developer');
    expect(frame()).toContain('10,004 roles');
  });
});

describe('assuming a role', () => {
  it('caps the duration of a chained role at 1h, and says why', async () => {
    start();
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('dev-readonly-via-developer');
    await type('a');
    await see('At most 1h: it is assumed from another role’s session (role chaining)');
    await assumeFor('2h');
    await see('✗ Duration: at most 1h, because it is assumed from another role’s session');
  });

  /** Holds back AWS's answer to what the role allows until the test calls the returned function. */
  function holdAssumeDefaults(core: ReturnType<typeof start>): () => void {
    const { assuming } = core;
    const askAws = assuming.defaults.bind(assuming);
    let answer = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    assuming.defaults = async (row) => {
      await answered;
      return askAws(row);
    };
    return answer;
  }

  it('takes a duration sent the moment the form is drawn', async () => {
    const answer = holdAssumeDefaults(start());
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('dev-readonly-via-developer');
    await type('a');
    await see('Working out what this role allows…');
    const typed = app.pressWhenShown('Duration', KEYS.ctrlU, '2h');
    answer();
    await typed;
    await see('› Duration      2h');
  });

  it('keeps what is typed while the form asks AWS what the role allows', async () => {
    const answer = holdAssumeDefaults(start());
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('dev-readonly-via-developer');
    await type('a');
    await see('Working out what this role allows…');
    await type(KEYS.ctrlU, '2', 'h');
    answer();
    await see('› Duration      2h');
    await type(KEYS.enter);
    await see('✗ Duration: at most 1h, because it is assumed from another role’s session');
  });

  it('assumes once when Enter comes twice before the screen redraws', async () => {
    const core = start();
    const added: string[] = [];
    core.sessions.on((event) => event.type === 'added' && added.push(event.session.id));
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('dev-developer');
    await type('a');
    await see('Assume Developer');
    await app.press(KEYS.enter, KEYS.enter);
    await see('Live sessions (1)');
    // Every assume the two Enters started has ended.
    await vi.waitFor(() =>
      expect(core.assuming.isAssuming('arn:aws:iam::222222222222:role/Developer')).toBe(false),
    );
    expect(added).toEqual(['dev-developer']);
  });

  it('assumes a role that needs no code straight onto the dashboard', async () => {
    const core = start();
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('dev-developer');
    await type('a');
    await see('Assume Developer');
    await type(KEYS.enter);
    await see('Live sessions (1)');
    expect(frame()).toMatch(/› dev-developer profile alice +us-east-1 +(59:5\d|1:00:00)/);
    expect(core.sessions.get('dev-developer')?.origin.roleArn).toBe(
      'arn:aws:iam::222222222222:role/Developer',
    );
  });

  it('keeps what was typed, and AWS’s refusal, when the form is left and opened again', async () => {
    start();
    await openAccount('333333333333');
    await selectRow('prod-admin');
    await type('a');
    await see('Assume Admin');
    await assumeFor('2h');
    // The MFA form takes the assume form's place while the assume is under way.
    await see('A code from your MFA device');
    await app.press(await sandbox.aliceCode());
    await see('✗ Could not assume Admin: the session asked for is longer than the role allows.');
    await type(KEYS.escape);
    await see('4 roles');
    await type('a');
    await see('Assume Admin');
    expect(frame()).toContain('› Duration      2h');
    expect(frame()).toContain(
      '✗ Could not assume Admin: the session asked for is longer than the role allows.',
    );
  });
});

describe('s on a role', () => {
  it('assumes it with the form, then opens a shell with its credentials', async () => {
    start();
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('dev-developer');
    await type('s');
    await see('Assume Developer, then open a shell with its credentials');
    await type(KEYS.enter);
    await see('Shell for dev-developer exited with code 0.');
    const [shell] = shells.runs;
    expect(shell?.env?.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(shell?.env?.AWS_ACCOUNT_ID).toBe('222222222222');
    expect(frame()).toContain('Live sessions (1)');
  });
});

describe('the MFA form', () => {
  async function askForCode(time?: ReturnType<typeof handClock>) {
    const core = start(time);
    await openAccount('333333333333');
    await selectRow('prod-admin');
    await type('a');
    await see('Assume Admin');
    await type(KEYS.enter);
    await see('A code from your MFA device, to start an MFA session for profile alice.');
    return core;
  }

  it('takes digits only, shows the sandbox’s code, and sends on the sixth digit', async () => {
    const core = await askForCode();
    await see(`Sandbox: this device shows ${await sandbox.aliceCode()} now.`);
    await app.press('1a2');
    await see('4 more digits');
    await app.press(KEYS.ctrlU);
    await app.press(await sandbox.aliceCode());
    await see('Live sessions (2)');
    expect(core.sessions.list().map((s) => s.id)).toEqual(['mfa:alice', 'prod-admin']);
    expect(frame()).toMatch(/prod-admin profile alice +us-east-1 +mfa chained 1h +(59:5\d|1:00:00)/);
  });

  it('shows a wrong code’s refusal inline and keeps the form for the next', async () => {
    const core = await askForCode();
    await app.press('000000');
    await see('✗ AWS refused the MFA code');
    expect(frame()).toContain('6 more digits');
    // A second refusal reads the same; the field is emptied again all the same.
    await app.press('000001');
    await vi.waitFor(() => expect(core.mfa.state).toMatchObject({ phase: 'asking', attempt: 3 }));
    await see('6 more digits');
    expect(frame()).toContain('✗ AWS refused the MFA code');
    await app.press(await sandbox.aliceCode());
    await see('Live sessions (2)');
  });

  it('shows on the form what AWS refused after the code was taken', async () => {
    start();
    await openAccount('333333333333');
    await selectRow('prod-admin');
    await type('a');
    await see('Assume Admin');
    // Unknown here before a code: the role allows 1h, which AWS alone can say.
    await assumeFor('2h');
    await see('A code from your MFA device, to assume arn:aws:iam::333333333333:role/Admin.');
    await app.press(await sandbox.aliceCode());
    await see('✗ Could not assume Admin: the session asked for is longer than the role allows.');
    expect(frame()).toContain('Assume Admin');
  });

  it('keeps digits sent the moment it is drawn', async () => {
    start();
    await openAccount('333333333333');
    await selectRow('prod-admin');
    await type('a');
    await see('Assume Admin');
    const typed = app.pressWhenShown('A code from your MFA device', '12');
    await type(KEYS.enter);
    await typed;
    await see('4 more digits');
    expect(frame()).toContain('MFA code 12');
    await type(KEYS.escape);
    await see('Not assumed: no MFA code was given.');
  });

  it('Esc gives up: no session, and the status line says so', async () => {
    const core = await askForCode();
    await type(KEYS.escape);
    await see('Not assumed: no MFA code was given.');
    expect(frame()).toContain('Assume Admin');
    expect(core.sessions.list()).toEqual([]);
  });

  it('marks the roles the live MFA session serves as assumable, and assumes them without a code', async () => {
    const core = await askForCode();
    await app.press(await sandbox.aliceCode());
    await see('Live sessions (2)');
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    // An hour (the default) goes through the MFA session: no code, so no "needs MFA".
    expect(frame()).toMatch(/Admin +profile dev-admin +max 12h ✓ assumable/);
    await selectRow('dev-admin');
    await type(KEYS.enter);
    await vi.waitFor(() =>
      expect(frame().replace(/\s+/g, ' ')).toContain(
        'Assumable through your MFA session (arn:aws:iam::111111111111:mfa/alice): no code is asked for.',
      ),
    );
    await type('a');
    await see('Assume Admin');
    await type(KEYS.enter);
    await see('Live sessions (3)');
    expect(core.mfa.state).toEqual({ phase: 'idle' });
    expect(frame()).toMatch(/dev-admin profile alice +us-east-1 +mfa chained 1h/);
  });

  it('drops an MFA session AWS refuses, says so on the form, and marks the roles as needing a code', async () => {
    const core = await askForCode();
    await app.press(await sandbox.aliceCode());
    await see('Live sessions (2)');
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await vi.waitFor(() => expect(frame()).toMatch(/Admin +profile dev-admin +max 12h ✓ assumable/));
    // AWS no longer takes the MFA session's key (revoked, say).
    const key = core.sessions.get('mfa:alice')?.credentials.accessKeyId ?? '';
    sandbox.seeded.world.credentials.delete(key);
    await selectRow('dev-admin');
    await type('a');
    await see('Assume Admin');
    await type(KEYS.enter);
    await vi.waitFor(() =>
      expect(frame().replace(/\s+/g, ' ')).toContain(
        'AWS refused the MFA session for arn:aws:iam::111111111111:mfa/alice (its key is unknown to AWS, or was revoked); it was dropped: the next assume asks for a code.',
      ),
    );
    expect(core.sessions.get('mfa:alice')).toBeUndefined();
    await type(KEYS.escape);
    await vi.waitFor(() => expect(frame()).toMatch(/Admin +profile dev-admin +max 12h • needs MFA/));
  });

  it('marks the roles as needing a code as soon as a refresh finds the MFA session refused', async () => {
    const core = await askForCode();
    await app.press(await sandbox.aliceCode());
    await see('Live sessions (2)');
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await vi.waitFor(() => expect(frame()).toMatch(/Admin +profile dev-admin +max 12h ✓ assumable/));
    const key = core.sessions.get('mfa:alice')?.credentials.accessKeyId ?? '';
    sandbox.seeded.world.credentials.delete(key);
    // prod-admin's refresh (auto-refresh, say) goes through the MFA session, which AWS refuses.
    await expect(core.sessions.refresh('prod-admin')).rejects.toThrow('AWS refused the MFA session');
    await vi.waitFor(() => expect(frame()).toMatch(/Admin +profile dev-admin +max 12h • needs MFA/));
  });

  it('says a code is needed again once the MFA session has ended', async () => {
    const time = handClock();
    const core = await askForCode(time);
    await app.press(await sandbox.aliceCode());
    await see('Live sessions (2)');
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await vi.waitFor(() => expect(frame()).toMatch(/Admin +profile dev-admin +max 12h ✓ assumable/));
    // Past the MFA session's end (AWS set it, by its own clock): the next key redraws the mark.
    const ends = core.sessions.get('mfa:alice')?.credentials.expiration?.getTime() ?? 0;
    time.advance((ends - time.clock.now()) / 1000 + 1);
    await type(KEYS.down);
    await vi.waitFor(() => expect(frame()).toMatch(/Admin +profile dev-admin +max 12h • needs MFA/));
  });

  it('still says a code is needed for longer than the MFA session allows', async () => {
    await askForCode();
    await app.press(await sandbox.aliceCode());
    await see('Live sessions (2)');
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('dev-admin');
    await type('a');
    await see('Assume Admin');
    await assumeFor('2h');
    await see('A code from your MFA device, to assume arn:aws:iam::222222222222:role/Admin.');
  });

  it('comes up by itself when refreshing a session needs a new code', async () => {
    const core = await askForCode();
    await app.press(await sandbox.aliceCode());
    await see('Live sessions (2)');
    // The MFA session can only be renewed with a new code.
    await selectRow('mfa:alice');
    await type(KEYS.enter);
    await see('none: an MFA session (GetSessionToken) with arn:aws:iam::111111111111:mfa/alice');
    expect(frame()).toMatch(/Account +111111111111/);
    await type('r');
    await see('to start an MFA session for profile alice');
    await type(KEYS.escape);
    // Back where the refresh was asked for, and told why nothing changed.
    await see('Secret key and session token: hidden.');
    await see('No MFA code was given.');
    expect(core.mfa.state).toEqual({ phase: 'idle' });
  });
});
