// Granting the trusted side what a trust admits it to (an inline policy on the user or its
// group) and taking it away, through the real AWS SDK against the sandbox: refused as IAM refuses.
import {
  DeleteGroupPolicyCommand,
  DeleteUserPolicyCommand,
  GetGroupPolicyCommand,
  type IAMClient,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY, PROD } from '../../../src/sandbox/seed';
import { failure, type Keys, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox;
let identityAdmin: IAMClient;
const ROLE = `arn:aws:iam::${PROD}:role/Deploy`;
const mayAssume = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE }],
});

function keysOf(name: 'alice' | 'bob' | 'ci-bot') {
  return sandbox.seeded.keys[name];
}

const assumeDeploy = (keys: Keys) =>
  sandbox.sts(keys).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'grant-test' }));

beforeAll(async () => {
  sandbox = await startTestSandbox();
  sandbox.seeded.world.addRole(PROD, 'Deploy', {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${IDENTITY}:root` }, Action: 'sts:AssumeRole' },
    ],
  });
  const admin = await sandbox.sts(keysOf('alice')).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${IDENTITY}:role/Admin`,
      RoleSessionName: 'grants',
      SerialNumber: `arn:aws:iam::${IDENTITY}:mfa/alice`,
      TokenCode: await sandbox.aliceCode(),
    }),
  );
  identityAdmin = sandbox.iam({
    accessKeyId: admin.Credentials?.AccessKeyId ?? '',
    secretAccessKey: admin.Credentials?.SecretAccessKey ?? '',
    sessionToken: admin.Credentials?.SessionToken ?? '',
  });
});
afterAll(() => sandbox.close());

describe('granting the trusted side', () => {
  it('lists a user’s groups to whoever may read IAM, and refuses to write to one who may not', async () => {
    const alice = sandbox.iam(keysOf('alice'));
    const listed = await alice.send(new ListGroupsForUserCommand({ UserName: 'bob' }));
    expect(listed.Groups?.map((g) => [g.GroupName, g.Arn, g.Path])).toEqual([
      ['engineers', `arn:aws:iam::${IDENTITY}:group/engineers`, '/'],
    ]);
    expect(listed.Groups?.[0]?.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
    const all = await alice.send(new ListGroupsCommand({}));
    expect(all.Groups?.map((g) => g.GroupName)).toEqual(['engineers']);
    expect(
      await failure(
        alice.send(
          new PutGroupPolicyCommand({ GroupName: 'engineers', PolicyName: 'x', PolicyDocument: mayAssume }),
        ),
      ),
    ).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: expect.stringMatching(
        /is not authorized to perform: iam:PutGroupPolicy on resource: arn:aws:iam::111111111111:group\/engineers/,
      ),
    });
  });

  it('PutUserPolicy lets ci-bot assume the role, and DeleteUserPolicy takes it back', async () => {
    expect((await failure(assumeDeploy(keysOf('ci-bot')))).name).toBe('AccessDenied');
    await identityAdmin.send(
      new PutUserPolicyCommand({
        UserName: 'ci-bot',
        PolicyName: 'AssumeRole-Deploy',
        PolicyDocument: mayAssume,
      }),
    );
    expect((await assumeDeploy(keysOf('ci-bot'))).AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${PROD}:assumed-role/Deploy/grant-test`,
    );
    await identityAdmin.send(
      new DeleteUserPolicyCommand({ UserName: 'ci-bot', PolicyName: 'AssumeRole-Deploy' }),
    );
    expect((await failure(assumeDeploy(keysOf('ci-bot')))).name).toBe('AccessDenied');
  });

  it('PutGroupPolicy on engineers lets bob assume the role through his group', async () => {
    // bob's own policy lets him assume every prod role: take it away so the group's is what counts.
    await identityAdmin.send(
      new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'assume-dev-and-prod' }),
    );
    expect((await failure(assumeDeploy(keysOf('bob')))).name).toBe('AccessDenied');
    await identityAdmin.send(
      new PutGroupPolicyCommand({
        GroupName: 'engineers',
        PolicyName: 'AssumeRole-Deploy',
        PolicyDocument: mayAssume,
      }),
    );
    const read = await identityAdmin.send(
      new GetGroupPolicyCommand({ GroupName: 'engineers', PolicyName: 'AssumeRole-Deploy' }),
    );
    expect(JSON.parse(decodeURIComponent(read.PolicyDocument ?? ''))).toEqual(JSON.parse(mayAssume));
    expect((await assumeDeploy(keysOf('bob'))).AssumedRoleUser?.Arn).toMatch(/assumed-role\/Deploy\//);
    await identityAdmin.send(
      new DeleteGroupPolicyCommand({ GroupName: 'engineers', PolicyName: 'AssumeRole-Deploy' }),
    );
    expect((await failure(assumeDeploy(keysOf('bob')))).name).toBe('AccessDenied');
  });

  it('refuses a missing group or policy, and a policy with a principal, as IAM does', async () => {
    expect(
      await failure(
        identityAdmin.send(
          new PutGroupPolicyCommand({ GroupName: 'nobody', PolicyName: 'x', PolicyDocument: mayAssume }),
        ),
      ),
    ).toEqual({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The group with name nobody cannot be found.',
    });
    expect(
      await failure(
        identityAdmin.send(new DeleteGroupPolicyCommand({ GroupName: 'engineers', PolicyName: 'gone' })),
      ),
    ).toEqual({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The group policy with name gone cannot be found.',
    });
    expect(
      await failure(
        identityAdmin.send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'gone' })),
      ),
    ).toEqual({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user policy with name gone cannot be found.',
    });
    const withPrincipal = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Resource: ROLE }],
    });
    expect(
      (
        await failure(
          identityAdmin.send(
            new PutGroupPolicyCommand({
              GroupName: 'engineers',
              PolicyName: 'x',
              PolicyDocument: withPrincipal,
            }),
          ),
        )
      ).name,
    ).toMatch(/^MalformedPolicyDocument/);
  });
});
