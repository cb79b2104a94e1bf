// Changing a role's trust policy through the roles list, against the sandbox over HTTP: the
// change is refused when IAM's document is no longer the one the edit began from, so a change
// made meanwhile is not overwritten blindly.
import { describe, expect, it } from 'vitest';
import { sandboxVariables } from '../../../src/sandbox/local';
import { IDENTITY, PROD } from '../../../src/sandbox/seed';
import { answerWith, coreUnderTest, withOwnSandbox } from '../../helpers/core-under-test';
import { failure } from '../../helpers/sandbox';

const trust = (principal: string, mfa: boolean) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: principal },
      Action: 'sts:AssumeRole',
      ...(mfa ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } : {}),
    },
  ],
});

describe('changing a role’s trust policy', () => {
  it('refuses when IAM’s document changed since it was opened, and saves when it did not', () =>
    withOwnSandbox(async (own, files) => {
      const { core, mfa } = coreUnderTest(sandboxVariables(own.endpoint, files));
      answerWith(mfa, [() => own.aliceCode()]);
      const admin = (await core.roleListing.roles(PROD)).rows.find((r) => r.profile?.name === 'prod-admin');
      if (!admin) throw new Error('no prod-admin row');
      await core.assuming.assume(admin, await core.assuming.defaults(admin));
      const row = (await core.roleListing.roles(PROD, { refresh: true })).rows.find(
        (r) => r.name === 'ReadOnly' || r.name === 'Admin',
      );
      if (!row) throw new Error('no role to edit');
      const opened = (await core.roleListing.detail(row))?.trustPolicy ?? '';
      const role = own.seeded.world.role(PROD, row.name);
      if (!role) throw new Error('no role in the world');
      // Someone changes it in the console meanwhile.
      role.trustPolicy = JSON.stringify(trust(`arn:aws:iam::${IDENTITY}:root`, false));
      const meanwhile = role.trustPolicy;
      const mine = JSON.stringify(trust(`arn:aws:iam::${IDENTITY}:root`, true));
      expect(
        await failure(core.roleListing.updateTrustPolicy(row, mine, { expected: opened })),
      ).toMatchObject({
        name: 'TrustPolicyChanged',
        message: `${row.name}’s trust policy changed since you opened it; read it again.`,
      });
      expect(role.trustPolicy).toBe(meanwhile);

      // Against what IAM holds now, spaced otherwise (compared as JSON, not text), it saves.
      const now = JSON.stringify(JSON.parse(meanwhile), null, 2);
      await core.roleListing.updateTrustPolicy(row, mine, { expected: now });
      expect(JSON.parse(own.seeded.world.role(PROD, row.name)?.trustPolicy ?? '')).toEqual(JSON.parse(mine));
    }));
});
