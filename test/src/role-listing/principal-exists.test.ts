// Whether a user or role ARN exists where IAM can be read, against the sandbox over HTTP: the
// answer the builder's "There is no user …" check is given. IAM says yes or no only for the ARN
// as it spells it (path and name); unknown when nobody here may read the account or IAM is gone.
import { describe, expect, it } from 'vitest';
import { writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { sandboxVariables } from '../../../src/sandbox/local';
import { DEV, IDENTITY } from '../../../src/sandbox/seed';
import { coreUnderTest, withOwnSandbox } from '../../helpers/core-under-test';
import { startTestSandbox } from '../../helpers/sandbox';

describe('core.roleListing.principalExists', () => {
  it('says which users and roles exist, as written, where IAM can be read', () =>
    withOwnSandbox(async (own, files) => {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      const exists = (arn: string) => core.roleListing.principalExists(arn);
      expect(await exists(`arn:aws:iam::${IDENTITY}:user/alice`)).toBe(true);
      expect(await exists(`arn:aws:iam::${IDENTITY}:user/nobody`)).toBe(false);
      expect(await exists(`arn:aws:iam::${IDENTITY}:role/Admin`)).toBe(true);
      // IAM finds ALICE ignoring case; whether it saves that spelling is unverified: unknown, never refused.
      expect(await exists(`arn:aws:iam::${IDENTITY}:user/ALICE`)).toBeUndefined();
      // The path is part of the ARN; the role found without it is not refused either.
      own.seeded.world.addRole(DEV, 'Deployer', { Version: '2012-10-17', Statement: [] }, { path: '/ci/' });
      expect(await exists(`arn:aws:iam::${DEV}:role/ci/Deployer`)).toBe(true);
      expect(await exists(`arn:aws:iam::${DEV}:role/Deployer`)).toBeUndefined();
      // Nobody here may read IAM in this account: unknown, not "no".
      expect(await exists('arn:aws:iam::444455556666:user/nobody')).toBeUndefined();
      expect(await exists(`arn:aws:iam::${IDENTITY}:root`)).toBeUndefined();

      // The answer is kept for the run; reload asks again.
      expect(await exists(`arn:aws:iam::${IDENTITY}:user/carol`)).toBe(false);
      own.seeded.world.addUser(IDENTITY, 'carol');
      expect(await exists(`arn:aws:iam::${IDENTITY}:user/carol`)).toBe(false);
      core.reload();
      expect(await exists(`arn:aws:iam::${IDENTITY}:user/carol`)).toBe(true);
    }));

  it('is unknown when IAM does not answer, and asks again next time', async () => {
    const own = await startTestSandbox();
    const files = writeSandboxAwsFiles(own.seeded, own.endpoint);
    try {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      // Finds who may read IAM in the identity account while the sandbox is up.
      expect(await core.roleListing.principalExists(`arn:aws:iam::${IDENTITY}:user/bob`)).toBe(true);
      await own.close();
      expect(await core.roleListing.principalExists(`arn:aws:iam::${IDENTITY}:user/nobody`)).toBeUndefined();
    } finally {
      files.remove();
    }
  });
});
