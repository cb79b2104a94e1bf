// The checks IAM makes when a policy document is saved, with its error codes and messages:
// MalformedPolicyDocument for what cannot be a policy, LimitExceeded for a trust policy over
// the 2,048-character quota (aws-reference.md sections 3 and 4).
import { USER_OR_ROLE_ARN } from '../aws-shapes/arn';
import { parsePolicy } from '../policy/document';
import { lengthWithoutWhitespace, TRUST_POLICY_QUOTA } from '../trust-policy/check-refusals';
import { AwsError } from './aws-error';
import type { World } from './world';

const malformed = (message: string) => new AwsError('MalformedPolicyDocument', message, 400);

/** A trust policy: JSON, with a Principal in every statement, each principal one that exists. */
export function checkTrustPolicy(text: string, world: World): void {
  // IAM counts the characters without the whitespace that lays the JSON out (check-refusals.ts).
  if (lengthWithoutWhitespace(text) > TRUST_POLICY_QUOTA) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`, 409);
  }
  const { dangling } = parsePolicy(text);
  const document = readDocument(text);
  // A unique ID is what IAM shows for a deleted principal; it cannot be saved as one.
  if (dangling[0]) throw malformed(`Invalid principal in policy: "AWS":"${dangling[0].id}"`);
  for (const statement of document.statements) {
    if (statement.resource || statement.notResource) throw malformed('Has prohibited field Resource');
    if (!statement.principal && !statement.notPrincipal) throw malformed('Missing required field Principal');
    const principal = statement.principal ?? statement.notPrincipal;
    if (principal === '*' || !principal) continue;
    for (const entry of principal.aws) {
      if (!principalExists(entry, world)) throw malformed(`Invalid principal in policy: "AWS":"${entry}"`);
    }
  }
}

/** An identity (permissions) policy: JSON, and no Principal. */
export function checkIdentityPolicy(text: string): void {
  const document = readDocument(text);
  if (document.statements.some((s) => s.principal || s.notPrincipal)) {
    throw malformed('Policy document should not specify a principal.');
  }
  // Without Resource a permissions statement would apply to everything; IAM refuses it
  // (its wording here is UNVERIFIED).
  if (document.statements.some((s) => !s.resource && !s.notResource)) {
    throw malformed('Policy statement must contain resources.');
  }
}

function readDocument(text: string) {
  const { policy, problems } = parsePolicy(text);
  if (problems[0]?.path === '$' && problems[0].message.startsWith('not JSON')) {
    throw malformed('This policy contains invalid Json');
  }
  const principalProblem = problems.find(
    (p) => /\.(Not)?Principal\.AWS/.test(p.path) && p.value !== undefined,
  );
  if (principalProblem) throw malformed(`Invalid principal in policy: "AWS":"${principalProblem.value}"`);
  if (!policy || problems.length)
    throw malformed(`Syntax errors in policy. ${problems[0]?.message ?? ''}`.trim());
  return policy;
}

/**
 * IAM refuses to save a user or role ARN that does not exist (it stores the principal's unique
 * ID). Accounts outside the sandbox cannot be checked, so their principals are taken as given.
 */
function principalExists(entry: string, world: World): boolean {
  const account = USER_OR_ROLE_ARN.exec(entry)?.[2];
  return account === undefined || !world.accounts.has(account) || world.entityByArn(entry) !== undefined;
}
