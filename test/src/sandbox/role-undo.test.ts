// What undoing a made role needs of IAM, and what making one must refuse, through the real AWS SDK
// against the sandbox: DeleteRolePolicy; tags, an eleventh policy, a boundary that does not exist.
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRolePolicyCommand,
  type IAMClient,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsManagedPolicies } from '../../../src/sandbox/aws-managed-policies';
import { DEV, IDENTITY } from '../../../src/sandbox/seed';
import { failure, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox;
let devAdmin: IAMClient;
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${IDENTITY}:root` }, Action: 'sts:AssumeRole' },
  ],
});

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const out = await sandbox.sts(sandbox.seeded.keys.alice).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${DEV}:role/Admin`,
      RoleSessionName: 'undo',
      SerialNumber: `arn:aws:iam::${IDENTITY}:mfa/alice`,
      TokenCode: await sandbox.aliceCode(),
    }),
  );
  devAdmin = sandbox.iam({
    accessKeyId: out.Credentials?.AccessKeyId ?? '',
    secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
    sessionToken: out.Credentials?.SessionToken ?? '',
  });
});
afterAll(() => sandbox.close());

describe('DeleteRolePolicy', () => {
  it('deletes a role’s inline policy, and refuses one it does not have, as IAM does', async () => {
    await devAdmin.send(new CreateRoleCommand({ RoleName: 'Undone', AssumeRolePolicyDocument: TRUST }));
    await devAdmin.send(
      new PutRolePolicyCommand({
        RoleName: 'Undone',
        PolicyName: 'list',
        PolicyDocument:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:List*","Resource":"*"}]}',
      }),
    );
    await devAdmin.send(new DeleteRolePolicyCommand({ RoleName: 'Undone', PolicyName: 'list' }));
    expect((await devAdmin.send(new ListRolePoliciesCommand({ RoleName: 'Undone' }))).PolicyNames).toEqual(
      [],
    );
    expect(
      await failure(devAdmin.send(new DeleteRolePolicyCommand({ RoleName: 'Undone', PolicyName: 'list' }))),
    ).toEqual({
      name: 'NoSuchEntityException',
      message: 'The role policy with name list cannot be found.',
      status: 404,
    });
    const alice = sandbox.iam(sandbox.seeded.keys.alice);
    expect(
      (await failure(alice.send(new DeleteRolePolicyCommand({ RoleName: 'Undone', PolicyName: 'list' }))))
        .name,
    ).toBe('AccessDenied');
  });
});

describe('CreateRole’s tags', () => {
  it('refuses keys that are empty, too long, aws:-prefixed or repeated ignoring case, and long values', async () => {
    const create = (tags: Array<{ Key: string; Value: string }>) =>
      failure(
        devAdmin.send(
          new CreateRoleCommand({ RoleName: 'Tagged', AssumeRolePolicyDocument: TRUST, Tags: tags }),
        ),
      );
    expect((await create([{ Key: 'k'.repeat(129), Value: 'v' }])).message).toContain(
      'Member must have length less than or equal to 128',
    );
    expect((await create([{ Key: 'k', Value: 'v'.repeat(257) }])).message).toContain(
      'Member must have length less than or equal to 256',
    );
    expect(await create([{ Key: 'aws:owner', Value: 'me' }])).toMatchObject({
      name: 'InvalidInputException',
    });
    expect(
      await create([
        { Key: 'Team', Value: 'a' },
        { Key: 'team', Value: 'b' },
      ]),
    ).toMatchObject({ name: 'InvalidInputException', message: expect.stringContaining('case insensitive') });
    expect(await create([{ Key: 'bad!', Value: 'v' }])).toMatchObject({ name: 'ValidationError' });
  });
});

describe('what CreateRole and AttachRolePolicy refuse', () => {
  it('an eleventh managed policy: IAM’s default quota is 10 a role', async () => {
    await devAdmin.send(new CreateRoleCommand({ RoleName: 'Crowded', AssumeRolePolicyDocument: TRUST }));
    const arns = awsManagedPolicies().map((p) => p.arn);
    for (const arn of arns.slice(0, 10)) {
      await devAdmin.send(new AttachRolePolicyCommand({ RoleName: 'Crowded', PolicyArn: arn }));
    }
    expect(
      await failure(devAdmin.send(new AttachRolePolicyCommand({ RoleName: 'Crowded', PolicyArn: arns[10] }))),
    ).toEqual({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for PoliciesPerRole: 10',
      status: 409,
    });
  });

  it('a permissions boundary that does not exist, and then no role is made', async () => {
    const refused = await failure(
      devAdmin.send(
        new CreateRoleCommand({
          RoleName: 'Unbounded',
          AssumeRolePolicyDocument: TRUST,
          PermissionsBoundary: `arn:aws:iam::${DEV}:policy/no-such-boundary`,
        }),
      ),
    );
    expect(refused).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
    expect(sandbox.seeded.world.role(DEV, 'Unbounded')).toBeUndefined();
  });
});
