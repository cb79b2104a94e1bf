// A policy document as AWS accepts it, read into a normal form: every list a list, every
// principal sorted by kind, every condition a flat list of tests. Reading never throws: what is
// wrong comes back as problems, each with the JSON path where it is. One file, as AWS's policy
// grammar is one page: statements, principals and conditions are read together.

export type Effect = 'Allow' | 'Deny';

export interface PrincipalSet {
  /** Account IDs, root/user/role/assumed-role ARNs, unique IDs, or "*". */
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
}

export type Principal = '*' | PrincipalSet;

export interface ConditionTest {
  /** As written: "StringEqualsIfExists", "ForAnyValue:StringLike". */
  written: string;
  /** The base operator: "StringEquals", "Null", "Bool". */
  operator: string;
  ifExists: boolean;
  set?: 'ForAnyValue' | 'ForAllValues';
  /** The context key as written (keys compare case-insensitively). */
  key: string;
  values: string[];
}

export interface Statement {
  /** Position in the Statement list, from 0. */
  index: number;
  sid?: string;
  effect: Effect;
  principal?: Principal;
  notPrincipal?: Principal;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  conditions: ConditionTest[];
}

export interface PolicyDocument {
  version?: string;
  statements: Statement[];
}

export interface PolicyProblem {
  /** Where in the document: "$.Statement[0].Principal.AWS[1]". */
  path: string;
  message: string;
  /** The offending value, where there is one (a principal, an action). */
  value?: string;
}

/** A principal IAM shows by unique ID: the user or role it named was deleted. */
export interface DanglingPrincipal {
  path: string;
  statementIndex: number;
  id: string;
  kind: 'user' | 'role' | 'unknown';
}

export interface ParsedPolicy {
  policy?: PolicyDocument;
  problems: PolicyProblem[];
  dangling: DanglingPrincipal[];
}

export const OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
]);

const PARTITION = '(aws|aws-cn|aws-us-gov)';
const ACCOUNT = /^\d{12}$/;
const AWS_PRINCIPAL_ARN = new RegExp(
  `^arn:${PARTITION}:(iam::\\d{12}:(root|user/[\\x21-\\x7E]+|role/[\\x21-\\x7E]+)|sts::\\d{12}:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+)$`,
);
/** IAM's unique IDs: AIDA for a user, AROA for a role (then 17 more characters). */
const UNIQUE_ID = /^A(IDA|ROA|[A-Z]{3})[A-Z0-9]{13,}$/;

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

/** Reads a policy from its JSON text (URL-encoded text, as IAM returns it, is decoded first) or a parsed value. */
export function parsePolicy(input: string | unknown): ParsedPolicy {
  const problems: PolicyProblem[] = [];
  const dangling: DanglingPrincipal[] = [];
  let value = input;
  if (typeof input === 'string') {
    const text = /^\s*%7B/i.test(input) ? safeDecode(input) : input;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { problems: [{ path: '$', message: `not JSON: ${(error as Error).message}` }], dangling };
    }
  }
  if (!isObject(value))
    return { problems: [{ path: '$', message: 'a policy must be a JSON object' }], dangling };

  const version = value.Version;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
    problems.push({
      path: '$.Version',
      message: `Version must be "2012-10-17" (or the old "2008-10-17"), not ${show(version)}`,
    });
  }
  for (const key of Object.keys(value)) {
    if (!['Version', 'Id', 'Statement'].includes(key))
      problems.push({ path: `$.${key}`, message: `unknown element ${key}` });
  }
  const raw = value.Statement;
  if (raw === undefined) {
    problems.push({ path: '$.Statement', message: 'a policy needs a Statement' });
    return { problems, dangling };
  }
  const list = Array.isArray(raw) ? raw : [raw];
  const path = (i: number) => (Array.isArray(raw) ? `$.Statement[${i}]` : '$.Statement');
  const statements = list.map((s, i) => readStatement(s, i, path(i), problems, dangling));
  const policy: PolicyDocument = {
    ...(typeof version === 'string' ? { version } : {}),
    statements: statements.filter((s): s is Statement => s !== undefined),
  };
  return { policy, problems, dangling };
}

function readStatement(
  raw: unknown,
  index: number,
  path: string,
  problems: PolicyProblem[],
  dangling: DanglingPrincipal[],
): Statement | undefined {
  if (!isObject(raw)) {
    problems.push({ path, message: 'a statement must be a JSON object' });
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(key))
      problems.push({ path: `${path}.${key}`, message: `unknown element ${key}` });
  }
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    problems.push({
      path: `${path}.Effect`,
      message: `Effect must be "Allow" or "Deny", not ${show(effect)}`,
    });
  }
  const statement: Statement = {
    index,
    effect: effect === 'Deny' ? 'Deny' : 'Allow',
    conditions: readConditions(raw.Condition, `${path}.Condition`, problems),
  };
  if (typeof raw.Sid === 'string') statement.sid = raw.Sid;
  else if (raw.Sid !== undefined) problems.push({ path: `${path}.Sid`, message: 'Sid must be a string' });

  pairOf(raw, 'Principal', 'NotPrincipal', path, problems, false);
  if (raw.Principal !== undefined) {
    statement.principal = readPrincipal(raw.Principal, `${path}.Principal`, index, problems, dangling);
  }
  if (raw.NotPrincipal !== undefined) {
    statement.notPrincipal = readPrincipal(
      raw.NotPrincipal,
      `${path}.NotPrincipal`,
      index,
      problems,
      dangling,
    );
  }
  pairOf(raw, 'Action', 'NotAction', path, problems, true);
  if (raw.Action !== undefined) statement.action = readActions(raw.Action, `${path}.Action`, problems);
  if (raw.NotAction !== undefined)
    statement.notAction = readActions(raw.NotAction, `${path}.NotAction`, problems);
  pairOf(raw, 'Resource', 'NotResource', path, problems, false);
  if (raw.Resource !== undefined)
    statement.resource = readStrings(raw.Resource, `${path}.Resource`, problems);
  if (raw.NotResource !== undefined)
    statement.notResource = readStrings(raw.NotResource, `${path}.NotResource`, problems);
  return statement;
}

/** An element and its Not- twin: never both, and (for Action) one of them. */
function pairOf(
  raw: Record<string, unknown>,
  element: string,
  negated: string,
  path: string,
  problems: PolicyProblem[],
  required: boolean,
) {
  if (raw[element] !== undefined && raw[negated] !== undefined) {
    problems.push({
      path: `${path}.${negated}`,
      message: `a statement cannot have both ${element} and ${negated}`,
    });
  } else if (required && raw[element] === undefined && raw[negated] === undefined) {
    problems.push({ path: `${path}.${element}`, message: `a statement needs ${element} or ${negated}` });
  }
}

function readPrincipal(
  raw: unknown,
  path: string,
  statementIndex: number,
  problems: PolicyProblem[],
  dangling: DanglingPrincipal[],
): Principal {
  if (raw === '*') return '*';
  const set: PrincipalSet = { aws: [], service: [], federated: [], canonicalUser: [] };
  if (!isObject(raw)) {
    problems.push({ path, message: 'Principal must be "*" or an object such as {"AWS": "111122223333"}' });
    return set;
  }
  const kinds: Record<string, keyof PrincipalSet> = {
    AWS: 'aws',
    Service: 'service',
    Federated: 'federated',
    CanonicalUser: 'canonicalUser',
  };
  for (const [key, value] of Object.entries(raw)) {
    const kind = kinds[key];
    if (!kind) {
      problems.push({
        path: `${path}.${key}`,
        message: `unknown principal type ${key} (use AWS, Service or Federated)`,
      });
      continue;
    }
    const values = readStrings(value, `${path}.${key}`, problems);
    values.forEach((v, i) => {
      const at = Array.isArray(value) ? `${path}.${key}[${i}]` : `${path}.${key}`;
      if (v !== '*' && v.includes('*')) {
        problems.push({ path: at, message: `a principal cannot hold a partial wildcard: ${v}`, value: v });
      } else if (kind === 'aws' && v !== '*' && !ACCOUNT.test(v) && !AWS_PRINCIPAL_ARN.test(v)) {
        if (UNIQUE_ID.test(v)) {
          dangling.push({
            path: at,
            statementIndex,
            id: v,
            kind: v.startsWith('AIDA') ? 'user' : v.startsWith('AROA') ? 'role' : 'unknown',
          });
        } else {
          problems.push({
            path: at,
            message: `not an AWS principal (an account ID or an IAM ARN): ${v}`,
            value: v,
          });
        }
      }
    });
    set[kind].push(...values);
  }
  return set;
}

function readActions(raw: unknown, path: string, problems: PolicyProblem[]): string[] {
  const actions = readStrings(raw, path, problems);
  actions.forEach((action, i) => {
    if (action !== '*' && !/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/.test(action)) {
      problems.push({
        path: Array.isArray(raw) ? `${path}[${i}]` : path,
        message: `not an action (service:Action, e.g. sts:AssumeRole): ${action}`,
      });
    }
  });
  return actions;
}

function readConditions(raw: unknown, path: string, problems: PolicyProblem[]): ConditionTest[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) {
    problems.push({ path, message: 'Condition must be an object of operators' });
    return [];
  }
  const tests: ConditionTest[] = [];
  for (const [written, block] of Object.entries(raw)) {
    const at = `${path}.${written}`;
    const match = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(written);
    const operator = match?.[2] ?? written;
    if (!OPERATORS.has(operator) || (operator === 'Null' && match?.[3])) {
      problems.push({ path: at, message: `unknown condition operator ${written}` });
      continue;
    }
    if (!isObject(block)) {
      problems.push({ path: at, message: `${written} must be an object of condition keys` });
      continue;
    }
    for (const [key, value] of Object.entries(block)) {
      const values = readScalars(value, `${at}.${key}`, problems);
      tests.push({
        written,
        operator,
        ifExists: Boolean(match?.[3]),
        ...(match?.[1] ? { set: match[1] as ConditionTest['set'] } : {}),
        key,
        values,
      });
    }
  }
  return tests;
}

function readStrings(raw: unknown, path: string, problems: PolicyProblem[]): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  const strings: string[] = [];
  list.forEach((v, i) => {
    if (typeof v === 'string') strings.push(v);
    else
      problems.push({
        path: Array.isArray(raw) ? `${path}[${i}]` : path,
        message: `expected a string, not ${show(v)}`,
      });
  });
  return strings;
}

/** Condition values may be strings, numbers or booleans; IAM compares them as text. */
function readScalars(raw: unknown, path: string, problems: PolicyProblem[]): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  const values: string[] = [];
  list.forEach((v, i) => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values.push(String(v));
    else
      problems.push({
        path: Array.isArray(raw) ? `${path}[${i}]` : path,
        message: `expected a value, not ${show(v)}`,
      });
  });
  return values;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
