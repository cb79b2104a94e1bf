// Condition operators as IAM evaluates them. Within one test the policy's values are ORed (for a
// negated operator: the request value must match none of them); a key missing from the request
// fails a positive operator, satisfies a negated one, satisfies ...IfExists, and is what Null
// asks about. ForAnyValue/ForAllValues compare a multi-valued key value by value.
// Source: IAM User Guide, reference_policies_elements_condition_operators.md and
// reference_policies_condition-single-vs-multi-valued-context-keys.md.
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { contextValues } from './context';
import type { ConditionTest } from './document';
import type { PolicyRequest } from './request';
import { substituteVariables } from './variables';
import { matchesWildcard } from './wildcard';

export type ConditionOutcome =
  | { result: true }
  | { result: false; reason: 'missing' | 'mismatch' | 'unreadable'; actual?: readonly string[] };

const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

export function evaluateCondition(
  test: ConditionTest,
  request: PolicyRequest,
  variables: boolean,
): ConditionOutcome {
  const actual = contextValues(request, test.key);
  if (test.operator === 'Null') {
    const wantsAbsent = test.values.some((v) => v.toLowerCase() === 'true');
    const wantsPresent = test.values.some((v) => v.toLowerCase() === 'false');
    const absent = actual === undefined || actual.length === 0;
    return (absent ? wantsAbsent : wantsPresent) ? { result: true } : fail('mismatch', actual);
  }
  const negated = NEGATED.has(test.operator);
  if (actual === undefined || (actual.length === 0 && test.set !== 'ForAllValues')) {
    if (test.set === 'ForAllValues' || test.ifExists) return { result: true };
    if (test.set === 'ForAnyValue') return fail('missing');
    return negated ? { result: true } : fail('missing');
  }
  const policyValues = test.values.map((v) => substituteVariables(v, request, variables));
  const one = (value: string) => valueMatches(test.operator, value, policyValues);
  let result: boolean | undefined;
  if (test.set === 'ForAllValues') result = actual.every((v) => one(v) === true);
  else if (test.set === 'ForAnyValue') result = actual.some((v) => one(v) === true);
  else result = actual.some((v) => one(v) === true);
  if (actual.some((v) => one(v) === undefined) && !result) return fail('unreadable', actual);
  return result ? { result: true } : fail('mismatch', actual);
}

function fail(reason: 'missing' | 'mismatch' | 'unreadable', actual?: readonly string[]): ConditionOutcome {
  return actual ? { result: false, reason, actual } : { result: false, reason };
}

/**
 * One request value against the policy's values: true, false, or undefined when the value
 * cannot be read for this operator (a date that is not a date), which never matches.
 */
function valueMatches(operator: string, value: string, policy: readonly string[]): boolean | undefined {
  switch (operator) {
    case 'StringEquals':
      return policy.includes(value);
    case 'StringNotEquals':
      return !policy.includes(value);
    case 'StringEqualsIgnoreCase':
      return policy.some((p) => p.toLowerCase() === value.toLowerCase());
    case 'StringNotEqualsIgnoreCase':
      return !policy.some((p) => p.toLowerCase() === value.toLowerCase());
    case 'StringLike':
      return policy.some((p) => matchesWildcard(p, value));
    case 'StringNotLike':
      return !policy.some((p) => matchesWildcard(p, value));
    case 'Bool':
      return policy.some((p) => p.toLowerCase() === value.toLowerCase());
    case 'BinaryEquals':
      return policy.includes(value);
    case 'ArnEquals':
    case 'ArnLike':
      return policy.some((p) => arnMatches(p, value));
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return !policy.some((p) => arnMatches(p, value));
    case 'IpAddress':
    case 'NotIpAddress': {
      const inRange = ipInAny(value, policy);
      if (inRange === undefined) return undefined;
      return operator === 'IpAddress' ? inRange : !inRange;
    }
  }
  if (operator.startsWith('Numeric'))
    return compareAll(operator.slice(7), parseNumber(value), policy.map(parseNumber));
  if (operator.startsWith('Date'))
    return compareAll(operator.slice(4), parseDate(value), policy.map(parseDate));
  return undefined;
}

function compareAll(
  comparison: string,
  value: number | undefined,
  policy: Array<number | undefined>,
): boolean | undefined {
  if (value === undefined) return undefined;
  const readable = policy.filter((p): p is number => p !== undefined);
  const test = (p: number) => {
    switch (comparison) {
      case 'Equals':
        return value === p;
      case 'NotEquals':
        return value !== p;
      case 'LessThan':
        return value < p;
      case 'LessThanEquals':
        return value <= p;
      case 'GreaterThan':
        return value > p;
      case 'GreaterThanEquals':
        return value >= p;
    }
    return false;
  };
  return comparison === 'NotEquals' ? readable.every(test) : readable.some(test);
}

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** ISO 8601 dates and times, or epoch seconds, as IAM accepts them. */
function parseDate(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? undefined : time;
}

/** ARNs compare part by part (six colon-separated parts, the last may hold colons), with wildcards in each. */
function arnMatches(pattern: string, value: string): boolean {
  const p = splitArn(pattern);
  const v = splitArn(value);
  if (!p || !v) return false;
  return p.every((part, i) => matchesWildcard(part, v[i] ?? ''));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function ipInAny(value: string, ranges: readonly string[]): boolean | undefined {
  const family = isIPv4(value) ? 'ipv4' : isIPv6(value) ? 'ipv6' : undefined;
  if (!family) return undefined;
  const list = new BlockList();
  for (const range of ranges) {
    const [address = '', bits] = range.split('/');
    const rangeFamily = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
    if (!rangeFamily) continue;
    const prefix = bits === undefined ? (rangeFamily === 'ipv4' ? 32 : 128) : Number(bits);
    try {
      list.addSubnet(address, prefix, rangeFamily);
    } catch {
      // A range that cannot be read ("10.0.0.0/99") matches nothing, as AWS treats it.
    }
  }
  return list.check(value, family);
}
