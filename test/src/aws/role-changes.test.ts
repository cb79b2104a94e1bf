// The builder's IAM calls, end to end against the sandbox: create and bound; the trusted side's
// grant (src/trusted-side/) lets the source account's user in; then change who may assume it.
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamClientFor, roleDetail } from '../../../src/aws/iam-browse';
import { updateTrustPolicy } from '../../../src/aws/role-changes';
import { staticProvider } from '../../../src/credentials/provider';
import { creationPlan } from '../../../src/role-making/creation-plan';
import { runCreation } from '../../../src/role-making/creation-run';
import { emptyRoleSpec } from '../../../src/role-making/role-spec';
import { DEV, IDENTITY } from '../../../src/sandbox/seed';
import { putInlinePolicy } from '../../../src/trusted-side/grant-calls';
import { identityPolicyFor } from '../../../src/trusted-side/identity-policy';
import { adjustableClock, startTestSandbox, type TestSandbox, testClients } from '../../helpers/sandbox';

let sandbox: TestSandbox;
const clock = adjustableClock();
beforeAll(async () => {
  sandbox = await startTestSandbox({ clock });
});
afterAll(async () => {
  await sandbox.close();
});

async function adminOf(account: string) {
  const out = await sandbox.sts(sandbox.seeded.keys.alice).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${account}:role/Admin`,
      RoleSessionName: 'builder',
      SerialNumber: `arn:aws:iam::${IDENTITY}:mfa/alice`,
      TokenCode: await sandbox.aliceCode(),
    }),
  );
  clock.advance(30_000);
  const c = out.Credentials;
  return iamClientFor(
    staticProvider('admin', {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken,
    }),
    'us-east-1',
    testClients(sandbox),
  );
}

const trust = (principal: string, withMfa = false) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: 'sts:AssumeRole',
        ...(withMfa ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } : {}),
      },
    ],
  });

describe('creating a role and letting someone in', () => {
  it('creates (bounded from the start), attaches and puts; then grants the source-account user, who can assume it', async () => {
    const devAdmin = await adminOf(DEV);
    const plan = creationPlan(
      DEV,
      {
        ...emptyRoleSpec(),
        name: 'DataReader',
        path: '/data/',
        description: 'Reads the data lake',
        maxSession: '2h',
        tags: [{ key: 'team', value: 'data' }],
        managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        inlinePolicyName: 'list-iam',
        inlinePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }],
        }),
        permissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      },
      trust(`arn:aws:iam::${IDENTITY}:root`),
    );
    const { state, roleArn: arn } = await runCreation(devAdmin, plan);
    expect(state).toBe('created');
    expect(arn).toBe(`arn:aws:iam::${DEV}:role/data/DataReader`);
    expect(await roleDetail(devAdmin, 'DataReader')).toMatchObject({
      maxSessionSeconds: 7200,
      tags: [{ key: 'team', value: 'data' }],
      attachedPolicies: [{ name: 'ReadOnlyAccess' }],
      inlinePolicies: ['list-iam'],
      permissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });

    // ci-bot may assume only Deployer until its own account says otherwise.
    const ciBot = sandbox.sts(sandbox.seeded.keys['ci-bot']);
    await expect(
      ciBot.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'ci' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    const grant = identityPolicyFor(arn ?? '', trust(`arn:aws:iam::${IDENTITY}:root`));
    if (!grant.ok) throw new Error(grant.message);
    await putInlinePolicy(
      await adminOf(IDENTITY),
      { kind: 'user', name: 'ci-bot' },
      grant.policy.name,
      grant.policy.document,
    );
    const assumed = await ciBot.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'ci' }));
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/DataReader/ci`);
  });

  it('changes who may assume it', async () => {
    const devAdmin = await adminOf(DEV);
    await updateTrustPolicy(devAdmin, 'DataReader', trust(`arn:aws:iam::${IDENTITY}:root`, true));
    const { Role } = await devAdmin.send(new GetRoleCommand({ RoleName: 'DataReader' }));
    expect(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')).toContain('aws:MultiFactorAuthPresent');
  });
});
