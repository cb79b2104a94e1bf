// The guided setup's checks against a newcomer sandbox, through rolecall's own core and the real
// SDK over HTTP: each step's check passes only once AWS says so, and a refused assume is told
// apart: the role's trust missing (back to step 2), your own permission missing (step 3).
import { appendFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateRoleCommand,
  DeleteUserPolicyCommand,
  type IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterMove } from '../../../screens/forms/guided-setup/guided-setup-enter';
import {
  checkedAction,
  guidedSetup,
  reduceGuidedSetup,
} from '../../../screens/forms/guided-setup/guided-setup-state';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { sandboxVariables } from '../../../src/sandbox/local';
import { IDENTITY, PROD } from '../../../src/sandbox/seed';
import { Settings } from '../../../src/settings/settings';
import { answerWith, coreUnderTest } from '../../helpers/core-under-test';
import { adjustableClock, failure, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { tempConfigDir } from '../../helpers/temp-dirs';

// AWS takes each 30-second step's code once: the sandbox's clock moves on after each assume.
const clock = adjustableClock();
let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let prodAdmin: IAMClient;
let identityAdmin: IAMClient;
const ALICE = `arn:aws:iam::${IDENTITY}:user/alice`;
const ALICE_MFA = `arn:aws:iam::${IDENTITY}:mfa/alice`;

const trustOf = (account: string, mfa: boolean) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'sts:AssumeRole',
        ...(mfa ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } : {}),
      },
    ],
  });

async function makeRole(name: string, trust: string) {
  await prodAdmin.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
}

async function grantAlice(role: string) {
  await identityAdmin.send(
    new PutUserPolicyCommand({
      UserName: 'alice',
      PolicyName: `assume-${role}`,
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${PROD}:role/${role}` },
        ],
      }),
    }),
  );
}

/** What alice's assume with a good code gets from AWS: the refusal, when it is refused. */
async function aliceAssumes(role: string): Promise<unknown> {
  try {
    await sandbox.sts(sandbox.seeded.keys.alice).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${PROD}:role/${role}`,
        RoleSessionName: 'alice',
        SerialNumber: ALICE_MFA,
        TokenCode: await sandbox.aliceCode(),
      }),
    );
    return undefined;
  } catch (error) {
    return error;
  } finally {
    clock.advance(30_000);
  }
}

/** A profile of alice's for the role in prod, with her MFA device, added to the sandbox's config. */
function addRoleProfile(role: string, configFile = files.configFile) {
  appendFileSync(
    configFile,
    `\n[profile prod-${role}]\nrole_arn = arn:aws:iam::${PROD}:role/${role}\nsource_profile = alice\nmfa_serial = ${ALICE_MFA}\n`,
  );
}

function setupOf(env: NodeJS.ProcessEnv = sandboxVariables(sandbox.endpoint, files)) {
  const under = coreUnderTest(env);
  return { ...under, setup: () => under.core.guidedSetup() };
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ newcomer: true, clock });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  const lead = sandbox.seeded.keys.lead;
  if (!lead) throw new Error('the newcomer sandbox has a lead');
  identityAdmin = sandbox.iam(lead);
  const assumed = await sandbox.sts(lead).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${PROD}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'lead',
    }),
  );
  prodAdmin = sandbox.iam({
    accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
    secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
    sessionToken: assumed.Credentials?.SessionToken ?? '',
  });
});
afterAll(async () => {
  files.remove();
  await sandbox.close();
});

describe('step 1: who you are', () => {
  it('suggests alice’s own profile among the key profiles, and says she is a user in identity', async () => {
    const setup = await setupOf().setup();
    const { profiles, suggested } = await setup.keyProfiles();
    expect(suggested).toBe('alice');
    expect(profiles.map((p) => p.name).sort()).toEqual(['alice', 'default', 'lead']);
    const check = await setup.checkWho({ sourceProfile: 'alice' });
    expect(check.state).toBe('ok');
    expect(check.words).toBe(
      `You are user alice in account ${IDENTITY} (${ALICE}), through profile alice’s keys.`,
    );
  });

  it('refuses a role profile, which has no keys of its own', async () => {
    const check = await (await setupOf().setup()).checkWho({ sourceProfile: 'lead-prod' });
    expect(check).toMatchObject({ state: 'failed', words: 'Profile lead-prod has no keys of its own.' });
  });
});

describe('step 2: the role and its trust', () => {
  it('fails while there is no role, and says Enter builds it', async () => {
    const check = await (await setupOf().setup()).checkRole({
      sourceProfile: 'alice',
      target: PROD,
      roleName: 'Nowhere',
    });
    expect(check.state).toBe('failed');
    expect(check.words).toBe(`There is no role Nowhere in ${PROD} (asked as profile lead-prod).`);
  });

  it('fails a trust that lets alice in without MFA, and one that does not let her in at all', async () => {
    await makeRole('NoMfa', trustOf(IDENTITY, false));
    await makeRole('OtherAccount', trustOf('222222222222', true));
    const setup = await setupOf().setup();
    const noMfa = await setup.checkRole({ sourceProfile: 'alice', target: PROD, roleName: 'NoMfa' });
    expect(noMfa.state).toBe('failed');
    expect(noMfa.words).toContain(`lets ${ALICE} in without an MFA code`);
    const other = await setup.checkRole({ sourceProfile: 'alice', target: PROD, roleName: 'OtherAccount' });
    expect(other.state).toBe('failed');
    expect(other.words).toContain(`does not let ${ALICE} in, even with an MFA code`);
  });

  it('passes a role that trusts her account with MFA, noting it has no permissions', async () => {
    await makeRole('WithMfa', trustOf(IDENTITY, true));
    const check = await (await setupOf().setup()).checkRole({
      sourceProfile: 'alice',
      target: PROD,
      roleName: 'WithMfa',
    });
    expect(check.state).toBe('ok');
    expect(check.state === 'ok' && check.notes?.[0]).toContain('The role has no permissions');
  });
});

describe('a refused assume, diagnosed', () => {
  it('says the trust is missing and goes back to step 2', async () => {
    const refusal = await aliceAssumes('OtherAccount');
    expect(refusal).toBeDefined();
    const check = await (await setupOf().setup()).diagnose(
      { sourceProfile: 'alice', target: PROD, roleName: 'OtherAccount' },
      refusal,
    );
    expect(check).toMatchObject({ state: 'failed', backTo: 2 });
    expect(check.words).toContain('The role’s trust policy is what is missing');
  });

  it('says her own permission is missing (step 3) when the trust is right, as Simulate says too', async () => {
    await makeRole('Trusting', trustOf(IDENTITY, true));
    const setup = await setupOf().setup();
    const choices = { sourceProfile: 'alice', target: PROD, roleName: 'Trusting' };
    const permission = await setup.checkPermission(choices);
    expect(permission.state).toBe('failed');
    expect(permission.words).toContain('Your policies (user alice) do not allow sts:AssumeRole');
    const refusal = await aliceAssumes('Trusting');
    expect(refusal).toBeDefined();
    const check = await setup.diagnose(choices, refusal);
    expect(check, check.words).toMatchObject({ state: 'failed', backTo: 3 });
    expect(check.words).toContain('Your own permission is what is missing');
  });

  it('does not blame a policy for a refusal that is not one (a bad code, say)', async () => {
    const setup = await setupOf().setup();
    const wrongCode = await failure(
      sandbox
        .sts(sandbox.seeded.keys.alice)
        .send(new AssumeRoleCommand({ RoleArn: 'not-an-arn', RoleSessionName: 'alice' })),
    );
    const check = await setup.diagnose(
      { sourceProfile: 'alice', target: PROD, roleName: 'Trusting' },
      Object.assign(new Error(wrongCode.message), { name: wrongCode.name }),
    );
    expect(check.state).toBe('failed');
    expect(check.state === 'failed' && check.backTo).toBeUndefined();
  });
});

describe('all well: every step ticked', () => {
  it('ticks the permission, the profile, the session and the shell once each is there', async () => {
    await makeRole('Ready', trustOf(IDENTITY, true));
    await grantAlice('Ready');
    const choices = { sourceProfile: 'alice', target: PROD, roleName: 'Ready' };
    const env = { ...sandboxVariables(sandbox.endpoint, files), PATH: process.env.PATH ?? '' };
    const { core, mfa } = setupOf(env);
    const setup = await core.guidedSetup();
    expect((await setup.checkPermission(choices)).state).toBe('ok');
    expect((await setup.checkProfile(choices)).state).toBe('failed');
    // A profile that names no MFA device is not enough: the role asks for MFA.
    appendFileSync(
      files.configFile,
      `\n[profile prod-NoSerial]\nrole_arn = arn:aws:iam::${PROD}:role/Ready\nsource_profile = alice\n`,
    );
    core.reload();
    const noSerial = await setup.checkProfile(choices);
    expect(noSerial.state).toBe('failed');
    expect(noSerial.words).toContain('Profile prod-NoSerial names no MFA device (mfa_serial)');
    appendFileSync(
      files.configFile,
      `\n[profile prod-Ready]\nrole_arn = arn:aws:iam::${PROD}:role/Ready\nsource_profile = alice\nmfa_serial = ${ALICE_MFA}\n`,
    );
    core.reload();
    const profile = await setup.checkProfile(choices);
    expect(profile).toMatchObject({ state: 'ok', profile: 'prod-Ready' });
    expect(setup.checkSession(choices).state).toBe('failed');

    answerWith(mfa, [() => sandbox.aliceCode()]);
    const { rows } = await core.roleListing.roles(PROD);
    const row = rows.find((r) => r.profile?.name === 'prod-Ready');
    if (!row) throw new Error('the Ready row');
    await core.assuming.assume(row, await core.assuming.defaults(row));
    const session = setup.checkSession(choices);
    expect(session.state).toBe('ok');
    expect(session.words).toMatch(/^Session prod-Ready is live until \d\d:\d\d\.$/);

    const shell = await setup.checkShell(choices);
    expect(shell.state).toBe('ok');
    expect(shell.words).toMatch(new RegExp(`answers arn:aws:sts::${PROD}:assumed-role/Ready/`));
    // The check gave the CLI the sandbox's endpoint; the person typing it in the shell is told to.
    expect(shell.state === 'ok' && shell.notes).toEqual([
      `Its calls go to ${sandbox.endpoint} (AWS_ENDPOINT_URL), which an AWS CLI older than 2.13 (1.29 for v1) ignores: in the shell, give such a CLI --endpoint-url "$AWS_ENDPOINT_URL".`,
    ]);

    // Resuming at step 6 checks 1 to 5 again, each ticked.
    const heard: Array<[number, string]> = [];
    const resumed = await setup.resume(6, { ...choices, profile: 'prod-Ready' }, (step, check) =>
      heard.push([step, check.state]),
    );
    expect(resumed).toEqual({ step: 6 });
    expect(heard).toEqual([
      [1, 'ok'],
      [2, 'ok'],
      [3, 'ok'],
      [4, 'ok'],
      [5, 'ok'],
    ]);
  });

  it('resumes at the first step that fails: a role gone sends it back to step 2', async () => {
    const setup = await setupOf().setup();
    const resumed = await setup.resume(
      5,
      { sourceProfile: 'alice', target: PROD, roleName: 'GoneAway' },
      () => {},
    );
    expect(resumed.step).toBe(2);
    expect(resumed.failed?.words).toContain('There is no role GoneAway');
  });
});

describe('a refused assume, taken on from where it sends', () => {
  it('with IAM refusing alice the simulation: back to step 3, whose Enter opens the trusted side', async () => {
    // A role that lets her account in with MFA, and her profile for it; no policy of hers allows
    // the assume, and an explicit deny keeps her from simulating her own policies.
    await makeRole('NoSimulate', trustOf(IDENTITY, true));
    addRoleProfile('NoSimulate');
    await identityAdmin.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'no-simulate',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'iam:SimulatePrincipalPolicy', Resource: '*' }],
        }),
      }),
    );
    try {
      const { core, mfa } = setupOf();
      const setup = await core.guidedSetup();
      const choices = { sourceProfile: 'alice', target: PROD, roleName: 'NoSimulate' };
      const permission = await setup.checkPermission(choices);
      expect(permission.state).toBe('unchecked');

      // At step 5, the assume (with her code) is refused; it goes back to step 3.
      let state = reduceGuidedSetup(guidedSetup(undefined, { roleName: 'NoSimulate' }), {
        type: 'choose',
        choices,
      });
      state = { ...state, step: 5, user: { arn: ALICE, account: IDENTITY } };
      // AWS takes each code once: the code of an earlier test's step is not taken again.
      clock.advance(30_000);
      answerWith(mfa, [() => sandbox.aliceCode()]);
      const refused = await setup.assume(choices);
      clock.advance(30_000);
      expect(refused, refused.words).toMatchObject({ state: 'failed', backTo: 3, missing: true });
      expect(refused.words).toContain('what is missing is most likely your own permission');
      state = reduceGuidedSetup(state, checkedAction(5, refused));
      expect(state.step).toBe(3);

      // Enter there opens the trusted side, with the role's trust as IAM holds it; not a check
      // that would pass as unchecked and lead to the same refusal.
      expect(enterMove(state)).toEqual({ kind: 'trusted-side', step: 3 });
      const opening = await setup.trustedSideOpening(choices);
      expect(opening).toEqual({
        ok: true,
        roleArn: `arn:aws:iam::${PROD}:role/NoSimulate`,
        trustPolicy: trustOf(IDENTITY, true),
      });
      // Had the check of step 3 been made again instead, it would still be unchecked: no end.
      state = reduceGuidedSetup(state, checkedAction(3, await setup.checkPermission(choices)));
      expect(state.step).toBe(4);
    } finally {
      await identityAdmin.send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'no-simulate' }));
    }
  });

  it('with the role’s trust unreadable and her permission there: blames the trust, back to step 2', async () => {
    // Her files without the admins' prod profile: nothing of hers may read IAM in prod.
    const dir = tempConfigDir();
    const configFile = join(dir, 'config');
    const credentialsFile = join(dir, 'credentials');
    writeFileSync(
      configFile,
      `[default]\nregion = us-east-1\n\n[profile alice]\nregion = us-east-1\n\n[profile lead]\nregion = us-east-1\n`,
    );
    copyFileSync(files.credentialsFile, credentialsFile);
    addRoleProfile('Elsewhere', configFile);
    await makeRole('Elsewhere', trustOf('222222222222', true));
    await grantAlice('Elsewhere');
    const env = {
      ...sandboxVariables(sandbox.endpoint, files),
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    };
    const { core, mfa } = setupOf(env);
    const setup = await core.guidedSetup();
    const choices = { sourceProfile: 'alice', target: PROD, roleName: 'Elsewhere' };
    expect((await setup.checkRole(choices)).state).toBe('unchecked');
    expect((await setup.checkPermission(choices)).state).toBe('ok');

    answerWith(mfa, [() => sandbox.aliceCode()]);
    const refused = await setup.assume(choices);
    clock.advance(30_000);
    expect(refused, refused.words).toMatchObject({ state: 'failed', backTo: 2, missing: true });
    expect(refused.words).toContain(
      `its trust policy could not be read (no profile or session of yours may read IAM in ${PROD}): the trust is the likeliest culprit`,
    );
    expect(refused.state === 'failed' && refused.fix).toContain(`ask an admin of ${PROD}`);
    let state = reduceGuidedSetup(guidedSetup(undefined, { roleName: 'Elsewhere' }), {
      type: 'choose',
      choices,
    });
    state = { ...state, step: 5, target: PROD, user: { arn: ALICE, account: IDENTITY } };
    state = reduceGuidedSetup(state, checkedAction(5, refused));
    expect(state.step).toBe(2);
    expect(enterMove(state)).toEqual({
      kind: 'build',
      account: PROD,
      prefill: { trustAccounts: [IDENTITY], requireMfa: true, roleName: 'Elsewhere' },
    });

    // The trusted side opens all the same, on the trust this setup asks for, and says so.
    const opening = await setup.trustedSideOpening(choices);
    if (!opening.ok) throw new Error(opening.check.words);
    expect(JSON.parse(opening.trustPolicy)).toEqual(JSON.parse(trustOf(IDENTITY, true)));
    expect(opening.note).toContain('could not be read from here');
    expect(opening.note).toContain('plain sts:AssumeRole');
  });
});

describe('step 4: the profile’s chain, walked as the SDKs walk it', () => {
  it('takes a later hop with keys of its own as the keys, whatever role_arn it has', async () => {
    await makeRole('Chained', trustOf(IDENTITY, true));
    // mid holds alice's keys AND a role_arn: as a later hop, its keys win (aws-reference §1).
    const alice = sandbox.seeded.keys.alice;
    appendFileSync(
      files.configFile,
      `\n[profile mid]\nrole_arn = arn:aws:iam::${PROD}:role/OrganizationAccountAccessRole\nsource_profile = lead\n` +
        `\n[profile prod-Chained]\nrole_arn = arn:aws:iam::${PROD}:role/Chained\nsource_profile = mid\nmfa_serial = ${ALICE_MFA}\n`,
    );
    appendFileSync(
      files.credentialsFile,
      `\n[mid]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`,
    );
    const { core } = setupOf();
    const check = await (await core.guidedSetup()).checkProfile({
      sourceProfile: 'alice',
      target: PROD,
      roleName: 'Chained',
    });
    expect(check, check.words).toMatchObject({ state: 'ok', profile: 'prod-Chained' });
  });
});

describe('an endpoint that does not answer', () => {
  it('says to check the endpoint and the network, not the keys, at step 1 and after it', async () => {
    const hung = await startTestSandbox({
      newcomer: true,
      fault: { mode: { kind: 'hang' }, action: 'GetCallerIdentity' },
    });
    const hungFiles = writeSandboxAwsFiles(hung.seeded, hung.endpoint);
    try {
      const settings = new Settings({ dir: tempConfigDir() });
      settings.update({ connectTimeoutSeconds: 1, requestTimeoutSeconds: 1 });
      const { core } = coreUnderTest(sandboxVariables(hung.endpoint, hungFiles), { settings });
      const setup = await core.guidedSetup();
      const who = await setup.checkWho({ sourceProfile: 'alice' });
      expect(who).toMatchObject({ state: 'failed' });
      if (who.state !== 'failed') return;
      expect(who.words).toBe(
        `Could not ask AWS who profile alice is: the endpoint ${hung.endpoint} did not answer within 1s.`,
      );
      expect(who.fix).toBe(
        'Check AWS_ENDPOINT_URL (if set), any proxy (HTTPS_PROXY), and the network; then check again (c).',
      );
      expect(who.fix).not.toMatch(/keys|credentials/);
      // A later step asks who you are first: the same advice, sent back to step 1.
      const permission = await setup.checkPermission({
        sourceProfile: 'alice',
        target: PROD,
        roleName: 'Onboarding',
      });
      expect(permission).toMatchObject({ state: 'failed', backTo: 1, fix: who.fix });
    } finally {
      hungFiles.remove();
      await hung.close();
    }
  });
});
