// What IAM saves but should not be left so: the checks IAM Access Analyzer's policy validation
// makes on a role trust policy (IAM User Guide, access-analyzer-reference-policy-checks.md:
// "Mismatched action for principal", "Missing condition key for oidc principal", "Missing github
// repo condition key", "Restrict access to service principal", "Type mismatch", "Missing version"),
// and rolecall's own: another account trusted with neither MFA nor an external ID.
import { accountOf } from '../aws-shapes/arn';
import type { ConditionTest, PolicyDocument, Statement } from '../policy/document';
import type { TrustCheckOptions, TrustFinding } from './check-finding';
import type { Layout } from './check-paths';
import { SERVICE_PRINCIPAL } from './check-refusals';

const GITHUB = 'token.actions.githubusercontent.com';
/** Web identity providers IAM knows by domain rather than by an OIDC provider ARN. */
const WEB_IDENTITY_DOMAINS =
  /^(cognito-identity\.amazonaws\.com|accounts\.google\.com|graph\.facebook\.com|www\.amazon\.com)$/;

/** Keys whose values are ARNs: IAM's documentation gives them the ARN type (aws:PrincipalArn, aws:SourceArn). */
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);
const STRING_KEYS = new Set([
  'aws:sourceaccount',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principaltype',
  'aws:userid',
  'aws:username',
  'sts:externalid',
  'sts:sourceidentity',
  'sts:rolesessionname',
]);

type Warn = (code: string, path: string, message: string) => void;

export function warnings(policy: PolicyDocument, layout: Layout, options: TrustCheckOptions): TrustFinding[] {
  const findings: TrustFinding[] = [];
  const warn: Warn = (code, path, message) => findings.push({ severity: 'warning', code, path, message });
  if (policy.version === undefined) {
    warn(
      'missing-version',
      '$.Version',
      `The policy has no Version, so IAM reads it in the 2008 language, where policy variables such as \${aws:username} are plain text. Add "Version": "2012-10-17".`,
    );
  }
  for (const statement of policy.statements) {
    conditionTypes(statement, layout, warn);
    if (statement.effect === 'Allow') allowWarnings(statement, layout, options, warn);
  }
  return findings;
}

function allowWarnings(statement: Statement, layout: Layout, options: TrustCheckOptions, warn: Warn) {
  const i = statement.index;
  const principal = statement.principal;
  if (!principal) return;
  const keys = new Set(statement.conditions.map((c) => c.key.toLowerCase()));

  if (principal === '*' || principal.aws.includes('*')) {
    if (statement.conditions.length === 0) {
      warn(
        'wildcard-principal',
        principal === '*'
          ? layout.element(i, 'Principal')
          : layout.principal(i, 'Principal', 'AWS', principal.aws.indexOf('*')),
        'Anyone in any AWS account may assume this role: "*" with no condition. Name the accounts or roles instead, or narrow it with a condition such as aws:PrincipalOrgID.',
      );
    }
    return;
  }

  mismatchedActions(statement, layout, warn);

  principal.federated.forEach((provider, j) => {
    const host = oidcHost(provider);
    if (host === undefined) return;
    const path = layout.principal(i, 'Principal', 'Federated', j);
    const has = (claim: string) => keys.has(`${host}:${claim}`);
    if (host === GITHUB || host.startsWith(`${GITHUB}/`)) {
      const subs = statement.conditions.filter((c) => c.key.toLowerCase() === `${host}:sub`);
      if (subs.length === 0) {
        warn(
          'github-without-subject',
          path,
          `Any GitHub Actions workflow, in any repository, may assume this role: nothing tests ${host}:sub. Add a StringLike condition on it naming your repository, such as "repo:OWNER/REPO:*".`,
        );
      } else if (subs.some((c) => c.values.some((v) => /^(\*|repo:[^/]*\*|repo:[^/]+\/\*)/.test(v)))) {
        warn(
          'github-subject-too-wide',
          layout.condition(i, subs[0]?.written ?? 'StringLike', subs[0]?.key ?? `${host}:sub`),
          `${host}:sub lets in repositories other than yours. Name the organisation and repository ("repo:OWNER/REPO:*"), and the branch or environment where you can.`,
        );
      }
    } else if (!has('aud') && !has('sub')) {
      warn(
        'oidc-without-conditions',
        path,
        `Any identity ${host} issues a token to may assume this role: no condition tests its audience or subject. Add a StringEquals condition on ${host}:aud (your client ID) and on ${host}:sub.`,
      );
    }
  });

  if (principal.service.length > 0 && !keys.has('aws:sourcearn') && !keys.has('aws:sourceaccount')) {
    principal.service.forEach((service, j) => {
      if (!SERVICE_PRINCIPAL.test(service)) return;
      warn(
        'service-without-source',
        layout.principal(i, 'Principal', 'Service', j),
        `${service} may assume this role on behalf of anyone's resources, another customer's included (the confused deputy). Add an aws:SourceAccount condition with your account ID, or aws:SourceArn with the resource's ARN, where the service sends them.`,
      );
    });
  }

  if (options.account) {
    const guarded = statement.conditions.some(
      (c) =>
        (c.key.toLowerCase() === 'sts:externalid' && c.operator !== 'Null') ||
        (c.key.toLowerCase() === 'aws:multifactorauthpresent' &&
          c.operator === 'Bool' &&
          c.values.some((v) => v.toLowerCase() === 'true')),
    );
    principal.aws.forEach((entry, j) => {
      const account = /^\d{12}$/.test(entry) ? entry : accountOf(entry);
      if (guarded || !account || account === options.account) return;
      warn(
        'other-account-without-mfa-or-external-id',
        layout.principal(i, 'Principal', 'AWS', j),
        `Account ${account} is another account, and whoever it lets call AssumeRole may use this role with neither MFA nor an external ID. Require MFA (Bool aws:MultiFactorAuthPresent "true") for people, or an external ID (StringEquals sts:ExternalId) for a third party's service.`,
      );
    });
  }
}

/** Each AssumeRole call serves its own kind of principal; the wrong one never matches. */
function mismatchedActions(statement: Statement, layout: Layout, warn: Warn) {
  const principal = statement.principal;
  if (!principal || principal === '*') return;
  const entries = [
    ...principal.aws.map((p) => ({ p, kind: 'aws' })),
    ...principal.service.map((p) => ({ p, kind: 'aws' })),
    // A provider of neither form is already an error; which call it would need is unknown.
    ...principal.federated.flatMap((p) =>
      /:saml-provider\//.test(p) ? [{ p, kind: 'saml' }] : oidcHost(p) ? [{ p, kind: 'oidc' }] : [],
    ),
  ];
  const serves: Record<string, string> = {
    'sts:assumerole': 'aws',
    'sts:assumerolewithsaml': 'saml',
    'sts:assumerolewithwebidentity': 'oidc',
  };
  statement.action?.forEach((action, j) => {
    const kind = serves[action.toLowerCase()];
    if (!kind) return;
    const wrong = entries.filter((e) => e.kind !== kind).map((e) => e.p);
    if (wrong.length === 0) return;
    warn(
      'action-does-not-match-principal',
      layout.element(statement.index, 'Action', j),
      `${wrong.join(', ')} cannot assume the role through ${action}, so this grants ${wrong.length === 1 ? 'it' : 'them'} nothing. A SAML provider needs sts:AssumeRoleWithSAML, an OIDC provider sts:AssumeRoleWithWebIdentity, and accounts, users, roles and services sts:AssumeRole; put each kind in its own statement.`,
    );
  });
}

/** The issuer an OIDC principal's condition keys are prefixed with, or undefined for SAML. */
function oidcHost(provider: string): string | undefined {
  const arn = /:oidc-provider\/(.+)$/.exec(provider);
  if (arn) return arn[1]?.toLowerCase();
  return WEB_IDENTITY_DOMAINS.test(provider) ? provider.toLowerCase() : undefined;
}

/** Access Analyzer's "Type mismatch": ARN keys want Arn operators, string keys String ones. */
function conditionTypes(statement: Statement, layout: Layout, warn: Warn) {
  for (const test of statement.conditions) {
    const key = test.key.toLowerCase();
    const path = layout.condition(statement.index, test.written, test.key);
    if (ARN_KEYS.has(key) && test.operator.startsWith('String')) {
      warn(
        'string-operator-on-arn-key',
        path,
        `${test.key} holds an ARN: compare it with ${arnTwin(test)} rather than ${test.operator}, which also matches text that is not an ARN.`,
      );
    } else if (isStringKey(key) && test.operator.startsWith('Arn')) {
      warn(
        'arn-operator-on-string-key',
        path,
        `${test.key} is not an ARN, so ${test.operator} never matches it. Use ${test.operator.includes('Like') ? 'StringLike' : 'StringEquals'}.`,
      );
    }
  }
}

function arnTwin(test: ConditionTest): string {
  const negated = test.operator.includes('Not');
  const like = test.operator.includes('Like') || test.values.some((v) => /[*?]/.test(v));
  return `Arn${negated ? 'Not' : ''}${like ? 'Like' : 'Equals'}`;
}

function isStringKey(key: string): boolean {
  return STRING_KEYS.has(key) || /:(aud|oaud|sub|amr)$/.test(key);
}
