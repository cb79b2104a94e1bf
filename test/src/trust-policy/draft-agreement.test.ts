// Generated builder drafts, whose documents are judged by rolecall's trust-policy engine and by
// an independent evaluator (@cloud-copilot/iam-simulate, a devDependency used as an oracle, as in
// test/src/policy/differential.test.ts), and saved by the sandbox's CreateRole through the real SDK.
import { CreateRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { allowedContextKeysForRequest, runSimulation } from '@cloud-copilot/iam-simulate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/document';
import { evaluatePolicy } from '../../../src/policy/evaluate';
import { DEV, IDENTITY } from '../../../src/sandbox/seed';
import { trustPolicyOf } from '../../../src/trust-policy/draft';
import { trustDraftProblems } from '../../../src/trust-policy/draft-problems';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { mulberry32 } from '../policy/random-trust-cases';
import {
  type Caller,
  ROLE_ACCOUNT,
  ROLE_ARN,
  randomCaller,
  randomDraft,
  whatTheDraftMeans,
} from './random-drafts';

/**
 * Callers are users, role sessions and services calling AssumeRole. SAML and OIDC principals are
 * in the drafts, where they must not match those callers, but are not generated as callers: they
 * come through AssumeRoleWithSAML/WithWebIdentity, and the oracle denies every AssumeRole from
 * one (see test/src/policy/differential.test.ts). No caller sets a source identity, as rolecall
 * never sends one.
 */
const DRAFTS = 300;
const CALLERS_PER_DRAFT = 8;
const SEED = 20261130;

const ALLOW_EVERYTHING = {
  name: 'allow-everything',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};
const ORACLE_DECISION = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
} as const;

let allowedKeys: Set<string>;

/** Only the keys IAM's service data lists for AssumeRole, which is all the oracle reads. */
function effectiveContext(caller: Caller): Record<string, string> {
  return Object.fromEntries(
    Object.entries(caller.context).filter(([key]) => allowedKeys.has(key.toLowerCase())),
  );
}

async function oracle(document: object, caller: Caller): Promise<string | undefined> {
  const isService = !caller.principal.startsWith('arn:');
  const result = await runSimulation(
    {
      // The caller's own policies allow everything, so the decision is the trust policy's.
      identityPolicies: isService ? [] : [ALLOW_EVERYTHING],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: document,
      request: {
        action: 'sts:AssumeRole',
        principal: caller.principal,
        resource: { accountId: ROLE_ACCOUNT, resource: ROLE_ARN },
        contextVariables: effectiveContext(caller),
      },
    },
    {},
  );
  if (result.resultType === 'error') return undefined;
  return ORACLE_DECISION[result.overallResult as keyof typeof ORACLE_DECISION];
}

function ours(documentText: string, caller: Caller): string {
  const { policy, problems } = parsePolicy(documentText);
  if (!policy || problems.length)
    throw new Error(`the builder made an unreadable policy: ${JSON.stringify(problems)}`);
  return evaluatePolicy(policy, {
    principal: caller.principal.startsWith('arn:')
      ? { kind: 'aws', arn: caller.principal }
      : { kind: 'service', service: caller.principal },
    action: 'sts:AssumeRole',
    resource: ROLE_ARN,
    context: effectiveContext(caller),
  }).decision;
}

function drafts() {
  const random = mulberry32(SEED);
  return Array.from({ length: DRAFTS }, () => {
    const draft = randomDraft(random);
    const callers = Array.from({ length: CALLERS_PER_DRAFT }, () => randomCaller(random, draft));
    return { draft, callers };
  });
}

describe('what the builder makes', () => {
  beforeAll(async () => {
    allowedKeys = new Set(
      await allowedContextKeysForRequest('sts', 'AssumeRole', ROLE_ARN, false, undefined),
    );
  });

  it(`is judged alike by rolecall's engine, an independent evaluator and what the form meant, on ${DRAFTS} drafts`, async () => {
    const disagreements: string[] = [];
    const refused: string[] = [];
    const tally: Record<string, number> = {};
    let compared = 0;
    for (const [n, { draft, callers }] of drafts().entries()) {
      expect(trustDraftProblems(draft), `draft ${n}`).toEqual([]);
      const document = trustPolicyOf(draft);
      for (const caller of callers) {
        const expected = await oracle(document, caller);
        if (expected === undefined) {
          refused.push(`draft ${n}: ${JSON.stringify({ document, caller })}`);
          continue;
        }
        compared += 1;
        const actual = ours(JSON.stringify(document), caller);
        const meant = whatTheDraftMeans(draft, caller, effectiveContext(caller));
        tally[actual] = (tally[actual] ?? 0) + 1;
        if (actual !== expected || actual !== meant)
          disagreements.push(
            `draft ${n}: oracle ${expected}, rolecall ${actual}, the form meant ${meant}\n${JSON.stringify({ document, caller }, null, 1)}`,
          );
      }
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(refused.slice(0, 3)).toEqual([]);
    expect(compared).toBe(DRAFTS * CALLERS_PER_DRAFT);
    // Both outcomes are common, so agreement is not agreement on "deny" alone.
    expect(tally.Allow ?? 0).toBeGreaterThan(compared * 0.1);
    expect(tally.ImplicitDeny ?? 0).toBeGreaterThan(compared * 0.1);
  }, 120_000);

  describe('is saved by CreateRole', () => {
    let sandbox: TestSandbox;
    let devAdmin: IAMClient;

    beforeAll(async () => {
      sandbox = await startTestSandbox();
      const out = await sandbox.sts(sandbox.seeded.keys.alice).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${DEV}:role/Admin`,
          RoleSessionName: 'builder',
          SerialNumber: `arn:aws:iam::${IDENTITY}:mfa/alice`,
          TokenCode: await sandbox.aliceCode(),
        }),
      );
      devAdmin = sandbox.iam({
        accessKeyId: out.Credentials?.AccessKeyId ?? '',
        secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
        sessionToken: out.Credentials?.SessionToken ?? '',
      });
    });
    afterAll(() => sandbox?.close());

    it(`for each of the ${DRAFTS} drafts, through the real AWS SDK`, async () => {
      const refusals: string[] = [];
      for (const [n, { draft }] of drafts().entries()) {
        const document = JSON.stringify(trustPolicyOf(draft));
        try {
          const created = await devAdmin.send(
            new CreateRoleCommand({ RoleName: `built-${n}`, AssumeRolePolicyDocument: document }),
          );
          // What IAM keeps is the document sent (a JS v3 client leaves it URL-encoded).
          expect(JSON.parse(decodeURIComponent(created.Role?.AssumeRolePolicyDocument ?? ''))).toEqual(
            JSON.parse(document),
          );
        } catch (error) {
          refusals.push(`draft ${n}: ${(error as Error).name}: ${(error as Error).message}\n${document}`);
        }
      }
      expect(refusals.slice(0, 3)).toEqual([]);
    }, 120_000);
  });
});
