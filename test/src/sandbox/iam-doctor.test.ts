// What `rolecall doctor` reads about the caller, through the real AWS SDK against the sandbox:
// a user's access keys (never their secrets) and SimulatePrincipalPolicy with the sandbox's
// engine, refused as IAM refuses when the caller may not.
import { ListAccessKeysCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, IDENTITY, PROD } from '../../../src/sandbox/seed';
import { failure, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

describe('ListAccessKeys', () => {
  it('lists the caller’s own key with its creation date, and no secret', async () => {
    const keys = sandbox.seeded.keys.alice;
    const out = await sandbox.iam(keys).send(new ListAccessKeysCommand({}));
    expect(out.AccessKeyMetadata).toEqual([
      expect.objectContaining({ UserName: 'alice', AccessKeyId: keys.accessKeyId, Status: 'Active' }),
    ]);
    expect(out.AccessKeyMetadata?.[0]?.CreateDate).toBeInstanceOf(Date);
    expect(JSON.stringify(out)).not.toContain(keys.secretAccessKey);
  });

  it('is refused to a user whose policies do not allow iam:ListAccessKeys', async () => {
    const refused = await failure(
      sandbox.iam(sandbox.seeded.keys['ci-bot']).send(new ListAccessKeysCommand({ UserName: 'alice' })),
    );
    expect(refused).toMatchObject({ name: 'AccessDenied', status: 403 });
  });
});

describe('SimulatePrincipalPolicy', () => {
  const simulate = (who: 'alice' | 'ci-bot', source: string, resources: string[]) =>
    sandbox.iam(sandbox.seeded.keys[who]).send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: source,
        ActionNames: ['sts:AssumeRole'],
        ResourceArns: resources,
      }),
    );

  it('evaluates the user’s own and group policies: one decision per resource', async () => {
    const out = await simulate('alice', `arn:aws:iam::${IDENTITY}:user/alice`, [
      `arn:aws:iam::${DEV}:role/Developer`,
      `arn:aws:iam::${PROD}:role/Admin`,
      `arn:aws:iam::999999999999:role/Elsewhere`,
    ]);
    expect(out.EvaluationResults?.map((r) => [r.EvalResourceName, r.EvalDecision])).toEqual([
      [`arn:aws:iam::${DEV}:role/Developer`, 'allowed'],
      [`arn:aws:iam::${PROD}:role/Admin`, 'allowed'],
      ['arn:aws:iam::999999999999:role/Elsewhere', 'implicitDeny'],
    ]);
  });

  it('is refused to a caller not allowed iam:SimulatePrincipalPolicy', async () => {
    const refused = await failure(simulate('ci-bot', `arn:aws:iam::${IDENTITY}:user/ci-bot`, ['*']));
    expect(refused).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(refused.message).toContain('iam:SimulatePrincipalPolicy');
  });

  it('an ARN that names no user or role: NoSuchEntity', async () => {
    const refused = await failure(simulate('alice', `arn:aws:iam::${IDENTITY}:user/nobody`, ['*']));
    expect(refused).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });
});
