// The `/` filter: what a person typing a few letters of a role or account finds, and in what order.
import { byLengthAsc, Fzf } from 'fzf';
import { describe, expect, it } from 'vitest';
import { type FilterMatch, fuzzyFilter } from '../../../src/filter/fuzzy-filter';

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

// What fzf itself gives (as this filter did before matching ASCII names itself): the same
// items, in the same order, with the same positions, is what a person must see.
function fzfItself(names: readonly string[]) {
  const fzf = new Fzf(names, {
    fuzzy: 'v1',
    casing: 'smart-case',
    limit: Number.POSITIVE_INFINITY,
    tiebreakers: [byLengthAsc],
  });
  return (query: string) =>
    query.trim() === ''
      ? names.map((item) => ({ item, positions: [] as number[] }))
      : fzf.find(query.trim()).map((entry) => ({
          item: entry.item,
          positions: [...entry.positions].sort((a, b) => a - b),
        }));
}
const found = <T>(matches: readonly FilterMatch<T>[]) =>
  matches.map((match) => ({ item: match.item, positions: [...match.positions].sort((a, b) => a - b) }));

// Names shaped like an account's roles (paths, teams, numbers, CamelCase, profile names), a few
// with accents and other scripts that fzf itself matches, and many equally good matches.
const teams = ['payments', 'search', 'identity', 'platform', 'data', 'ml'];
const purposes = ['Admin', 'ReadOnly', 'Deployer', 'DeveloperAdmin', 'Auditor', 'BreakGlass', 'x'];
const manyRoles = Array.from({ length: 1500 }, (_, i) => {
  const name = `${purposes[(i * 3) % purposes.length]}-${teams[(i * 5) % teams.length]}-${String(i).padStart(5, '0')}`;
  const path = i % 3 === 0 ? '/' : `/${teams[i % teams.length]}/`;
  return i % 5 === 0 ? `${name} ${path} profile ${teams[i % teams.length]}_${i}` : `${name} ${path}`;
}).concat(['Café-Admin /', 'Ärzte-ReadOnly /ops/', 'データ-Admin /', 'Kelvin-\u212Aey /', 'a  b', '']);
const queries = [
  'a',
  'ad',
  'admin',
  'Admin',
  'ADMIN',
  'readonly',
  'ReadOnly',
  'dev',
  'dvlpr',
  '0',
  '00',
  '0042',
  '123',
  '-',
  '/',
  '/payments/',
  'pay 12',
  'a  b',
  'x-ml',
  'profile',
  'zz',
  'e',
  'cafe',
  'café',
  'arzte',
  'Ärzte',
  'データ',
  'kelvin-k',
  'kelvin-\u212A',
  'generated/00',
  ' admin ',
];

describe('the fuzzy filter, against fzf itself', () => {
  it('finds the same names, in the same order, with the same positions, for every query', () => {
    const ours = fuzzyFilter(manyRoles, (name) => name);
    const theirs = fzfItself(manyRoles);
    for (const query of queries) expect(found(ours.find(query)), query).toEqual(theirs(query));
  });

  it('ranks as fzf does where names differ only in case, digits and separators', () => {
    // A fixed pseudo-random sequence: names and queries that make every bonus of fzf's score
    // decide an order somewhere (camel case, digits, boundaries, gaps), each run the same.
    let seed = 15;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    const alphabet = 'aAbBcCdD0123_-/. ';
    const word = (length: number) => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    const names = Array.from({ length: 800 }, () => word(3 + random(25)));
    const ours = fuzzyFilter(names, (name) => name);
    const theirs = fzfItself(names);
    for (let i = 0; i < 300; i++) {
      const query = word(1 + random(4)).toLowerCase();
      expect(found(ours.find(query)), JSON.stringify(query)).toEqual(theirs(query));
      const cased = word(1 + random(3));
      expect(found(ours.find(cased)), JSON.stringify(cased)).toEqual(theirs(cased));
    }
  });

  it('finds the same again for a query typed before (kept), and after others pushed it out', () => {
    const ours = fuzzyFilter(manyRoles, (name) => name);
    const theirs = fzfItself(manyRoles);
    // Typed and taken back, as a person does: each prefix twice, then all queries twice over.
    const typed = ['d', 'de', 'dev', 'de', 'd', '', 'd', ...queries, ...queries];
    for (const query of typed) expect(found(ours.find(query)), query).toEqual(theirs(query));
  });

  it('gives the list found before, unchanged, when a query is typed again', () => {
    const ours = fuzzyFilter(manyRoles, (name) => name);
    const first = ours.find('admin');
    const names = first.map((match) => match.item);
    // One caller reordering its list changes nothing for the next.
    first.reverse();
    ours.find('adm');
    expect(ours.find('admin').map((match) => match.item)).toEqual(names);
    const kept = ours.matches('admin');
    expect(kept.length).toBe(names.length);
    expect(kept.slice(0, kept.length).map((match) => match.item)).toEqual(names);
  });

  it("reads a query's matches by place, as a screen draws a window of them", () => {
    const ours = fuzzyFilter(manyRoles, (name) => name);
    const all = ours.find('dev');
    const matches = ours.matches('dev');
    expect(matches.length).toBe(all.length);
    expect(found(matches.slice(10, 35))).toEqual(found(all.slice(10, 35)));
    expect(found(matches.slice(all.length - 3, all.length + 5))).toEqual(found(all.slice(all.length - 3)));
    expect(matches.at(7)).toBe(all[7]?.item);
    expect(matches.at(all.length)).toBeUndefined();
    expect(matches.at(-1)).toBeUndefined();
    const target = all[42]?.item;
    // A predicate, as a screen looks for its anchored row by its ID.
    expect(matches.findIndex((item) => item.length > 0 && item === target)).toBe(42);
    expect(matches.findIndex(() => false)).toBe(-1);
    // An empty query: everything, in the list's own order.
    expect(
      ours
        .matches(' ')
        .slice(0, 3)
        .map((match) => match.item),
    ).toEqual(manyRoles.slice(0, 3));
    expect(ours.matches('').length).toBe(manyRoles.length);
  });
});
