// The `/` filter: what a person typing a few letters of a role or account finds, and in what order.
import { describe, expect, it } from 'vitest';
import { fuzzyFilter } from '../../../src/filter/fuzzy-filter';

interface Role {
  name: string;
  account: string;
}

const roles: Role[] = [
  { name: 'ReadOnly', account: 'prod' },
  { name: 'Admin', account: 'prod' },
  { name: 'BreakGlass', account: 'prod' },
  { name: 'DeveloperAdmin', account: 'dev' },
  { name: 'Deployer', account: 'dev' },
  { name: 'VendorAudit', account: 'prod' },
];
const filter = fuzzyFilter(roles, (role) => `${role.account}/${role.name}`);
const names = (query: string) => filter.find(query).map((match) => match.item.name);

describe('the fuzzy filter', () => {
  it('keeps everything, in its own order, for an empty query', () => {
    expect(names('')).toEqual(roles.map((role) => role.name));
    expect(names('   ')).toEqual(roles.map((role) => role.name));
  });

  it('finds letters in order, not only a substring, best match first', () => {
    expect(names('admin')).toEqual(['Admin', 'DeveloperAdmin']);
    expect(names('pbg')).toEqual(['BreakGlass']);
    expect(names('dvdpl')).toEqual(['Deployer']);
    expect(names('zzz')).toEqual([]);
  });

  it('puts the shorter of two equally good matches first, as the fzf command does', () => {
    const policies = ['AWSCloudTrail_ReadOnlyAccess', 'AWSLambda_ReadOnlyAccess', 'ReadOnlyAccess'];
    const byName = fuzzyFilter(policies, (name) => name);
    expect(byName.find('ReadOnlyAccess').map((match) => match.item)).toEqual([
      'ReadOnlyAccess',
      'AWSLambda_ReadOnlyAccess',
      'AWSCloudTrail_ReadOnlyAccess',
    ]);
  });

  it('ignores case unless the query has a capital, as fzf does', () => {
    expect(names('readonly')).toEqual(['ReadOnly']);
    expect(names('Readonly')).toEqual([]);
    expect(names('ReadOnly')).toEqual(['ReadOnly']);
  });

  it('says which characters matched, for highlighting', () => {
    const [match] = filter.find('glass');
    expect(match?.item.name).toBe('BreakGlass');
    // "prod/BreakGlass": G-l-a-s-s are characters 10 to 14.
    expect([...(match?.positions ?? [])].sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14]);
  });
});
