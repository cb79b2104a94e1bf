// The rows of an account's roles screen: one per role profile, one per role IAM lists that no
// profile names, sorted as the console sorts them; and IAM Identity Center's permission sets,
// whose role in IAM is their row, not one of its own.
import { describe, expect, it } from 'vitest';
import type { RoleSummary } from '../../../src/aws/iam-browse';
import type { Profile } from '../../../src/profiles/profile';
import { permissionSetOf, roleRows } from '../../../src/role-listing/role-rows';

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

  describe('with IAM Identity Center', () => {
    const setRole = (set: string, path = '/aws-reserved/sso.amazonaws.com/'): RoleSummary => ({
      ...iam(`AWSReservedSSO_${set}_4f2a9c1e7b3d5a60`),
      path,
      arn: `arn:aws:iam::222222222222:role${path}AWSReservedSSO_${set}_4f2a9c1e7b3d5a60`,
    });

    it('knows a set’s role by its path and name, in a region’s path too, and nothing else', () => {
      expect(permissionSetOf(setRole('DeveloperAccess'))).toBe('DeveloperAccess');
      expect(permissionSetOf(setRole('Data_Team', '/aws-reserved/sso.amazonaws.com/eu-west-1/'))).toBe(
        'Data_Team',
      );
      // The name alone is anyone's to give a role.
      expect(permissionSetOf(setRole('DeveloperAccess', '/'))).toBeUndefined();
      expect(
        permissionSetOf({ name: 'AWSReservedSSO_X', path: '/aws-reserved/sso.amazonaws.com/' }),
      ).toBeUndefined();
    });

    it('are one row per set: a profile’s first, the portal’s only where no profile names it', () => {
      const rows = roleRows(
        '222222222222',
        [],
        [],
        [
          { login: 'corp', roleName: 'DeveloperAccess', profile: 'dev-sso', portal: 'given' },
          { login: 'corp', roleName: 'DeveloperAccess', portal: 'given' },
          { login: 'corp', roleName: 'ReadOnlyAccess', portal: 'given' },
        ],
      );
      expect(rows.map((r) => [r.name, r.key, r.sso?.profile])).toEqual([
        ['DeveloperAccess', 'profile dev-sso', 'dev-sso'],
        ['ReadOnlyAccess', 'sso corp ReadOnlyAccess', undefined],
      ]);
      // Before IAM names the set's role, its ARN says only the pattern it has.
      expect(rows[1]?.arn).toBe(
        'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnlyAccess_*',
      );
    });

    it('take the set’s role from IAM’s list, which is then no row of its own', () => {
      const rows = roleRows(
        '222222222222',
        [],
        [setRole('DeveloperAccess'), iam('Admin')],
        [{ login: 'corp', roleName: 'DeveloperAccess', portal: 'given' }],
      );
      expect(rows.map((r) => [r.name, Boolean(r.sso), r.arn])).toEqual([
        ['Admin', false, 'arn:aws:iam::222222222222:role/Admin'],
        [
          'DeveloperAccess',
          true,
          'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DeveloperAccess_4f2a9c1e7b3d5a60',
        ],
      ]);
    });

    it('make a set’s role no one names a set row of the login here, or leave it an IAM row with none', () => {
      const through = roleRows('222222222222', [], [setRole('BillingAccess')], [], {
        login: 'corp',
        portal: 'login-needed',
      });
      expect(through.map((r) => [r.name, r.sso?.portal])).toEqual([['BillingAccess', 'login-needed']]);
      const none = roleRows('222222222222', [], [setRole('BillingAccess')], []);
      expect(none.map((r) => [r.name, r.sso])).toEqual([
        ['AWSReservedSSO_BillingAccess_4f2a9c1e7b3d5a60', undefined],
      ]);
    });
  });
});
