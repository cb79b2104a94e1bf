// The managed policies the builder's permissions picker offers: IAM's list in the account, read
// through whoever may read IAM there, page by page, kept for the run and read again after reload.
import { ListPoliciesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { iamClientFor } from '../../../src/aws/iam-browse';
import { listManagedPolicies } from '../../../src/aws/iam-policies';
import { DEV, PROD } from '../../../src/sandbox/seed';
import { coreUnderTest, sandboxForTheseTests } from '../../helpers/core-under-test';
import { testClients } from '../../helpers/sandbox';

const shared = sandboxForTheseTests();

describe('the managed policies to pick from', () => {
  it('lists AWS’s and the account’s own through a profile that may read IAM, kept until reload', async () => {
    const { core } = coreUnderTest(shared.env);
    const policies = await core.roleMaking.managedPolicies(DEV);
    expect(policies.length).toBeGreaterThanOrEqual(40);
    expect(policies).toContainEqual({
      name: 'AWSLambdaBasicExecutionRole',
      arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      path: '/service-role/',
      awsManaged: true,
    });
    // One made in dev after the first look shows only once the core forgets what it read.
    shared.sandbox.seeded.world.addPolicy(DEV, 'team-boundary', { Version: '2012-10-17', Statement: [] });
    const mine = (list: typeof policies) => list.filter((p) => !p.awsManaged).map((p) => p.arn);
    expect(mine(await core.roleMaking.managedPolicies(DEV))).toEqual([]);
    core.reload();
    expect(mine(await core.roleMaking.managedPolicies(DEV))).toEqual([
      `arn:aws:iam::${DEV}:policy/team-boundary`,
    ]);
    expect((await core.roleMaking.caller(DEV))?.via).toMatch(/^profile /);
  });

  it('says so when nobody may read IAM in the account yet', async () => {
    const { core } = coreUnderTest(shared.env);
    await expect(core.roleMaking.managedPolicies(PROD)).rejects.toThrow(
      `Nobody here may read IAM in ${PROD}, so its managed policies cannot be listed: assume a role in it, or type the policies' ARNs.`,
    );
  });

  it('follows every page, and stops at the page bound', async () => {
    const iam = iamClientFor(
      { retrieve: async () => shared.sandbox.seeded.keys.alice },
      'us-east-1',
      testClients(shared.sandbox),
    );
    const one = await iam.send(new ListPoliciesCommand({ Scope: 'All', MaxItems: 1000 }));
    const paged = await listManagedPolicies(iam, { pageSize: 5 });
    expect(paged.complete).toBe(true);
    expect(paged.policies.map((p) => p.arn)).toEqual(one.Policies?.map((p) => p.Arn));
    const cut = await listManagedPolicies(iam, { pageSize: 5, maxPages: 2 });
    expect(cut).toMatchObject({ complete: false });
    expect(cut.policies.map((p) => p.arn)).toEqual(one.Policies?.slice(0, 10).map((p) => p.Arn));
  });
});
