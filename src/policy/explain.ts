// Policies in words: who a trust policy lets in, and why a given caller is or is not let in.
import { formatDuration } from '../duration';
import type { ConditionTest, DanglingPrincipal, PolicyDocument, Principal, Statement } from './document';
import { type Evaluation, evaluatePolicy, type StatementResult } from './evaluate';
import type { PolicyRequest } from './request';

/** What a caller lacks, for the UI to act on (ask for a code, offer the external ID field). */
export type NeedKind = 'mfa' | 'fresh-mfa' | 'external-id' | 'principal' | 'condition';

export interface Need {
  kind: NeedKind;
  /** Statement number as people count, from 1. */
  statement: number;
  text: string;
}

export interface Explanation {
  decision: Evaluation['decision'];
  /** One sentence: the answer. */
  summary: string;
  /** What would make an implicit deny an allow, from the statement that came closest. */
  needs: Need[];
  /** One line per statement: what it is and whether it applied, and why. */
  statements: string[];
}

export function explainPolicy(
  policy: PolicyDocument,
  request: PolicyRequest,
  dangling: readonly DanglingPrincipal[] = [],
): Explanation {
  const evaluation = evaluatePolicy(policy, request);
  const lines = evaluation.statements.map((s) => `${label(s.statement)}: ${statementLine(s)}`);
  const number = (s: StatementResult) => s.statement.index + 1;

  if (evaluation.decision === 'ExplicitDeny') {
    const deny = evaluation.statements.find((s) => s.applies && s.statement.effect === 'Deny');
    const why = deny?.statement.conditions.length
      ? `: it denies requests ${conditionsInWords(deny.statement.conditions)}`
      : '';
    return {
      decision: 'ExplicitDeny',
      summary: `Denied by statement ${deny ? number(deny) : '?'}${why}.`,
      needs: [],
      statements: lines,
    };
  }
  if (evaluation.decision === 'Allow') {
    const allow = evaluation.statements.find((s) => s.applies);
    return {
      decision: 'Allow',
      summary: `Allowed by statement ${allow ? number(allow) : '?'}.`,
      needs: [],
      statements: lines,
    };
  }

  const allows = evaluation.statements.filter(
    (s) => s.statement.effect === 'Allow' && s.actionMatches && s.resourceMatches,
  );
  const named = allows.filter((s) => s.principalMatches !== false);
  if (named.length > 0) {
    // The caller is named; conditions are what stand in the way. Take the statement that needs least.
    const closest = named.reduce((a, b) => (failing(a).length <= failing(b).length ? a : b));
    const needs = failing(closest).map((c) => needFor(c.test, number(closest)));
    const summary = needs.map((n) => n.text).join('; ');
    return { decision: 'ImplicitDeny', summary: `${capitalise(summary)}.`, needs, statements: lines };
  }
  const who = allows.flatMap((s) => (s.statement.principal ? principalWords(s.statement.principal) : []));
  const deleted = dangling.map((d) => deletedPrincipalWords(d));
  const summary = who.length
    ? `Only ${unique(who).join(', ')} may ${actionWords(request.action)}; you are ${callerWords(request)}.`
    : `No statement allows ${request.action} here.`;
  const needs: Need[] = allows.length
    ? [{ kind: 'principal', statement: number(allows[0] as StatementResult), text: summary }]
    : [];
  return {
    decision: 'ImplicitDeny',
    summary: [summary, ...deleted].join(' '),
    needs,
    statements: lines,
  };
}

/** Who a trust policy lets assume the role, one sentence per Allow statement. */
export function describeTrust(policy: PolicyDocument, dangling: readonly DanglingPrincipal[] = []): string[] {
  const sentences = policy.statements.map((s) => {
    const who = s.principal
      ? principalWords(s.principal).join(', ')
      : s.notPrincipal
        ? `everyone except ${principalWords(s.notPrincipal).join(', ')}`
        : 'anyone';
    const what = s.action ? s.action.join(', ') : `anything but ${s.notAction?.join(', ')}`;
    const when = s.conditions.length ? ` ${conditionsInWords(s.conditions)}` : '';
    return `${label(s)} ${s.effect === 'Allow' ? 'allows' : 'denies'} ${who} to ${what}${when}.`;
  });
  return [...sentences, ...dangling.map(deletedPrincipalWords)];
}

export function deletedPrincipalWords(d: DanglingPrincipal): string {
  return `${d.id}: the trusted principal was deleted; statement ${d.statementIndex + 1} matches no one until the ARN is saved again.`;
}

function failing(s: StatementResult) {
  return s.conditions.filter((c) => !c.outcome.result);
}

function needFor(test: ConditionTest, statement: number): Need {
  const key = test.key.toLowerCase();
  const values = test.values.join(' or ');
  if (key === 'aws:multifactorauthpresent') {
    return {
      kind: 'mfa',
      statement,
      text: `needs an MFA code: statement ${statement} requires aws:MultiFactorAuthPresent = ${values}`,
    };
  }
  if (key === 'aws:multifactorauthage') {
    return {
      kind: 'fresh-mfa',
      statement,
      text: `needs an MFA code used within ${ageWords(test)}: statement ${statement} requires aws:MultiFactorAuthAge ${operatorWords(test.operator)} ${values}`,
    };
  }
  if (key === 'sts:externalid') {
    return {
      kind: 'external-id',
      statement,
      text: `needs external ID ${values}: statement ${statement} requires sts:ExternalId`,
    };
  }
  return {
    kind: 'condition',
    statement,
    text: `needs ${test.key} ${operatorWords(test.operator)} ${values} (statement ${statement})`,
  };
}

function statementLine(s: StatementResult): string {
  if (s.applies) return `${s.statement.effect === 'Allow' ? 'allows' : 'denies'} this request`;
  if (s.principalMatches === false) {
    const p = s.statement.principal ?? s.statement.notPrincipal;
    return s.statement.principal && p
      ? `does not name you (it names ${principalWords(p).join(', ')})`
      : 'excludes you by NotPrincipal';
  }
  if (!s.actionMatches)
    return `is about ${(s.statement.action ?? s.statement.notAction ?? []).join(', ')}, not this action`;
  if (!s.resourceMatches) return 'is about other resources';
  const reasons = failing(s).map(({ test, outcome }) =>
    !outcome.result && outcome.reason === 'missing'
      ? `${test.key} is not in the request`
      : `${test.key} is ${outcome.result ? '' : outcome.actual?.join(', ')}, not ${operatorWords(test.operator)} ${test.values.join(' or ')}`,
  );
  return `does not apply: ${reasons.join('; ')}`;
}

function label(s: Statement): string {
  return `Statement ${s.index + 1}${s.sid ? ` (${s.sid})` : ''}`;
}

function principalWords(principal: Principal): string[] {
  if (principal === '*') return ['anyone'];
  return [
    ...principal.aws.map(awsPrincipalWords),
    ...principal.service.map((s) => `the service ${s}`),
    ...principal.federated.map((f) => `users signed in through ${f}`),
    ...principal.canonicalUser.map((c) => `canonical user ${c}`),
  ];
}

function awsPrincipalWords(entry: string): string {
  if (entry === '*') return 'anyone';
  const account = /^(\d{12})$|^arn:[\w-]+:iam::(\d{12}):root$/.exec(entry);
  if (account)
    return `account ${account[1] ?? account[2]} (any user or role there that its own policies allow)`;
  if (/^A(IDA|ROA)/.test(entry)) return `a deleted principal (${entry})`;
  return entry;
}

function callerWords(request: PolicyRequest): string {
  const p = request.principal;
  return p.kind === 'aws' ? p.arn : p.kind === 'service' ? `the service ${p.service}` : p.provider;
}

function actionWords(action: string): string {
  return action.toLowerCase() === 'sts:assumerole' ? 'assume this role' : `call ${action}`;
}

function conditionsInWords(tests: readonly ConditionTest[]): string {
  return tests.map(conditionWords).join(' and ');
}

function conditionWords(test: ConditionTest): string {
  const key = test.key.toLowerCase();
  const values = test.values.join(' or ');
  const ifExists = test.ifExists ? ' (when present)' : '';
  if (key === 'aws:multifactorauthpresent' && test.operator === 'Bool') {
    return test.values.some((v) => v.toLowerCase() === 'true')
      ? 'with an MFA code'
      : `without an MFA code${ifExists}`;
  }
  if (key === 'aws:multifactorauthage') return `with an MFA code used within ${ageWords(test)}`;
  if (key === 'sts:externalid' && test.operator.startsWith('String') && !test.operator.includes('Not')) {
    return `with external ID ${values}`;
  }
  if (test.operator === 'Null') {
    return test.values.some((v) => v.toLowerCase() === 'true')
      ? `without ${test.key}`
      : `with ${test.key} present`;
  }
  return `when ${test.set ? `${test.set} ` : ''}${test.key} ${operatorWords(test.operator)} ${values}${ifExists}`;
}

function ageWords(test: ConditionTest): string {
  const seconds = Number(test.values[0]);
  return Number.isFinite(seconds) ? formatDuration(seconds) : `${test.values[0]} seconds`;
}

function operatorWords(operator: string): string {
  const words: Record<string, string> = {
    StringEquals: '=',
    StringNotEquals: '≠',
    StringEqualsIgnoreCase: '= (any case)',
    StringNotEqualsIgnoreCase: '≠ (any case)',
    StringLike: 'like',
    StringNotLike: 'not like',
    NumericEquals: '=',
    NumericNotEquals: '≠',
    NumericLessThan: '<',
    NumericLessThanEquals: '≤',
    NumericGreaterThan: '>',
    NumericGreaterThanEquals: '≥',
    DateEquals: 'at',
    DateNotEquals: 'not at',
    DateLessThan: 'before',
    DateLessThanEquals: 'at or before',
    DateGreaterThan: 'after',
    DateGreaterThanEquals: 'at or after',
    Bool: '=',
    BinaryEquals: '=',
    IpAddress: 'in',
    NotIpAddress: 'not in',
    ArnEquals: '=',
    ArnLike: 'like',
    ArnNotEquals: '≠',
    ArnNotLike: 'not like',
  };
  return words[operator] ?? operator;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
