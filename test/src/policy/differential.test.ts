// rolecall's trust-policy engine against an independent evaluator, @cloud-copilot/iam-simulate
// (AGPL: a devDependency used only here as an oracle, never imported from src/). Same policy,
// same request, same decision, on thousands of random cases.
import { allowedContextKeysForRequest, runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/document';
import { evaluatePolicy } from '../../../src/policy/evaluate';
import type { RequestPrincipal } from '../../../src/policy/request';
import { mulberry32, ROLE_ARN, randomTrustCase, type TrustCase } from './random-trust-cases';

const CASES = 4000;

/**
 * What is deliberately not generated, and why:
 * - Federated callers. A SAML or OIDC principal reaches a role through AssumeRoleWithSAML or
 *   AssumeRoleWithWebIdentity, never AssumeRole, and the oracle denies every AssumeRole from one.
 *   Federated principals do appear in the policies, where they must not match AWS callers.
 * - CanonicalUser principals: an S3 notion, not valid in a trust policy.
 * - Policy versions other than 2012-10-17: the oracle reads only that version.
 * Nothing else is excluded: a case the oracle refuses to evaluate fails the test.
 */
const SEED = 20261123;

const ALLOW_EVERYTHING = {
  name: 'allow-everything',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

const ORACLE_DECISION = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
} as const;

/**
 * The request context holds only the keys IAM's service data lists for the action (the oracle
 * treats any other key as absent), so both evaluators judge the same request.
 */
async function effectiveRequest(c: TrustCase): Promise<TrustCase> {
  const [, action = ''] = c.request.action.split(':');
  const allowed = new Set(await allowedContextKeysForRequest('sts', action, ROLE_ARN, false, undefined));
  const context = Object.fromEntries(
    Object.entries(c.request.context).filter(([key]) => allowed.has(key.toLowerCase())),
  );
  return { ...c, request: { ...c.request, context } };
}

async function oracle(c: TrustCase): Promise<string | undefined> {
  const isService = !c.request.principal.startsWith('arn:');
  const result = await runSimulation(
    {
      // The caller's own policies allow everything, so the decision is the trust policy's.
      identityPolicies: isService ? [] : [ALLOW_EVERYTHING],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: c.policy,
      request: {
        action: c.request.action,
        principal: c.request.principal,
        resource: { accountId: '222222222222', resource: ROLE_ARN },
        contextVariables: c.request.context,
      },
    },
    {},
  );
  if (result.resultType === 'error') return undefined;
  return ORACLE_DECISION[result.overallResult as keyof typeof ORACLE_DECISION];
}

function ours(c: TrustCase): string {
  const { policy, problems } = parsePolicy(JSON.stringify(c.policy));
  if (!policy || problems.length) throw new Error(`generated an invalid policy: ${JSON.stringify(problems)}`);
  const principal: RequestPrincipal = c.request.principal.startsWith('arn:')
    ? { kind: 'aws', arn: c.request.principal }
    : { kind: 'service', service: c.request.principal };
  return evaluatePolicy(policy, { ...c.request, principal }).decision;
}

describe('the trust-policy engine agrees with an independent evaluator', () => {
  it(`on ${CASES} random trust policies and requests`, async () => {
    const random = mulberry32(SEED);
    const disagreements: string[] = [];
    const tally: Record<string, number> = {};
    let compared = 0;
    const refused: string[] = [];
    for (let n = 0; n < CASES; n++) {
      const c = await effectiveRequest(randomTrustCase(random));
      const expected = await oracle(c);
      if (expected === undefined) {
        refused.push(`case ${n}: ${JSON.stringify(c)}`);
        continue;
      }
      compared += 1;
      const actual = ours(c);
      tally[actual] = (tally[actual] ?? 0) + 1;
      if (actual !== expected) {
        disagreements.push(
          `case ${n}: oracle ${expected}, rolecall ${actual}\n${JSON.stringify(c, null, 1)}`,
        );
      }
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(2000);
    // Every outcome is well represented, so agreement is not agreement on "deny" alone.
    for (const decision of ['Allow', 'ExplicitDeny', 'ImplicitDeny']) {
      expect(tally[decision] ?? 0).toBeGreaterThan(compared * 0.08);
    }
    expect(refused.slice(0, 3)).toEqual([]);
  }, 120_000);
});
