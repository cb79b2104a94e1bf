// The guided setup's screen on the app, against a newcomer sandbox through the real AWS SDK:
// what resuming says when rolecall's own sandbox has started afresh, and a refused assume sent
// back to the step of the policy that is missing.
import { appendFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { IDENTITY, PROD } from '../../src/sandbox/seed';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, renderApp } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const ALICE_MFA = `arn:aws:iam::${IDENTITY}:mfa/alice`;

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let app: AppUnderTest | undefined;
beforeEach(async () => {
  sandbox = await startTestSandbox({ newcomer: true });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
});
afterEach(async () => {
  app?.unmount();
  files.remove();
  await sandbox.close();
});

const flat = (text: string) => text.replace(/\s+/g, ' ');
const see = (text: string) =>
  vi.waitFor(() => expect(flat(app?.lastFrame() ?? '')).toContain(text), { timeout: 10_000 });

/** The app on the sandbox, as `rolecall --sandbox` runs it when `inProcess`, with `saved` progress. */
function openSetup(saved: object, inProcess: boolean) {
  const settings = new Settings({ dir: tempConfigDir() });
  settings.update({ tour: inProcess ? { sandboxSetup: saved } : { setup: saved } } as never);
  const core = createCore({
    settings,
    env: sandboxVariables(sandbox.endpoint, files),
    ...(inProcess ? { sandboxDevices: sandbox.seeded.mfa } : {}),
  });
  app = renderApp({ core, columns: 110, rows: 50 });
  app.store.getState().actions.open('guided-setup');
  return { settings };
}

describe('the guided setup screen', () => {
  it('says the in-process sandbox started afresh, and resumes at the first step that fails', async () => {
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

  it('sends a refused assume back to the missing permission, when IAM would not let it be simulated, whose Enter opens the trusted side', async () => {
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
});
