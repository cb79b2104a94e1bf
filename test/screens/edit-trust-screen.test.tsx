// e on a role's details edits its trust policy in the builder, against the sandbox through the
// real AWS SDK: a condition changed, the diff shown, the call confirmed (refused first, in words,
// for a reader that may only read IAM), then saved; GetRole gives the new document back, and the
// statement the form cannot express survives the round trip as it was written.
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand as StsAssumeRole } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { awsManagedPolicyArn } from '../../src/sandbox/aws-managed-policies';
import { sandboxVariables } from '../../src/sandbox/local';
import { DEV, IDENTITY } from '../../src/sandbox/seed';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp, selectRow as selectRowOf } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let app: AppUnderTest;

const DENY_BOB = {
  Sid: 'NeverBob',
  Effect: 'Deny',
  Principal: { AWS: `arn:aws:iam::${IDENTITY}:user/bob` },
  Action: 'sts:AssumeRole',
};

beforeEach(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  // Deployer's trust, with a statement the form has no field for.
  const deployer = sandbox.seeded.world.role(DEV, 'Deployer');
  if (!deployer) throw new Error('no Deployer in the seed');
  const trust = JSON.parse(deployer.trustPolicy);
  deployer.trustPolicy = JSON.stringify({ ...trust, Statement: [...trust.Statement, DENY_BOB] });
  const core = createCore({
    settings: new Settings({ dir: tempConfigDir() }),
    env: sandboxVariables(sandbox.endpoint, files),
  });
  app = renderApp({ core, columns: 140, rows: 50 });
});
afterEach(async () => {
  app?.unmount();
  files?.remove();
  await sandbox?.close();
});

const frame = () => app.lastFrame();
const see = (text: string) => vi.waitFor(() => expect(frame()).toContain(text), { timeout: 5000 });
async function type(...keys: string[]) {
  for (const key of keys) await app.press(key);
}
const selectRow = (text: string) => selectRowOf(app, text);

/** ↑ from the first field goes round to the end: the primary action, then Simulate… */
async function upTo(text: string) {
  for (let i = 0; i < 30 && !frame().includes(`› ${text}`); i++) await type(KEYS.up);
  await see(`› ${text}`);
}

/** The role details of dev's Deployer, then e. */
async function editDeployer() {
  await type('b');
  await see('dev 222222222222');
  await selectRow('222222222222');
  await type(KEYS.enter);
  await see('IAM’s 4 roles');
  await selectRow('Deployer');
  await type(KEYS.enter);
  await see('Last used:');
  await type('e');
  await see('Kept as written');
}

/** Deployer's trust policy as IAM gives it, through the SDK, as a Developer of dev. */
async function deployerTrust(): Promise<unknown> {
  const out = await sandbox
    .sts(sandbox.seeded.keys.alice)
    .send(new StsAssumeRole({ RoleArn: `arn:aws:iam::${DEV}:role/Developer`, RoleSessionName: 'check' }));
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('no credentials');
  const { Role } = await sandbox
    .iam({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken })
    .send(new GetRoleCommand({ RoleName: 'Deployer' }));
  return JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''));
}

describe('editing a role’s trust policy (e on its details)', () => {
  it('changes the external ID after the diff and the call, and keeps the Deny it cannot express', async () => {
    await type('b');
    await see('dev 222222222222');
    await selectRow('222222222222');
    await type(KEYS.enter);
    await see('IAM’s 4 roles');
    await selectRow('Deployer');
    await type(KEYS.enter);
    await see('What CI deploys with');
    await see('Last used:');
    expect(frame()).toContain('e edit trust');
    expect(frame()).toContain('✓ assumable');
    await type('e');
    await see('Kept as written');
    expect(frame()).toContain('"Sid": "NeverBob"');
    await see('› Entry 1');
    // Entry 1's kind, its value, Require MFA, MFA max age, then External ID.
    await type('\t', '\t', '\t', '\t');
    await see('dev-deploy-1b2c');
    await type(KEYS.ctrlU, ...'new-id-9');
    await see('+');
    await vi.waitFor(() => {
      const lines = frame().split('\n');
      expect(lines.some((l) => /-\s+"sts:ExternalId": "dev-deploy-1b2c"/.test(l))).toBe(true);
      expect(lines.some((l) => /\+\s+"sts:ExternalId": "new-id-9"/.test(l))).toBe(true);
    });

    // Enter on a field goes to the next one, as in the new-role form; the save is the last row.
    await type(KEYS.enter);
    await see('› Organization');
    expect(frame()).not.toContain('Save this change');
    expect(frame()).toContain('review and save is the last row');
    await upTo('Review and save…');
    await type(KEYS.enter);
    await see('Save this change to the trust policy?');
    expect(frame()).toContain(`UpdateAssumeRolePolicy on Deployer (arn:aws:iam::${DEV}:role/Deployer)`);
    expect(frame()).toContain('as profile dev-developer (else the next of yours that may');
    // The reader may only read IAM: AWS's refusal, in words, and nothing changed.
    await type(KEYS.enter);
    await see('Not saved:');
    expect(JSON.stringify(await deployerTrust())).toContain('dev-deploy-1b2c');

    // Given the right to change roles, the same confirmation saves.
    sandbox.seeded.world
      .role(DEV, 'Developer')
      ?.attachedPolicies.push(awsManagedPolicyArn('AdministratorAccess'));
    await type(KEYS.enter);
    await see('Saved Deployer’s trust policy');
    // Back on the details, read again: the new document.
    await see('What CI deploys with');
    await see('"sts:ExternalId": "new-id-9"');
    // The verdict follows the new document: the profile's external ID is the old one now.
    await see('Needs external ID new-id-9');
    expect(frame()).not.toContain('✓ assumable');
    const saved = (await deployerTrust()) as { Statement: object[] };
    expect(JSON.stringify(saved)).toContain('"sts:ExternalId":"new-id-9"');
    expect(saved.Statement).toContainEqual(DENY_BOB);
  });

  it('does not offer to save a document IAM would refuse, and Esc and q ask before dropping a change', async () => {
    await editDeployer();
    await type('\t');
    await see('› User/role ARN');
    await type(KEYS.ctrlU, ...'arn:aws:iam::12:user/x');
    await see('arn:aws:iam::12:user/x');
    await upTo('Review and save…');
    await type(KEYS.enter);
    await see('Fix first:');
    expect(frame()).not.toContain('Save this change');
    // q off a text field quits rolecall: not before asking, with a change unsaved.
    await type('q');
    await see('Quit rolecall with Deployer’s trust policy unsaved?');
    await type('n');
    await vi.waitFor(() => expect(frame()).not.toContain('Quit rolecall with'), { timeout: 5000 });
    await type('?');
    await see('Back to Deployer’s details (asks first when something changed; a change is dropped)');
    expect(frame()).not.toContain('kept for the next n');
    await type('?');
    await type(KEYS.escape);
    await see('unsaved? Your changes are dropped.');
    await type('y');
    await see('What CI deploys with');
    expect(JSON.stringify(sandbox.seeded.world.role(DEV, 'Deployer')?.trustPolicy)).toContain('ci-bot');
  });

  it('simulates the document as it would be saved: the kept Deny still stops bob once the form trusts him', async () => {
    await editDeployer();
    await type('\t');
    await see('› User/role ARN');
    await type(KEYS.ctrlU, ...`arn:aws:iam::${IDENTITY}:user/bob`);
    await upTo('Simulate…');
    await type(KEYS.enter);
    await see('Could this caller assume it?');
    for (let i = 0; i < 30 && !frame().includes('‹ an ARN typed ›'); i++) await type('\u001B[C');
    await see('‹ an ARN typed ›');
    await type('\t', ...`arn:aws:iam::${IDENTITY}:user/bob`, '\t', '\t', ...'dev-deploy-1b2c');
    await see(`(as arn:aws:iam::${IDENTITY}:user/bob)`);
    await see('✗ denied');
    expect(frame()).toContain('Denied by statement 2.');
  });

  it('says why when IAM cannot be read for the role, instead of opening an empty form', async () => {
    await type('b');
    await see('dev 222222222222');
    await selectRow('999999999999');
    await type(KEYS.enter);
    await see('Roles in ');
    await type(KEYS.enter);
    await see('Profile:');
    await vi.waitFor(() => expect(frame()).not.toContain('Reading the role’s details'), { timeout: 5000 });
    await type('e');
    await see('Cannot edit the trust policy');
    expect(frame()).not.toContain('Who may assume it\n');
  });
});

describe('the trusted side of a role that exists (t on its details)', () => {
  it('shows the policy its callers need, for this role', async () => {
    await type('b');
    await see('dev 222222222222');
    await selectRow('222222222222');
    await type(KEYS.enter);
    await see('IAM’s 4 roles');
    await selectRow('Deployer');
    await type(KEYS.enter);
    await see('What CI deploys with');
    expect(frame()).toContain('t trusted side');
    await type('t');
    await see('Trusted side of Deployer');
    await see(`"Resource": "arn:aws:iam::${DEV}:role/Deployer"`);
    expect(frame()).toContain('sts:AssumeRole');
  });
});
