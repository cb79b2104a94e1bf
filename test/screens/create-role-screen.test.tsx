// The create-role page against the sandbox through the real AWS SDK: the calls listed with who
// makes them, Enter running them with each call's mark, the result; a failure midway with what
// exists now, and u undoing it; problems IAM would refuse blocking the page.
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newRoleFormKey } from '../../screens/trust-policy-screen';
import { createCore } from '../../src/core';
import { emptyRoleSpec, type RoleSpec } from '../../src/role-making/role-spec';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { IDENTITY, PROD } from '../../src/sandbox/seed';
import { Settings } from '../../src/settings/settings';
import { answerWith } from '../helpers/core-under-test';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { failure, startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${IDENTITY}:root` },
      Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    },
  ],
});
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let app: AppUnderTest;
beforeEach(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  const core = createCore({
    settings: new Settings({ dir: tempConfigDir() }),
    env: sandboxVariables(sandbox.endpoint, files),
  });
  // alice's prod-admin session, assumed with her code: whoever may write IAM in prod.
  answerWith(core.mfa, [() => sandbox.aliceCode()]);
  const row = (await core.roleListing.roles(PROD)).rows.find((r) => r.profile?.name === 'prod-admin');
  if (!row) throw new Error('no prod-admin row');
  await core.assuming.assume(row, await core.assuming.defaults(row));
  app = renderApp({ core, columns: 140, rows: 40 });
});
afterEach(async () => {
  app?.unmount();
  files?.remove();
  await sandbox?.close();
});

const frame = () => app.lastFrame();
/** The frame as one line of words: long messages wrap at the terminal's width. */
const words = () =>
  frame()
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's SGR codes
    .replace(/\u001B\[[0-9;]*m/g, '')
    .replace(/\s+/g, ' ');
const see = (text: string) => vi.waitFor(() => expect(frame()).toContain(text), { timeout: 5000 });
const role = (over: Partial<RoleSpec>): RoleSpec => ({ ...emptyRoleSpec(), name: 'Deployer', ...over });
const openPage = (spec: RoleSpec) =>
  app.store
    .getState()
    .actions.open('create-role', { account: PROD, name: 'prod', trustPolicy: TRUST, role: spec });
const prodIam = async () => {
  const caller = await app.core.roleMaking.caller(PROD);
  if (!caller) throw new Error('nobody may call IAM in prod');
  return caller.iam;
};

describe('the create-role page', () => {
  it('lists the calls and who makes them; Enter makes them; the role exists with all it was given', async () => {
    openPage(
      role({
        maxSession: '4h',
        tags: [{ key: 'team', value: 'platform' }],
        managedPolicies: [READ_ONLY],
        permissionsBoundary: READ_ONLY,
      }),
    );
    app.store.getState().actions.updateForm(newRoleFormKey(PROD), () => ({ kept: 'the draft' }));
    await see('made as session prod-admin');
    expect(frame()).toContain('Create Deployer in prod');
    expect(frame()).toContain(`arn:aws:iam::${PROD}:role/Deployer`);
    expect(frame()).toContain(
      '1.  CreateRole Deployer in 333333333333 with the trust policy (max session 4h, 1 tag, boundary ReadOnlyAccess)',
    );
    expect(frame()).toContain('2.  AttachRolePolicy ReadOnlyAccess (arn:aws:iam::aws:policy/ReadOnlyAccess)');
    expect(frame()).toContain('Enter or y makes them; Esc goes back.');
    // Enter typed twice before the page is drawn again makes the calls once.
    const create = vi.spyOn(app.core.roleMaking, 'create');
    await app.press(KEYS.enter, KEYS.enter);
    await see(`Role Deployer created in prod (arn:aws:iam::${PROD}:role/Deployer)`);
    expect(frame()).toContain('✓   CreateRole Deployer');
    expect(frame()).toContain('✓   AttachRolePolicy ReadOnlyAccess');
    expect(create).toHaveBeenCalledTimes(1);
    const { Role } = await (await prodIam()).send(new GetRoleCommand({ RoleName: 'Deployer' }));
    expect(Role).toMatchObject({
      MaxSessionDuration: 4 * 3600,
      Tags: [{ Key: 'team', Value: 'platform' }],
      PermissionsBoundary: { PermissionsBoundaryArn: READ_ONLY },
    });
    // The builder's kept draft is done with: n on prod starts a new role.
    expect(app.store.getState().forms[newRoleFormKey(PROD)]).toBeUndefined();
    // The roles are read again: the new role is listed.
    const listed = await app.core.roleListing.roles(PROD);
    expect(listed.rows.map((r) => r.arn)).toContain(`arn:aws:iam::${PROD}:role/Deployer`);
    // Enter goes on to the trusted side, in place of this page: Esc from it does not come back here.
    await app.press(KEYS.enter);
    await see('Trusted side of Deployer');
    await see('sts:AssumeRole');
    expect(app.store.getState().stack.map((e) => e.screen)).toEqual(['home', 'trusted-side']);
  });

  it('on a failure midway says what exists now, and u removes exactly that', async () => {
    const missing = `arn:aws:iam::${PROD}:policy/does-not-exist`;
    openPage(role({ managedPolicies: [READ_ONLY, missing] }));
    await see('made as session prod-admin');
    await app.press('y');
    await see('What exists now: the role Deployer, ReadOnlyAccess attached to it.');
    expect(words()).toContain(
      `Could not attach ${missing}: Policy ${missing} does not exist or is not attachable.`,
    );
    expect(frame()).toContain('✗   AttachRolePolicy does-not-exist');
    expect(frame()).toContain('u removes exactly that, newest first; Esc leaves it as it is.');
    // q asks before leaving the role half-made; n stays on the page.
    await app.press('q');
    await vi.waitFor(
      () =>
        expect(words()).toContain(
          'Leave Deployer half-made (the role Deployer, ReadOnlyAccess attached to it)? u undoes it.',
        ),
      { timeout: 5000 },
    );
    await app.press('n');
    await vi.waitFor(() => expect(words()).not.toContain('Leave Deployer half-made'), { timeout: 5000 });
    await app.press('u');
    await see('Undone: nothing that was made is left.');
    expect(frame()).toContain('✓   DetachRolePolicy ReadOnlyAccess');
    expect(frame()).toContain('✓   DeleteRole Deployer');
    expect((await failure((await prodIam()).send(new GetRoleCommand({ RoleName: 'Deployer' })))).name).toBe(
      'NoSuchEntityException',
    );
  });

  it('q asks before leaving a half-made role, and Ctrl-C still quits at once', async () => {
    openPage(role({ managedPolicies: [READ_ONLY, `arn:aws:iam::${PROD}:policy/does-not-exist`] }));
    await see('made as session prod-admin');
    await app.press(KEYS.enter);
    await see('What exists now:');
    await app.press('q');
    await vi.waitFor(() => expect(words()).toContain('Leave Deployer half-made'), { timeout: 5000 });
    await app.press(KEYS.ctrlC);
    await expect(app.exited).resolves.toBeUndefined();
    expect(sandbox.seeded.world.role(PROD, 'Deployer')).toBeDefined();
  });

  it('Esc after a failure leaves what was made, and says exactly what is left', async () => {
    openPage(role({ managedPolicies: [READ_ONLY, `arn:aws:iam::${PROD}:policy/does-not-exist`] }));
    await see('made as session prod-admin');
    await app.press(KEYS.enter);
    await see('What exists now:');
    await app.press(KEYS.escape);
    await see('Left in prod as it is: the role Deployer, ReadOnlyAccess attached to it.');
    expect((await (await prodIam()).send(new GetRoleCommand({ RoleName: 'Deployer' }))).Role?.RoleName).toBe(
      'Deployer',
    );
  });

  it('lists the trust policy’s errors as blocking, and counts its warnings, which do not block', async () => {
    const statement = {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${IDENTITY}:root` },
      Action: 'sts:AssumeRole',
    };
    const open = (trustPolicy: string) =>
      app.store.getState().actions.open('create-role', { account: PROD, trustPolicy, role: role({}) });
    open(JSON.stringify({ Version: '2012-10-17', Statement: [{ ...statement, Resource: '*' }] }));
    await see('IAM would refuse this; fix it in the form (Esc) first:');
    expect(frame()).toContain('• Trust policy:');
    await app.press(KEYS.escape);
    // Another account trusted with neither MFA nor an external ID: a warning.
    open(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }));
    await see('Enter or y makes them; Esc goes back.');
    expect(words()).toContain(
      'The trust policy has a warning (shown in the form): it is kept, and does not block.',
    );
  });

  it('lists what IAM would refuse, and Enter then makes nothing', async () => {
    openPage(role({ name: 'has space', maxSession: '13h' }));
    await see('IAM would refuse this; fix it in the form (Esc) first:');
    expect(frame()).toContain(
      'Name: The name may hold only letters, digits and +=,.@_- (no spaces); the space is not allowed.',
    );
    expect(frame()).toContain(
      'Maximum session: The maximum session must be from 1h to 12h (3600 to 43200 seconds).',
    );
    await app.press(KEYS.enter);
    expect(frame()).toContain('Create has space in prod');
    expect(sandbox.seeded.world.role(PROD, 'has space')).toBeUndefined();
  });

  it('blocks a trust policy naming a user IAM says does not exist, and Enter then makes nothing', async () => {
    const trustPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: [`arn:aws:iam::${IDENTITY}:user/alice`, `arn:aws:iam::${IDENTITY}:user/nobody`] },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
    app.store.getState().actions.open('create-role', { account: PROD, trustPolicy, role: role({}) });
    await vi.waitFor(
      () => expect(words()).toContain('Trust policy: There is no user nobody in account 111111111111'),
      {
        timeout: 5000,
      },
    );
    expect(words()).toContain('IAM would refuse this; fix it in the form (Esc) first:');
    expect(words()).not.toContain('There is no user alice');
    await app.press(KEYS.enter);
    expect(sandbox.seeded.world.role(PROD, 'Deployer')).toBeUndefined();
  });
});
