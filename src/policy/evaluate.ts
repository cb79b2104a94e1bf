// One policy against one request: which statements apply, and the decision. An explicit Deny in
// any applying statement wins; else an applying Allow allows; else the request is implicitly
// denied. The same rules serve trust policies (Principal, no Resource) and identity policies
// (Resource, no Principal).
import { type ConditionOutcome, evaluateCondition } from './conditions';
import type { ConditionTest, PolicyDocument, Statement } from './document';
import { principalMatches } from './principal';
import type { PolicyRequest } from './request';
import { substituteVariables } from './variables';
import { matchesWildcard } from './wildcard';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface ConditionResult {
  test: ConditionTest;
  outcome: ConditionOutcome;
}

export interface StatementResult {
  statement: Statement;
  /** Undefined when the statement has no Principal/NotPrincipal (an identity policy). */
  principalMatches?: boolean;
  actionMatches: boolean;
  resourceMatches: boolean;
  conditions: ConditionResult[];
  /** Everything matched: the statement's Effect counts. */
  applies: boolean;
}

export interface Evaluation {
  decision: Decision;
  statements: StatementResult[];
}

export function evaluatePolicy(policy: PolicyDocument, request: PolicyRequest): Evaluation {
  const variables = policy.version === '2012-10-17';
  const statements = policy.statements.map((statement) => evaluateStatement(statement, request, variables));
  const applying = statements.filter((s) => s.applies);
  const decision: Decision = applying.some((s) => s.statement.effect === 'Deny')
    ? 'ExplicitDeny'
    : applying.some((s) => s.statement.effect === 'Allow')
      ? 'Allow'
      : 'ImplicitDeny';
  return { decision, statements };
}

function evaluateStatement(
  statement: Statement,
  request: PolicyRequest,
  variables: boolean,
): StatementResult {
  let principal: boolean | undefined;
  if (statement.principal) principal = principalMatches(statement.principal, request.principal);
  else if (statement.notPrincipal) principal = !principalMatches(statement.notPrincipal, request.principal);

  const actionMatches = statement.action
    ? statement.action.some((a) => matchesWildcard(a, request.action, true))
    : statement.notAction
      ? !statement.notAction.some((a) => matchesWildcard(a, request.action, true))
      : false;

  // A statement without Resource (every trust policy) covers the resource it is attached to.
  const resource = request.resource ?? '';
  const matchesResource = (pattern: string) =>
    matchesWildcard(substituteVariables(pattern, request, variables), resource);
  const resourceMatches = statement.resource
    ? statement.resource.some(matchesResource)
    : statement.notResource
      ? !statement.notResource.some(matchesResource)
      : true;

  const conditions = statement.conditions.map((test) => ({
    test,
    outcome: evaluateCondition(test, request, variables),
  }));
  const applies =
    principal !== false && actionMatches && resourceMatches && conditions.every((c) => c.outcome.result);
  return {
    statement,
    ...(principal === undefined ? {} : { principalMatches: principal }),
    actionMatches,
    resourceMatches,
    conditions,
    applies,
  };
}
