// What IAM refuses to save as a role's trust policy (CreateRole, UpdateAssumeRolePolicy), each
// with IAM's own words for it and the fix. MalformedPolicyDocument texts: "Has prohibited field
// Resource", "Missing required field Principal", "Invalid principal in policy: "SERVICE":"…""
// (aws-reference.md section 4; terraform-provider-aws#8905; seen in CloudFormation and Terraform
// output), "AssumeRole policy may only specify STS AssumeRole actions."; the quota's LimitExceeded
// "Cannot exceed quota for ACLSizePerRole: 2048" (kubeflow/kubeflow#6687, apache/airflow#27331).
import { USER_OR_ROLE_ARN } from '../aws-shapes/arn';
import type { ParsedPolicy, PolicyProblem, Statement } from '../policy/document';
import { matchesWildcard } from '../policy/wildcard';
import type { TrustCheckOptions, TrustFinding } from './check-finding';
import type { Layout } from './check-paths';

/** The default quota (IAM and STS quotas: "Role trust policy length", adjustable). */
export const TRUST_POLICY_QUOTA = 2048;

/**
 * The only actions a trust policy may name. IAM documents no list; this is the set of STS actions
 * that are authorised by a role's trust policy: the three AssumeRole calls, and the actions that
 * set something on the session they make (session tags, source identity, trusted identity
 * propagation's context).
 */
export const TRUST_POLICY_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];

/** A service principal: a service's DNS-style name, as IAM lists them (ec2.amazonaws.com). */
export const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com)$/;
/** A federated principal: a SAML or OIDC provider's ARN, or a web identity provider's domain. */
const FEDERATED_PRINCIPAL =
  /^(arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:(saml-provider\/[\w.-]+|oidc-provider\/[\x21-\x7E]+)|[a-z0-9][a-z0-9.-]*\.[a-z]{2,})$/;

const refusedBy = 'IAM refuses it (MalformedPolicyDocument)';

export function refusals(
  text: string,
  parsed: ParsedPolicy,
  layout: Layout,
  options: TrustCheckOptions,
): TrustFinding[] {
  const findings: TrustFinding[] = parsed.problems.map(fromProblem);
  const error = (code: string, path: string, message: string) =>
    findings.push({ severity: 'error', code, path, message });

  for (const dangling of parsed.dangling) {
    error(
      'unique-id-principal',
      dangling.path,
      `${dangling.id} is a unique ID, which IAM shows in place of a ${dangling.kind === 'unknown' ? 'principal' : dangling.kind} that was deleted; ${refusedBy}. Name the principal by its ARN again (recreate it first if need be), or remove the entry.`,
    );
  }
  for (const statement of parsed.policy?.statements ?? []) {
    statementRefusals(statement, parsed.problems, layout, options, error);
  }

  const size = lengthWithoutWhitespace(text);
  if (parsed.policy && size > TRUST_POLICY_QUOTA) {
    error(
      'over-quota',
      '$',
      `This trust policy is ${size} characters without whitespace, over IAM's default quota of ${TRUST_POLICY_QUOTA} ("Cannot exceed quota for ACLSizePerRole", LimitExceeded). Merge statements or principals, or have the quota "Role trust policy length" raised in Service Quotas.`,
    );
  }
  return findings;
}

function statementRefusals(
  statement: Statement,
  problems: readonly PolicyProblem[],
  layout: Layout,
  options: TrustCheckOptions,
  error: (code: string, path: string, message: string) => void,
) {
  const i = statement.index;
  if (statement.notPrincipal) {
    error(
      'not-principal',
      layout.element(i, 'NotPrincipal'),
      `A trust policy cannot use NotPrincipal; ${refusedBy}. Name who may assume the role in Principal instead.`,
    );
  } else if (!statement.principal) {
    error(
      'missing-principal',
      layout.element(i, 'Principal'),
      `This statement names no one who may assume the role ("Missing required field Principal"); ${refusedBy}. Add a Principal, such as {"AWS": "111122223333"}.`,
    );
  }
  for (const element of ['Resource', 'NotResource'] as const) {
    if (statement[element === 'Resource' ? 'resource' : 'notResource']) {
      error(
        'resource-in-trust-policy',
        layout.element(i, element),
        `A trust policy applies to its own role and cannot name a ${element} ("Has prohibited field Resource"); ${refusedBy}. Remove ${element}.`,
      );
    }
  }

  const principal = statement.principal;
  if (principal && principal !== '*') {
    principal.service.forEach((service, j) => {
      if (service === '*' || service.includes('*') || SERVICE_PRINCIPAL.test(service)) return;
      const guess = /^[a-z0-9-]+$/.test(service) ? `${service}.amazonaws.com` : 'ec2.amazonaws.com';
      error(
        'bad-service-principal',
        layout.principal(i, 'Principal', 'Service', j),
        `${service} is not a service principal ("Invalid principal in policy: "SERVICE":"${service}""); ${refusedBy}. Write the service's principal name, such as ${guess}.`,
      );
    });
    principal.federated.forEach((provider, j) => {
      if (provider.includes('*') || FEDERATED_PRINCIPAL.test(provider)) return;
      error(
        'bad-federated-principal',
        layout.principal(i, 'Principal', 'Federated', j),
        `${provider} is not a federated principal; ${refusedBy}. Write the identity provider's ARN (arn:aws:iam::111122223333:saml-provider/NAME or …:oidc-provider/HOST) or a web identity provider's domain (cognito-identity.amazonaws.com).`,
      );
    });
    principal.aws.forEach((entry, j) => {
      const arn = USER_OR_ROLE_ARN.exec(entry);
      if (!arn || options.knownPrincipal?.(entry) !== false) return;
      error(
        'principal-not-found',
        layout.principal(i, 'Principal', 'AWS', j),
        `There is no ${arn[3]} ${arn[4]} in account ${arn[2]} (${entry}): IAM refuses a principal that does not exist ("Invalid principal in policy"). Check its name and path, or create it first.`,
      );
    });
  }

  statement.action?.forEach((action, j) => {
    const path = layout.element(i, 'Action', j);
    if (problems.some((p) => p.path === path)) return;
    if (TRUST_POLICY_ACTIONS.some((allowed) => matchesWildcard(action, allowed, true))) return;
    error(
      'action-not-allowed',
      path,
      `${action} cannot be granted by a trust policy ("AssumeRole policy may only specify STS AssumeRole actions."); ${refusedBy}. Use ${TRUST_POLICY_ACTIONS.join(', ')}, and grant other actions in the role's permissions policies.`,
    );
  });
}

/** The parser's problems, each a refusal: IAM saves no document it cannot read. */
function fromProblem(problem: PolicyProblem): TrustFinding {
  const said = `${problem.message.charAt(0).toUpperCase()}${problem.message.slice(1)}`;
  const [code, fix] = classify(problem);
  return { severity: 'error', code, path: problem.path, message: `${said}; ${refusedBy}. ${fix}` };
}

function classify(problem: PolicyProblem): [string, string] {
  const { message, path } = problem;
  if (message.startsWith('not JSON')) return ['not-json', 'Fix the JSON syntax at that place.'];
  if (path.endsWith('.Version'))
    return [
      'bad-version',
      'Write "Version": "2012-10-17", the current policy language (IAM says "The policy failed legacy parsing").',
    ];
  if (message.startsWith('unknown condition operator'))
    return [
      'unknown-condition-operator',
      'Use one of IAM\'s operators, such as StringEquals, StringLike, ArnLike, Bool or NumericLessThan (with "IfExists" or a "ForAnyValue:" prefix where needed).',
    ];
  if (/\.(Not)?Principal\b/.test(path))
    return [
      'bad-principal',
      'Name an account ("111122223333"), a user or role ARN, a service ({"Service": "ec2.amazonaws.com"}) or an identity provider ({"Federated": …}); a principal takes "*" alone or no wildcard.',
    ];
  if (/\.(Not)?Action\b/.test(path))
    return ['bad-action', 'Write actions as service:Action, such as sts:AssumeRole.'];
  if (/\.Condition\b/.test(path))
    return [
      'malformed-condition',
      'Write conditions as {"Operator": {"key": "value"}}, such as {"Bool": {"aws:MultiFactorAuthPresent": "true"}}.',
    ];
  return [
    'malformed-policy',
    'Fix the document there; a trust policy has Version and Statement, each statement Effect, Principal, Action and optionally Sid and Condition.',
  ];
}

/**
 * The length IAM holds against the quota: Access Analyzer's check for it reads "The characters in
 * the role trust policy, excluding whitespace, exceed the character maximum" (IAM User Guide,
 * access-analyzer-reference-policy-checks.md). Whitespace inside a string is part of a value, so
 * it counts; the spaces and newlines that lay the JSON out do not.
 */
export function lengthWithoutWhitespace(text: string): number {
  const json = /^\s*%7B/i.test(text) ? safeDecode(text) : text;
  let length = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      length++;
      if (c === '\\') {
        length++;
        i++;
      } else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      length++;
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') length++;
  }
  return length;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
