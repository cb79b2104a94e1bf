// The guided setup's screen on the app, against a newcomer sandbox through the real AWS SDK:
// what resuming says when rolecall's own sandbox has started afresh, a refused assume sent back
// to the step of the policy that is missing, what Enter starts (said while it runs, once, and
// dropped when the person has left), and the screen in a small window.
import { appendFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { creationPlan } from '../../src/role-making/creation-plan';
import { emptyRoleSpec } from '../../src/role-making/role-spec';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import type { Fault } from '../../src/sandbox/fault';
import { sandboxVariables } from '../../src/sandbox/local';
import { IDENTITY, PROD } from '../../src/sandbox/seed';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const PAGE_DOWN = '\u001B[6~';
const ALICE_MFA = `arn:aws:iam::${IDENTITY}:mfa/alice`;

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let app: AppUnderTest | undefined;
/** The newcomer sandbox, with `fault` when a test needs an endpoint that is slow or hangs. */
async function begin(fault?: Fault) {
  sandbox = await startTestSandbox({ newcomer: true, ...(fault ? { fault } : {}) });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
}
beforeEach(() => {
  app = undefined;
});
afterEach(async () => {
  app?.unmount();
  files?.remove();
  await sandbox?.close();
});

const flat = (text: string) => text.replace(/\s+/g, ' ');
const see = (text: string, timeout = 10_000) =>
  vi.waitFor(() => expect(flat(app?.lastFrame() ?? '')).toContain(text), { timeout });

/**
 * The app on the sandbox, as `rolecall --sandbox` runs it when `inProcess`, with `saved` progress,
 * in a window of `size`; `seconds`: the AWS calls' timeouts.
 */
function openSetup(saved: object, inProcess: boolean, size = { columns: 110, rows: 50 }, seconds?: number) {
  const settings = new Settings({ dir: tempConfigDir() });
  settings.update({ tour: inProcess ? { sandboxSetup: saved } : { setup: saved } } as never);
  if (seconds) settings.update({ connectTimeoutSeconds: seconds, requestTimeoutSeconds: seconds });
  const core = createCore({
    settings,
    env: sandboxVariables(sandbox.endpoint, files),
    ...(inProcess ? { sandboxDevices: sandbox.seeded.mfa } : {}),
  });
  app = renderApp({ core, ...size });
  app.store.getState().actions.open('guided-setup');
  return { settings };
}

describe('the guided setup screen', () => {
  it('says the in-process sandbox started afresh, and resumes at the first step that fails', async () => {
    await begin();
    const { settings } = openSetup(
      { step: 5, sourceProfile: 'alice', target: PROD, roleName: 'Onboarding', profile: 'prod-Onboarding' },
      true,
    );
    await see(
      'The sandbox starts afresh each time rolecall starts: what steps 2 to 4 made last time is gone, so the setup resumes at step 2.',
    );
    // Not made yet is the next thing to do on a first walk, not a failure: no ✗.
    await see(`› 2. A role in the target account that trusts you, with MFA`);
    await see(`There is no role Onboarding in ${PROD} (asked as profile lead-prod). Next: Enter builds it`);
    expect(flat(app?.lastFrame() ?? '')).toContain('✓ 1. Who you are');
    expect(flat(app?.lastFrame() ?? '')).toContain('step 2 of 6');
    // Kept apart from real accounts' progress, and at the step it resumed at; the profile of an
    // earlier world is no longer one of its choices.
    await vi.waitFor(() =>
      expect(settings.read().tour.sandboxSetup).toEqual({
        step: 2,
        sourceProfile: 'alice',
        target: PROD,
        roleName: 'Onboarding',
      }),
    );
    expect(settings.read().tour.setup).toBeUndefined();
  });

  it('follows a role renamed in the builder before it was created: step 2 checks the role made', async () => {
    await begin();
    const { settings } = openSetup(
      { step: 2, sourceProfile: 'alice', target: PROD, roleName: 'Onboarding' },
      false,
    );
    await see('Enter looks for the role and judges its trust.');
    await app?.press(KEYS.enter);
    await see(`There is no role Onboarding in ${PROD}`);
    await app?.press(KEYS.enter);
    await vi.waitFor(() => expect(app?.store.getState().stack.at(-1)?.screen).toBe('trust-policy'));
    // What the builder's create page does once the person has renamed the role there.
    const trust = JSON.stringify(TRUST_IDENTITY_WITH_MFA);
    const core = app?.core as NonNullable<typeof app>['core'];
    const made = await core.roleMaking.create(
      creationPlan(PROD, { ...emptyRoleSpec(), name: 'alice-work' }, trust),
    );
    expect(made.state).toBe('created');
    await app?.press(KEYS.escape);
    await see(`✓ 2. A role in the target account that trusts you, with MFA`);
    await see(`arn:aws:iam::${PROD}:role/alice-work`);
    await vi.waitFor(() =>
      expect(settings.read().tour.setup).toMatchObject({ roleName: 'alice-work', step: 3 }),
    );
  });

  it('sends a refused assume back to the missing permission, when IAM would not let it be simulated, whose Enter opens the trusted side', async () => {
    await begin();
    // A role that trusts alice's account with MFA, and a profile for it; but no policy of her own
    // allows the assume, and with her group's IAM reads gone she cannot simulate that either.
    sandbox.seeded.world.addRole(PROD, 'Onboarding', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${IDENTITY}:root` },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    } as never);
    const alice = sandbox.seeded.world.user(IDENTITY, 'alice');
    if (!alice) throw new Error('alice');
    alice.groups.length = 0;
    appendFileSync(
      files.configFile,
      `\n[profile prod-Onboarding]\nrole_arn = arn:aws:iam::${PROD}:role/Onboarding\nsource_profile = alice\nmfa_serial = ${ALICE_MFA}\n`,
    );
    openSetup({ step: 5, sourceProfile: 'alice', target: PROD, roleName: 'Onboarding' }, false);
    await see('IAM does not let you simulate your own policies (iam:SimulatePrincipalPolicy)');
    await see('Enter assumes the role through your profile');
    await app?.press('\r');
    await see(`Device ${ALICE_MFA}`);
    await app?.press(...(await sandbox.aliceCode()));
    await see('Step 3: Your permission to assume it');
    await see(
      'The role’s trust lets you in with an MFA code, so what is missing is most likely your own permission',
    );
    expect(flat(app?.lastFrame() ?? '')).toContain('✗ 3. Your permission to assume it');
    expect(flat(app?.lastFrame() ?? '')).toContain('step 3 of 6');
    // Enter there puts the policy in place (checking again would pass, unchecked, and loop).
    await see('Enter opens the role’s trusted side, to put the policy on your user.');
    await app?.press('\r');
    await see('Attach it to');
    await see(`user alice in ${IDENTITY}`);
  });

  it('says what Enter started while it runs, opens the trusted side once for two Enters, and nothing once the setup is left', async () => {
    // Reading the role (GetRole) takes 2 s: long enough to press keys while it runs.
    await begin({ mode: { kind: 'slow', ms: 2000 }, action: 'GetRole' });
    addOnboardingRole();
    openSetup({ step: 3, sourceProfile: 'alice', target: PROD, roleName: 'Onboarding' }, false);
    await see('Enter opens the role’s trusted side, to put the policy on your user.', 30_000);
    const reading = `Reading role Onboarding’s trust policy in ${PROD} (GetRole), to open its trusted side…`;
    await app?.press('\r');
    await see(reading);
    // A second Enter while it runs starts nothing more, and says nothing of what Enter does.
    expect(flat(app?.lastFrame() ?? '')).not.toContain('Enter opens the role’s trusted side, to put');
    await app?.press('\r');
    await see('Attach it to', 15_000);
    const stack = () => app?.store.getState().stack.map((e) => e.screen) ?? [];
    expect(stack().filter((screen) => screen === 'trusted-side')).toHaveLength(1);

    // Back in the setup (the step is checked again), Enter, then Esc before the role is read.
    await app?.press(KEYS.escape);
    await see('Enter opens the role’s trusted side, to put the policy on your user.');
    await app?.press('\r');
    await see(reading);
    await app?.press(KEYS.escape);
    await vi.waitFor(() => expect(stack().at(-1)).not.toBe('guided-setup'));
    // It ends (its reads stopped), and what it found opens nothing on top of where the person went.
    const setupState = () => app?.store.getState().forms['guided-setup:setup'] as { opening?: string };
    await vi.waitFor(() => expect(setupState().opening).toBeUndefined(), { timeout: 15_000 });
    expect(stack()).not.toContain('trusted-side');
    expect(flat(app?.lastFrame() ?? '')).not.toContain('Attach it to');
  }, 60_000);

  for (const size of [
    { columns: 60, rows: 16 },
    { columns: 50, rows: 12 },
  ])
    it(`is usable at ${size.columns}x${size.rows}: the steps in a line, step 1's profiles, step 2's fields, and the words to the fix`, async () => {
      await begin();
      openSetup({ step: 1 }, false, size);
      await see('›····· step 1 of 6: Who you are');
      await see('› profile alice');
      await app?.press('\r');
      await see('✓›···· step 2 of 6:');
      await see(`› Account ID ${PROD}`);
      await see('Role name Onboarding');
      await app?.press('\r');
      await see(`There is no role Onboarding in ${PROD}`);
      await scrollTo('Next: Enter builds it: the trust-policy builder, filled in');
      // The fields stay in view while the words scroll.
      expect(flat(app?.lastFrame() ?? '')).toContain(`› Account ID ${PROD}`);
      expect(flat(app?.lastFrame() ?? '')).toContain('Role name Onboarding');
    });

  it('at 50x12, an endpoint that does not answer: step 1 says so while it asks, then the endpoint advice, with the profiles in view', async () => {
    await begin({ mode: { kind: 'hang' }, action: 'GetCallerIdentity' });
    openSetup({ step: 1 }, false, { columns: 50, rows: 12 }, 1);
    await see('› profile alice');
    await app?.press('\r');
    await see('Checking step 1');
    await see('✗ Could not ask AWS who profile alice is', 15_000);
    await scrollTo('What to do: Check AWS_ENDPOINT_URL');
    expect(flat(app?.lastFrame() ?? '')).not.toContain('keys in');
    expect(flat(app?.lastFrame() ?? '')).toContain('› profile alice');
  });
});

/** PgDn until `text` is on screen, a screenful at a time, at most ten times. */
async function scrollTo(text: string) {
  for (let i = 0; i < 10 && !flat(app?.lastFrame() ?? '').includes(text); i++) {
    const before = app?.lastFrame();
    await app?.press(PAGE_DOWN);
    await vi.waitFor(() => expect(app?.lastFrame()).not.toBe(before));
  }
  expect(flat(app?.lastFrame() ?? '')).toContain(text);
}

/** The trust the guided setup asks for: alice's account, with MFA. */
const TRUST_IDENTITY_WITH_MFA = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${IDENTITY}:root` },
      Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    },
  ],
};

/** A role in prod that trusts alice's account with MFA; no policy of hers allows the assume yet. */
function addOnboardingRole() {
  sandbox.seeded.world.addRole(PROD, 'Onboarding', TRUST_IDENTITY_WITH_MFA as never);
}
