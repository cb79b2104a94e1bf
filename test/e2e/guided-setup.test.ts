// Issue 12 end to end in a real pseudo-terminal: a newcomer (alice, her own keys and no profile
// for prod) goes through the guided setup's six steps against a newcomer sandbox that runs apart
// from rolecall (its files and AWS_ENDPOINT_URL, as a person's real accounts would be), with the
// stand-in admins making what she may not. Stopped at step 4, rolecall starts again and resumes
// there; the last step's shell answers `aws sts get-caller-identity` as the role.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generate } from 'otplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { IDENTITY, PROD } from '../../src/sandbox/seed';
import { requireBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';
import { exitCode, flat, quietBash, selectedLine, WAIT } from '../helpers/tui-sandbox';

const AWS_CLI = '/usr/bin/aws';
const ROLE = 'Onboarding';
const ROLE_ARN = `arn:aws:iam::${PROD}:role/${ROLE}`;
const ALICE_MFA = `arn:aws:iam::${IDENTITY}:mfa/alice`;
const RIGHT = '\u001B[C';
const SHIFT_TAB = '\u001B[Z';
const ESC = '\u001B';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let run: PtyRun | undefined;
beforeAll(async () => {
  sandbox = await startTestSandbox({ newcomer: true });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
});
afterAll(async () => {
  files.remove();
  await sandbox.close();
});
afterEach(() => run?.kill());

/** `rolecall tour` on the sandbox's files, with a home and settings of its own. */
function rolecallTour(home: string): PtyRun {
  return runInPty(process.execPath, [requireBuiltBin(), 'tour'], {
    columns: 110,
    rows: 50,
    env: {
      HOME: home,
      ROLECALL_CONFIG_DIR: home,
      AWS_CONFIG_FILE: files.configFile,
      AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
      AWS_ENDPOINT_URL: sandbox.endpoint,
      AWS_REGION: 'us-east-1',
      SHELL: quietBash(home),
      PS1: '$ ',
      ROLECALL_SHLVL: '',
    },
  });
}

/** Waits for words that the terminal may wrap anywhere between them. */
function waitForWords(tui: PtyRun, words: string): Promise<string> {
  return tui.waitFor((screen) => flat(screen).includes(words), JSON.stringify(words), WAIT);
}

/**
 * From wherever the walkthrough opens, its pages one by one to the last, whose r starts the setup
 * on these accounts (its Enter would practise in a sandbox of rolecall's own: tour.test.ts).
 */
async function intoGuidedSetup(tui: PtyRun): Promise<string> {
  await tui.waitFor((s) => s.includes('Getting started'), 'the walkthrough', WAIT);
  for (let page = 0; page < 20 && !/r my own accounts\b/.test(tui.screenText()); page++) {
    const before = tui.screenText();
    tui.type(RIGHT);
    await tui.waitFor((s) => s !== before, 'the next page', WAIT);
  }
  expect(tui.screenText()).toMatch(/r my own accounts\b/);
  tui.type('r');
  return tui.waitFor(
    (s) => /› Guided setup\s/.test(s.split('\n')[0] ?? '') && s.includes('From who you are to a shell'),
    'the guided setup',
    WAIT,
  );
}

describe('the guided setup end to end, in a terminal, against a newcomer sandbox', () => {
  it('takes a newcomer from her own keys to a shell as a new role in prod, and resumes at step 4 after a restart', async () => {
    const home = tempConfigDir();
    const configBefore = readFileSync(files.configFile, 'utf8');
    expect(configBefore).not.toContain('role/Onboarding');
    run = rolecallTour(home);
    const tui = run;
    await intoGuidedSetup(tui);
    // The footer says where the person is (the frame is written a line at a time: wait for it).
    let screen = await tui.waitFor((s) => /step 1 of 6/.test(s), 'step 1 of 6 in the footer', WAIT);
    expect(screen).toContain('On your real AWS accounts: every write is shown');

    // 1. Who you are: alice's own profile is suggested; AWS says she is a user in identity.
    await tui.waitFor(
      (s) => /› profile alice\s+arn:aws:iam::111111111111:user\/alice/.test(s),
      'alice’s profile',
      WAIT,
    );
    tui.type('\r');
    screen = await waitForWords(tui, 'Step 2: A role in the target account');
    expect(flat(screen)).toContain(
      `✓ 1. Who you are You are user alice in account ${IDENTITY} (arn:aws:iam::${IDENTITY}:user/alice), through profile alice’s keys.`,
    );
    await tui.waitFor((s) => /step 2 of 6/.test(s), 'step 2 of 6', WAIT);

    // 2. The role: prod is suggested (her one other account); there is no such role yet.
    await tui.waitFor(
      (s) => /› Account ID 333333333333/.test(s) && /Role name\s+Onboarding/.test(s),
      'prod and the role name',
      WAIT,
    );
    tui.type('\r');
    screen = await waitForWords(tui, 'Enter builds the role');
    expect(flat(screen)).toContain(`There is no role ${ROLE} in ${PROD} (asked as profile lead-prod). Next:`);
    expect(flat(screen)).not.toContain('✗');
    // The builder, filled in: her account, MFA required, the role's name.
    tui.type('\r');
    screen = await tui.waitFor(
      (s) => s.includes('Review and create…') && /Name\s+Onboarding/.test(s),
      'the builder, filled in',
      WAIT,
    );
    expect(screen).toMatch(/Account ID\s+111111111111/);
    expect(screen).toMatch(/\[x\] Require MFA/);
    expect(screen).toContain(`"AWS": "arn:aws:iam::${IDENTITY}:root"`);
    expect(screen).toContain('"aws:MultiFactorAuthPresent": "true"');
    tui.type(SHIFT_TAB);
    await tui.waitFor((s) => /› Review and create…/.test(s), 'Review and create… chosen', WAIT);
    tui.type('\r');
    screen = flat(await waitForWords(tui, 'Enter or y makes them'));
    expect(screen).toContain('These calls, in this order, made as profile lead-prod:');
    expect(screen).toContain(`1. CreateRole ${ROLE} in ${PROD} with the trust policy`);
    tui.type('\r');
    await waitForWords(tui, 'Enter goes on.');
    // 3. The trusted side: the policy on alice, refused to her own profiles and made by lead.
    tui.type('\r');
    await tui.waitFor(
      (s) => s.includes('Attach it to') && s.includes(`user alice in ${IDENTITY}`),
      'where it goes',
      WAIT,
    );
    expect(selectedLine(tui.screenText())).toContain(`user alice in ${IDENTITY}`);
    tui.type('\r');
    screen = flat(await waitForWords(tui, 'Enter makes the call'));
    expect(screen).toContain(`PutUserPolicy on user alice in ${IDENTITY}`);
    tui.type('\r');
    await waitForWords(tui, `PutUserPolicy done by profile lead: user alice has AssumeRole-${ROLE}.`);
    // Back, without the profile: steps 2 and 3 are checked and ticked, step 4 is to do.
    tui.type(ESC);
    screen = await waitForWords(tui, `No profile in ${files.configFile} assumes ${ROLE_ARN} yet.`);
    expect(flat(screen)).toContain('Step 4: The profile in your config');
    expect(flat(screen)).toContain('✓ 2. A role in the target account that trusts you, with MFA');
    expect(flat(screen)).toContain(
      `✓ 3. Your permission to assume it Your policies (user alice) allow sts:AssumeRole on ${ROLE_ARN}.`,
    );
    await tui.waitFor((s) => /step 4 of 6/.test(s), 'step 4 of 6', WAIT);

    // Stopped at step 4: q (no live session, so no question), and rolecall again.
    tui.type('q');
    expect(await exitCode(tui)).toBe(0);
    const settings = JSON.parse(readFileSync(`${home}/settings.json`, 'utf8'));
    expect(settings.tour.setup).toEqual({ step: 4, sourceProfile: 'alice', target: PROD, roleName: ROLE });
    run = rolecallTour(home);
    const again = run;
    await intoGuidedSetup(again);
    screen = await waitForWords(again, 'Enter opens the role’s trusted side, to write the profile');
    expect(flat(screen)).toContain('Step 4: The profile in your config');
    expect(flat(screen)).toContain('✓ 1. Who you are');
    expect(flat(screen)).toContain('✓ 2. A role in the target account');
    expect(flat(screen)).toContain('✓ 3. Your permission to assume it');
    await again.waitFor((s) => /step 4 of 6/.test(s), 'step 4 of 6', WAIT);

    // 4. The profile, from the trusted side: the policy was put in place before; s, then y.
    again.type('\r');
    await again.waitFor(
      (s) => s.includes('Attach it to') && s.includes(`user alice in ${IDENTITY}`),
      'the trusted side',
      WAIT,
    );
    again.type('s');
    screen = await waitForWords(again, 'y writes it');
    expect(screen).toContain(`+mfa_serial = ${ALICE_MFA}`);
    again.type('y');
    await waitForWords(again, `Wrote profile prod-${ROLE} to ${files.configFile}.`);
    // Under the guided setup, the way on is back to it, not to the account's roles.
    await waitForWords(again, 'Esc goes back to the guided setup, which checks these steps');
    const written = readFileSync(files.configFile, 'utf8');
    expect(written.startsWith(configBefore)).toBe(true);
    expect(written).toContain(
      `[profile prod-${ROLE}]\nrole_arn = ${ROLE_ARN}\nsource_profile = alice\nmfa_serial = ${ALICE_MFA}\n`,
    );
    expect(
      readdirSync(dirname(files.configFile)).filter((n) => n.startsWith('config.rolecall-backup-')),
    ).toHaveLength(1);
    again.type(ESC);
    screen = await waitForWords(again, 'Enter assumes the role through your profile');
    expect(flat(screen)).toContain(
      `✓ 4. The profile in your config Profile prod-${ROLE} assumes it from your keys (profile alice), with your MFA device ${ALICE_MFA}.`,
    );

    // 5. The assume, with her code.
    again.type('\r');
    await waitForWords(again, `Device ${ALICE_MFA}`);
    again.type(
      await generate({ secret: sandbox.seeded.mfa[0]?.secret ?? '', epoch: Math.floor(Date.now() / 1000) }),
    );
    // 6. Checked at once: the AWS CLI (else the SDK) in the shell's environment is the role.
    screen = flat(await waitForWords(again, 'All 6 steps done'));
    expect(screen).toMatch(
      new RegExp(`✓ 5\\. Assume it with your MFA code Session prod-${ROLE} is live until \\d\\d:\\d\\d\\.`),
    );
    expect(screen).toMatch(
      new RegExp(
        `✓ 6\\. A shell as the role In its shell, .* answers arn:aws:sts::${PROD}:assumed-role/${ROLE}/`,
      ),
    );
    await again.waitFor((s) => /all 6 steps done/.test(s), 'all 6 steps done in the footer', WAIT);

    // The shell: aws sts get-caller-identity answers the role.
    again.type('\r');
    await again.waitFor((s) => /^\$ ?$/m.test(s), 'the shell prompt', WAIT);
    expect(flat(again.screenText())).toContain(`rolecall: shell as prod-${ROLE} (${ROLE_ARN})`);
    if (existsSync(AWS_CLI)) {
      // This CLI (2.9) reads no AWS_ENDPOINT_URL: the sandbox's address is given as a flag.
      again.type(`${AWS_CLI} sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL" --output text\r`);
      await again.waitForText(`arn:aws:sts::${PROD}:assumed-role/${ROLE}/`, WAIT);
    } else {
      console.warn(`${AWS_CLI} is missing: the shell's aws sts get-caller-identity is not run.`);
      again.type('echo "role=$ROLECALL_ROLE_ARN"\r');
      await again.waitForText(`role=${ROLE_ARN}`, WAIT);
    }
    again.type('exit\r');
    await again.waitForText(`Shell for prod-${ROLE} exited with code 0.`, WAIT);
    again.type('q');
    await again.waitFor((s) => /Quit\? \d live sessions? end/.test(s), 'the question', WAIT);
    again.type('y');
    expect(await exitCode(again)).toBe(0);
  }, 90_000);
});
