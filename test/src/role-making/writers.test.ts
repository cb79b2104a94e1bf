// Who writes IAM in an account, against the sandbox over HTTP: dev's roles are listed by the
// read-only dev-developer, yet a role is made and a trust policy changed through a live admin
// session there; a session IAM refuses is passed over for the next, and the page says who made it.
import { describe, expect, it } from 'vitest';
import { creationPlan } from '../../../src/role-making/creation-plan';
import { emptyRoleSpec } from '../../../src/role-making/role-spec';
import { sandboxVariables } from '../../../src/sandbox/local';
import { DEV, IDENTITY } from '../../../src/sandbox/seed';
import { answerWith, coreUnderTest, withOwnSandbox } from '../../helpers/core-under-test';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${IDENTITY}:root` }, Action: 'sts:AssumeRole' },
  ],
});

describe('the writers of an account', () => {
  it('a read-only lister does not stop a live admin session from creating and editing', () =>
    withOwnSandbox(async (own, files) => {
      const { core, mfa } = coreUnderTest(sandboxVariables(own.endpoint, files));
      answerWith(mfa, [() => own.aliceCode()]);
      const { rows, iam } = await core.roleListing.roles(DEV);
      expect(iam).toMatchObject({ state: 'listed', via: 'profile dev-developer' });
      // Then alice assumes a read-only role and dev's admin role, in that order.
      for (const name of ['dev-readonly-via-developer', 'dev-admin']) {
        const row = rows.find((r) => r.profile?.name === name);
        if (!row) throw new Error(`no ${name} row`);
        await core.assuming.assume(row, await core.assuming.defaults(row));
      }
      const writers: string[] = [];
      for await (const writer of core.roleListing.writers(DEV)) writers.push(writer.via);
      // The live sessions first, then the lister, then the others.
      expect(writers.slice(0, 3)).toEqual([
        'session dev-readonly-via-developer',
        'session dev-admin',
        'profile dev-developer',
      ]);
      expect((await core.roleMaking.caller(DEV))?.via).toBe('session dev-readonly-via-developer');

      const plan = creationPlan(DEV, { ...emptyRoleSpec(), name: 'Builder' }, TRUST);
      const outcome = await core.roleMaking.create(plan);
      expect(outcome).toMatchObject({
        state: 'created',
        via: 'session dev-admin',
        refused: ['session dev-readonly-via-developer'],
      });
      expect(own.seeded.world.role(DEV, 'Builder')).toBeDefined();

      const built = (await core.roleListing.roles(DEV)).rows.find((r) => r.name === 'Builder');
      if (!built) throw new Error('Builder is not listed');
      const withMfa = JSON.stringify({
        ...JSON.parse(TRUST),
        Statement: [
          {
            ...JSON.parse(TRUST).Statement[0],
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      });
      expect(await core.roleListing.updateTrustPolicy(built, withMfa, { expected: TRUST })).toEqual({
        via: 'session dev-admin',
      });
      expect(JSON.parse(own.seeded.world.role(DEV, 'Builder')?.trustPolicy ?? '')).toEqual(
        JSON.parse(withMfa),
      );
    }));
});
