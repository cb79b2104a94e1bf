// ListPolicies as IAM gives it: AWS's managed policies and the account's own, by scope, path
// prefix and attachment, page by page; through the real AWS SDK against the sandbox.
import {
  GetPolicyCommand,
  type IAMClient,
  ListPoliciesCommand,
  type ListPoliciesCommandInput,
  type Policy,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY } from '../../../src/sandbox/seed';
import { failure, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox;
let alice: IAMClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  alice = sandbox.iam(sandbox.seeded.keys.alice);
});
afterAll(() => sandbox.close());

/** Every page of ListPolicies, following Marker while IsTruncated. */
async function everyPage(input: ListPoliciesCommandInput): Promise<{ policies: Policy[]; pages: number }> {
  const policies: Policy[] = [];
  let marker: string | undefined;
  for (let pages = 1; pages <= 100; pages++) {
    const page = await alice.send(
      new ListPoliciesCommand({ ...input, ...(marker ? { Marker: marker } : {}) }),
    );
    policies.push(...(page.Policies ?? []));
    if (!page.IsTruncated) return { policies, pages };
    marker = page.Marker;
  }
  throw new Error('ListPolicies never stopped');
}

describe('ListPolicies', () => {
  it('lists AWS’s managed policies with their real paths, and no description (GetPolicy has it)', async () => {
    const { policies } = await everyPage({ Scope: 'AWS' });
    expect(policies.length).toBeGreaterThanOrEqual(40);
    const arns = policies.map((p) => p.Arn);
    expect(arns).toContain('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(arns).toContain('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    expect(arns).toContain('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess');
    const lambda = policies.find((p) => p.PolicyName === 'AWSLambdaBasicExecutionRole');
    expect(lambda).toMatchObject({ Path: '/service-role/', DefaultVersionId: 'v1', IsAttachable: true });
    expect(lambda?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(policies.every((p) => p.Description === undefined)).toBe(true);
    const got = await alice.send(new GetPolicyCommand({ PolicyArn: lambda?.Arn }));
    expect(got.Policy?.Description).toBe('Provides write permissions to CloudWatch Logs.');
    // Sorted by name, ignoring case, as IAM lists.
    const names = policies.map((p) => p.PolicyName ?? '');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });

  it('keeps AWS’s and the account’s own apart by Scope, and filters by path prefix', async () => {
    const admin = sandbox.seeded.world;
    admin.addPolicy(IDENTITY, 'deploy-artifacts', { Version: '2012-10-17', Statement: [] }, '/ci/');
    const local = await everyPage({ Scope: 'Local' });
    expect(local.policies.map((p) => p.Arn)).toEqual([`arn:aws:iam::${IDENTITY}:policy/ci/deploy-artifacts`]);
    const all = await everyPage({});
    const aws = await everyPage({ Scope: 'AWS' });
    expect(all.policies.length).toBe(aws.policies.length + 1);
    const serviceRoles = await everyPage({ PathPrefix: '/service-role/' });
    expect(serviceRoles.policies.length).toBeGreaterThanOrEqual(5);
    expect(serviceRoles.policies.every((p) => p.Path === '/service-role/')).toBe(true);
    expect((await everyPage({ PathPrefix: '/ci/' })).policies.map((p) => p.PolicyName)).toEqual([
      'deploy-artifacts',
    ]);
  });

  it('lists only attached ones with OnlyAttached, counting their attachments', async () => {
    const { policies } = await everyPage({ Scope: 'AWS', OnlyAttached: true });
    // The seed attaches these three to its roles and the engineers group.
    expect(policies.map((p) => p.PolicyName).sort()).toEqual([
      'AdministratorAccess',
      'IAMReadOnlyAccess',
      'ReadOnlyAccess',
    ]);
    expect(policies.every((p) => (p.AttachmentCount ?? 0) > 0)).toBe(true);
  });

  it('pages with MaxItems and Marker, the pages together the same as one', async () => {
    const whole = await everyPage({ MaxItems: 1000 });
    const paged = await everyPage({ MaxItems: 7 });
    expect(whole.pages).toBe(1);
    expect(paged.pages).toBe(Math.ceil(whole.policies.length / 7));
    expect(paged.policies.map((p) => p.Arn)).toEqual(whole.policies.map((p) => p.Arn));
  });

  it('refuses a bad scope or marker, and a caller without iam:ListPolicies', async () => {
    expect(await failure(alice.send(new ListPoliciesCommand({ Scope: 'Mine' as 'AWS' })))).toMatchObject({
      name: 'ValidationError',
      status: 400,
    });
    expect(await failure(alice.send(new ListPoliciesCommand({ Marker: 'bm90IGEgbnVtYmVy' })))).toMatchObject({
      name: 'ValidationError',
    });
    const ciBot = sandbox.iam(sandbox.seeded.keys['ci-bot']);
    const denied = await failure(ciBot.send(new ListPoliciesCommand({})));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toContain('iam:ListPolicies');
  });
});
