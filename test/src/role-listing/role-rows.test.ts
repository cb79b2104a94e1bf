// The rows of an account's roles screen: one per role profile, one per role IAM lists that no
// profile names, sorted as the console sorts them.
import { describe, expect, it } from 'vitest';
import type { RoleSummary } from '../../../src/aws/iam-browse';
import type { Profile } from '../../../src/profiles/profile';
import { roleRows } from '../../../src/role-listing/role-rows';

describe('the rows of an account', () => {
  const iam = (name: string): RoleSummary => ({
    name,
    path: '/',
    arn: `arn:aws:iam::222222222222:role/${name}`,
    id: `AROA${name.toUpperCase()}`,
    maxSessionSeconds: 12 * 3600,
    trustPolicy: '{}',
  });
  const profile = (name: string, roleName: string): Profile => ({
    name,
    kind: 'assume-role',
    roleArn: `arn:aws:iam::222222222222:role/${roleName}`,
    sourceProfile: 'alice',
    hasStaticKeys: false,
    hasSessionToken: false,
    definedIn: [],
  });

  it('come sorted by role name whatever order IAM sent them in, as the console lists them', () => {
    const rows = roleRows(
      '222222222222',
      [profile('zeta', 'Deployer')],
      [iam('reader'), iam('Deployer'), iam('Admin'), iam('build')],
    );
    expect(rows.map((r) => r.name)).toEqual(['Admin', 'build', 'Deployer', 'reader']);
  });

  it('are one per profile when two profiles name one role, and one for a role with none', () => {
    const rows = roleRows(
      '222222222222',
      [profile('via-ops', 'Admin'), profile('admin', 'Admin')],
      [iam('Admin'), iam('Developer')],
    );
    expect(rows.map((r) => [r.name, r.profile?.name, r.key])).toEqual([
      ['Admin', 'admin', 'profile admin'],
      ['Admin', 'via-ops', 'profile via-ops'],
      ['Developer', undefined, 'arn:aws:iam::222222222222:role/Developer'],
    ]);
  });
});
