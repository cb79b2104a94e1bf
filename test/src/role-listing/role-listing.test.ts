// An account's roles, against the sandbox with its own AWS files: the role profiles merged with
// IAM's list, read through whoever may, and why IAM could not be read when it could not.
import { describe, expect, it } from 'vitest';
import { DEV, PROD } from '../../../src/sandbox/seed';
import { coreUnderTest, sandboxForTheseTests } from '../../helpers/core-under-test';

const shared = sandboxForTheseTests();

describe('the role listing', () => {
  it('lists dev’s roles from IAM through a profile that may, merged with the role profiles', async () => {
    const { core } = coreUnderTest(shared.env);
    const pages: number[] = [];
    const { rows, iam } = await core.roleListing.roles(DEV, { onPage: (n) => pages.push(n) });
    expect(iam).toMatchObject({ state: 'listed' });
    expect(pages.at(-1)).toBe(4);
    // One row per role profile, each carrying what IAM said of its role; one for a role with none.
    const admin = rows.filter((r) => r.arn === `arn:aws:iam::${DEV}:role/Admin`);
    expect(admin.map((r) => r.profile?.name)).toEqual(['dev-admin', 'dev-admin-via-developer']);
    expect(admin.map((r) => r.iam?.maxSessionSeconds)).toEqual([12 * 3600, 12 * 3600]);
    expect(rows.filter((r) => r.name === 'ReadOnly').map((r) => r.profile?.name)).toEqual([
      'dev-readonly-via-developer',
    ]);
    // Sorted by role name, as the console lists them, whatever order IAM sent.
    expect(rows.map((r) => r.name)).toEqual(['Admin', 'Admin', 'Deployer', 'Developer', 'ReadOnly']);
  });

  it('says why prod’s IAM cannot be read before a code, and still lists its role profiles', async () => {
    const { core } = coreUnderTest(shared.env);
    const { rows, iam } = await core.roleListing.roles(PROD);
    expect(iam).toMatchObject({
      state: 'unavailable',
      first: 'assume a role here',
      why: '3 profiles need an MFA code first; profile prod-vendor-audit may not list them.',
    });
    expect(rows.map((r) => r.profile?.name)).toEqual([
      'prod-admin',
      'prod-breakglass',
      'prod-readonly',
      'prod-vendor-audit',
    ]);
  });
});
