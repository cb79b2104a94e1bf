import { describe, expect, it } from 'vitest';
import { matchesWildcard } from '../../../src/policy/wildcard';

describe('IAM wildcards', () => {
  it.each([
    ['sts:*', 'sts:AssumeRole', true],
    ['sts:Assume?ole', 'sts:AssumeRole', true],
    ['sts:Assume?', 'sts:AssumeRole', false],
    ['*', '', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['*.example.com', 'bob@mail.example.com', true],
    ['dev-*', 'dev-', true],
    ['x', 'X', false],
    ['a.b', 'aXb', false],
    ['(re)+', '(re)+', true],
  ])('%j against %j: %s', (pattern, value, expected) => {
    expect(matchesWildcard(pattern, value)).toBe(expected);
  });

  it('compares action names ignoring case when asked', () => {
    expect(matchesWildcard('STS:assume*', 'sts:AssumeRole', true)).toBe(true);
    expect(matchesWildcard('STS:assume*', 'sts:AssumeRole')).toBe(false);
  });

  it('answers a pattern chosen to make a backtracking matcher explode', () => {
    // A backtracking matcher would not finish this within the test's timeout.
    expect(matchesWildcard('*a*a*a*a*a*a*a*b', 'a'.repeat(1224))).toBe(false);
    expect(matchesWildcard('*a*a*a*a*a*a*a*b', `${'a'.repeat(1224)}b`)).toBe(true);
  });
});
