// Making a role in prod through the core, against the sandbox over HTTP with the real SDK: the
// calls run as the admin session alice assumed with a code; a failure midway says what exists and
// the undo leaves nothing; an undo IAM refuses says what is left.
import { GetRoleCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { creationPlan } from '../../../src/role-making/creation-plan';
import type { CallProgress } from '../../../src/role-making/creation-run';
import { emptyRoleSpec, type RoleSpec } from '../../../src/role-making/role-spec';
import type { SandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { type Fault, parseFault } from '../../../src/sandbox/fault';
import { sandboxVariables } from '../../../src/sandbox/local';
import { IDENTITY, PROD } from '../../../src/sandbox/seed';
import { answerWith, coreUnderTest, withOwnSandbox } from '../../helpers/core-under-test';
import { failure, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

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
const LAMBDA_LOGS = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/** The core, with alice's prod-admin session assumed with her code: whoever may write IAM in prod. */
async function prodAdmin(own: TestSandbox, files: SandboxAwsFiles) {
  const { core, mfa } = coreUnderTest(sandboxVariables(own.endpoint, files));
  answerWith(mfa, [() => own.aliceCode()]);
  const row = (await core.roleListing.roles(PROD)).rows.find((r) => r.profile?.name === 'prod-admin');
  if (!row) throw new Error('no prod-admin row');
  await core.assuming.assume(row, await core.assuming.defaults(row));
  return core;
}

const spec = (over: Partial<RoleSpec>): RoleSpec => ({ ...emptyRoleSpec(), name: 'Deployer', ...over });

describe('creating a role', () => {
  it('runs every call as the admin session, and the role is then in the roles list as specified', () =>
    withOwnSandbox(async (own, files) => {
      const core = await prodAdmin(own, files);
      expect((await core.roleMaking.caller(PROD))?.via).toBe('session prod-admin');
      // The roles list as read before: the new role shows at its next look without a refresh.
      expect((await core.roleListing.roles(PROD)).rows.map((r) => r.name)).not.toContain('Deployer');
      const plan = creationPlan(
        PROD,
        spec({
          path: '/ci/',
          description: 'Deploys from CI',
          maxSession: '4h',
          tags: [{ key: 'team', value: 'platform' }],
          managedPolicies: [READ_ONLY, LAMBDA_LOGS],
          inlinePolicy:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:List*","Resource":"*"}]}',
          inlinePolicyName: 'list-iam',
          permissionsBoundary: READ_ONLY,
        }),
        TRUST,
      );
      const seen: CallProgress[][] = [];
      const outcome = await core.roleMaking.create(plan, { onProgress: (calls) => seen.push([...calls]) });
      expect(outcome).toMatchObject({
        state: 'created',
        via: 'session prod-admin',
        roleArn: `arn:aws:iam::${PROD}:role/ci/Deployer`,
      });
      expect(outcome.calls.map((c) => c.state)).toEqual(['done', 'done', 'done', 'done']);
      // Each call was reported running before done, in order.
      expect(seen.map((calls) => calls.map((c) => c.state[0]).join(''))).toEqual([
        'rwww',
        'drww',
        'ddrw',
        'dddr',
        'dddd',
      ]);

      const { rows } = await core.roleListing.roles(PROD);
      const row = rows.find((r) => r.name === 'Deployer');
      expect(row?.arn).toBe(`arn:aws:iam::${PROD}:role/ci/Deployer`);
      expect(row && (await core.roleListing.detail(row))).toMatchObject({
        path: '/ci/',
        description: 'Deploys from CI',
        maxSessionSeconds: 4 * 3600,
        tags: [{ key: 'team', value: 'platform' }],
        attachedPolicies: [
          { name: 'ReadOnlyAccess', arn: READ_ONLY },
          { name: 'AWSLambdaBasicExecutionRole', arn: LAMBDA_LOGS },
        ],
        inlinePolicies: ['list-iam'],
        permissionsBoundary: READ_ONLY,
      });
      expect(JSON.parse(row?.iam?.trustPolicy ?? '{}')).toEqual(JSON.parse(TRUST));

      // Every kind of call undone, newest first: the inline policy, each attachment, the role.
      const undo = await core.roleMaking.undo(PROD, outcome.made);
      expect(undo.calls.map((c) => [c.summary, c.state])).toEqual([
        ['DeleteRolePolicy list-iam', 'done'],
        ['DetachRolePolicy AWSLambdaBasicExecutionRole', 'done'],
        ['DetachRolePolicy ReadOnlyAccess', 'done'],
        ['DeleteRole Deployer', 'done'],
      ]);
      expect(own.seeded.world.role(PROD, 'Deployer')).toBeUndefined();
    }));

  it('stops at a refused attach, says what exists, and the undo leaves nothing', () =>
    withOwnSandbox(async (own, files) => {
      const core = await prodAdmin(own, files);
      const missing = `arn:aws:iam::${PROD}:policy/does-not-exist`;
      const plan = creationPlan(
        PROD,
        spec({
          tags: [{ key: 'team', value: 'platform' }],
          managedPolicies: [READ_ONLY, missing, LAMBDA_LOGS],
          inlinePolicy:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:List*","Resource":"*"}]}',
        }),
        TRUST,
      );
      const outcome = await core.roleMaking.create(plan);
      expect(outcome.state).toBe('failed');
      expect(outcome.calls.map((c) => c.state)).toEqual(['done', 'done', 'failed', 'not-run', 'not-run']);
      expect(outcome.error?.message).toBe(
        `Could not attach ${missing}: Policy ${missing} does not exist or is not attachable.`,
      );
      expect(outcome.exists).toEqual(['the role Deployer', 'ReadOnlyAccess attached to it']);
      // The half-made role is in the roles list until it is undone.
      expect((await core.roleListing.roles(PROD)).rows.map((r) => r.name)).toContain('Deployer');

      const undo = await core.roleMaking.undo(PROD, outcome.made);
      expect(undo).toMatchObject({ state: 'undone', left: [] });
      expect(undo.calls.map((c) => [c.summary, c.state])).toEqual([
        ['DetachRolePolicy ReadOnlyAccess', 'done'],
        ['DeleteRole Deployer', 'done'],
      ]);
      const admin = (await core.roleMaking.caller(PROD))?.iam;
      expect(
        await failure(admin?.send(new GetRoleCommand({ RoleName: 'Deployer' })) ?? Promise.resolve()),
      ).toMatchObject({
        name: 'NoSuchEntityException',
      });
      expect((await core.roleListing.roles(PROD)).rows.map((r) => r.name)).not.toContain('Deployer');
    }));

  it('an undo IAM refuses in part says what is left, and why', () =>
    withOwnSandbox(async (own, files) => {
      const core = await prodAdmin(own, files);
      const plan = creationPlan(
        PROD,
        spec({ managedPolicies: [READ_ONLY, `arn:aws:iam::${PROD}:policy/does-not-exist`] }),
        TRUST,
      );
      const outcome = await core.roleMaking.create(plan);
      expect(outcome.state).toBe('failed');
      // Meanwhile someone attaches another policy by hand: IAM will not delete a role holding one.
      own.seeded.world.role(PROD, 'Deployer')?.attachedPolicies.push(LAMBDA_LOGS);
      const undo = await core.roleMaking.undo(PROD, outcome.made);
      expect(undo.state).toBe('partly');
      expect(undo.calls.map((c) => c.state)).toEqual(['done', 'failed']);
      expect(undo.left).toEqual([
        'the role Deployer: Could not DeleteRole Deployer: Cannot delete entity, must detach all policies first.',
      ]);
      const admin = (await core.roleMaking.caller(PROD))?.iam;
      const attached = await admin?.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Deployer' }));
      expect(attached?.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([LAMBDA_LOGS]);
    }));

  it('stops between calls when told, with what it made so far', () =>
    withOwnSandbox(async (own, files) => {
      const core = await prodAdmin(own, files);
      const stop = new AbortController();
      const plan = creationPlan(PROD, spec({ managedPolicies: [READ_ONLY, LAMBDA_LOGS] }), TRUST);
      const outcome = await core.roleMaking.create(plan, {
        signal: stop.signal,
        // Stopped while the first attach is under way: it finishes, the next never starts.
        onProgress: (calls) => calls[1]?.state === 'running' && stop.abort(),
      });
      expect(outcome.state).toBe('stopped');
      expect(outcome.calls.map((c) => c.state)).toEqual(['done', 'done', 'not-run']);
      expect(outcome.exists).toEqual(['the role Deployer', 'ReadOnlyAccess attached to it']);
    }));
});

describe('a call whose outcome is unknown', () => {
  it('a CreateRole IAM made whose answer was lost (the retry met the role) is counted as made, may exist, and undone', () =>
    withOwnSandbox(async (own, files) => {
      const core = await prodAdmin(own, files);
      const iam = (await core.roleMaking.caller(PROD))?.iam;
      if (!iam) throw new Error('no prod caller');
      // Inside the SDK's retries: the first CreateRole reaches IAM, then its connection is reset
      // as if the answer was lost on the way back; the SDK retries, and IAM says the role exists.
      let lost = 0;
      iam.middlewareStack.add(
        (next, context) => async (args) => {
          const answer = await next(args);
          if (context.commandName === 'CreateRoleCommand' && lost++ === 0) {
            throw Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' });
          }
          return answer;
        },
        { step: 'finalizeRequest', name: 'loseTheFirstAnswer' },
      );
      const plan = creationPlan(PROD, spec({ managedPolicies: [READ_ONLY] }), TRUST);
      const outcome = await core.roleMaking.create(plan);
      expect(outcome.state).toBe('failed');
      expect(outcome.calls.map((c) => c.state)).toEqual(['failed', 'not-run']);
      expect(outcome.error?.aws).toMatch(/already exists/);
      expect(own.seeded.world.role(PROD, 'Deployer')).toBeDefined();
      expect(outcome.exists).toEqual(['the role Deployer (may exist: read the roles again)']);
      const undo = await core.roleMaking.undo(PROD, outcome.made);
      expect(undo).toMatchObject({ state: 'undone', left: [] });
      expect(own.seeded.world.role(PROD, 'Deployer')).toBeUndefined();
    }));

  it('never deletes a role of that name that holds another trust policy: it may be someone else’s', () =>
    withOwnSandbox(async (own, files) => {
      const core = await prodAdmin(own, files);
      const iam = (await core.roleMaking.caller(PROD))?.iam;
      if (!iam) throw new Error('no prod caller');
      // The first CreateRole times out before IAM acts, as far as anyone can tell; meanwhile
      // another person makes a role of that name, with a trust policy of their own.
      const theirs = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      });
      iam.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'CreateRoleCommand') {
            own.seeded.world.addRole(PROD, 'Deployer', theirs, {});
            throw Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' });
          }
          return next(args);
        },
        { step: 'initialize', name: 'someoneElseFirst' },
      );
      const plan = creationPlan(PROD, spec({}), TRUST);
      const outcome = await core.roleMaking.create(plan);
      expect(outcome.exists).toEqual(['the role Deployer (may exist: read the roles again)']);
      const undo = await core.roleMaking.undo(PROD, outcome.made);
      expect(undo.state).toBe('partly');
      expect(undo.left).toEqual([
        'a role named Deployer, which is not the one this run sent (its trust policy is another): it is left as it is',
      ]);
      expect(own.seeded.world.role(PROD, 'Deployer')?.trustPolicy).toBe(theirs);
    }));

  it('an attach whose connection is reset every time may exist; the undo takes what is not there as removed', async () => {
    const own = await startTestSandbox({ fault: parseFault('reset:AttachRolePolicy') as Fault });
    const files = writeSandboxAwsFiles(own.seeded, own.endpoint);
    try {
      const core = await prodAdmin(own, files);
      const plan = creationPlan(PROD, spec({ managedPolicies: [READ_ONLY, LAMBDA_LOGS] }), TRUST);
      const outcome = await core.roleMaking.create(plan);
      expect(outcome.state).toBe('failed');
      expect(outcome.calls.map((c) => c.state)).toEqual(['done', 'failed', 'not-run']);
      expect(outcome.error?.kind).toBe('connection-reset');
      expect(outcome.exists).toEqual([
        'the role Deployer',
        'ReadOnlyAccess attached to it (may exist: read the roles again)',
      ]);
      const undo = await core.roleMaking.undo(PROD, outcome.made);
      expect(undo).toMatchObject({ state: 'undone', left: [] });
      expect(undo.calls.map((c) => [c.summary, c.state])).toEqual([
        ['DetachRolePolicy ReadOnlyAccess', 'done'],
        ['DeleteRole Deployer', 'done'],
      ]);
      expect(own.seeded.world.role(PROD, 'Deployer')).toBeUndefined();
    } finally {
      files.remove();
      await own.close();
    }
  });
});
