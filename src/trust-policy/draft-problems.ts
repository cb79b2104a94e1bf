// What AWS would refuse in a trust-policy draft, field by field, as the form shows it beside the
// field and the CLI names the flag: an account ID that is not 12 digits, an ARN that is not a
// user's or a role's, a condition for principals the draft does not have. Values, not throws.
import { ACCOUNT_ID, USER_OR_ROLE_ARN } from '../aws-shapes/arn';
import { EXTERNAL_ID } from '../aws-shapes/request-fields';
import { parseDuration } from '../duration';
import type { TrustDraft } from './draft';
import { principalText, servicePrincipalName, type TrustPrincipal } from './draft-principals';

export type TrustDraftField = keyof TrustDraft;

export interface TrustDraftProblem {
  field: TrustDraftField;
  /** For `principals`: which entry; absent when the problem is the list's (none named). */
  entry?: number;
  problem: string;
}

const PARTITION = 'aws|aws-cn|aws-us-gov';
const SAML_PROVIDER_ARN = new RegExp(`^arn:(${PARTITION}):iam::\\d{12}:saml-provider/[\\w.-]{1,128}$`);
const OIDC_PROVIDER_ARN = new RegExp(`^arn:(${PARTITION}):iam::\\d{12}:oidc-provider/[\\w.:/-]{1,255}$`);
/** ec2.amazonaws.com, and the China regions' ec2.amazonaws.com.cn. */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
/** An AWS Organizations ID [organizations API: OrganizationId]. */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const ANY_ARN = /^arn:[\w-]+:[\w-]+:[\w-]*:(\d{12}|\*)?:.+$/;

/**
 * Every problem in the draft, in the order of the form's fields. None means IAM takes
 * trustPolicyOf(draft), save for what only IAM knows (whether a user or role ARN exists) and the
 * trust policy's size quota, which can be raised.
 */
export function trustDraftProblems(draft: TrustDraft): TrustDraftProblem[] {
  const problems: TrustDraftProblem[] = [];
  const kinds = new Set(draft.principals.map((p) => p.kind));
  if (draft.principals.length === 0) {
    problems.push({
      field: 'principals',
      problem: 'name who may assume the role: an account, a user or role ARN, a service or a provider.',
    });
  }
  draft.principals.forEach((principal, entry) => {
    const problem = principalProblem(principal);
    if (problem) problems.push({ field: 'principals', entry, problem });
  });

  const callers = kinds.has('account') || kinds.has('arn');
  const forCallers = 'applies only to accounts, users and roles; trust one too, or leave it out.';
  const mfaMaxAge = draft.mfaMaxAge.trim();
  if (mfaMaxAge) {
    const seconds = parseDuration(mfaMaxAge);
    if (seconds === undefined || seconds < 1)
      problems.push({ field: 'mfaMaxAge', problem: 'type it as 1h, 90m or 3600.' });
    else if (!draft.requireMfa)
      problems.push({ field: 'mfaMaxAge', problem: 'limits the age of an MFA code: require MFA too.' });
  }
  const externalId = draft.externalId.trim();
  if (externalId && !EXTERNAL_ID.test(externalId))
    problems.push({
      field: 'externalId',
      problem: '2 to 1224 letters, digits or + = , . @ : / _ - characters.',
    });
  const orgId = draft.principalOrgId.trim();
  if (orgId && !ORGANIZATION_ID.test(orgId))
    problems.push({
      field: 'principalOrgId',
      problem: 'an organization ID is o- and 10 to 32 lowercase letters or digits.',
    });
  if (!callers) {
    if (draft.requireMfa) problems.push({ field: 'requireMfa', problem: `MFA ${forCallers}` });
    if (externalId) problems.push({ field: 'externalId', problem: `an external ID ${forCallers}` });
    if (orgId) problems.push({ field: 'principalOrgId', problem: `an organization ${forCallers}` });
  }
  const federated = kinds.has('saml') || kinds.has('oidc');
  const forNotServices = 'by callers and providers, not services; trust one too, or leave it out.';
  if (draft.sourceIdentity.trim() && !(callers || federated))
    problems.push({ field: 'sourceIdentity', problem: `a source identity is set ${forNotServices}` });
  if (draft.allowSessionTags && !(callers || federated))
    problems.push({ field: 'allowSessionTags', problem: `session tags are passed ${forNotServices}` });

  const sourceAccount = draft.sourceAccount.trim();
  const sourceArn = draft.sourceArn.trim();
  if (sourceAccount && !ACCOUNT_ID.test(sourceAccount))
    problems.push({ field: 'sourceAccount', problem: 'an account ID is 12 digits.' });
  if (sourceArn && !ANY_ARN.test(sourceArn))
    problems.push({
      field: 'sourceArn',
      problem: 'an ARN, such as arn:aws:s3:::my-bucket or arn:aws:sns:eu-west-1:123456789012:*.',
    });
  if (!kinds.has('service')) {
    const forServices = 'applies only to AWS services; trust one too, or leave it out.';
    if (sourceAccount) problems.push({ field: 'sourceAccount', problem: `a source account ${forServices}` });
    if (sourceArn) problems.push({ field: 'sourceArn', problem: `a source ARN ${forServices}` });
  }
  return problems;
}

const WHAT: Record<TrustPrincipal['kind'], string> = {
  account: 'the account ID (12 digits)',
  arn: 'the IAM user or role ARN',
  service: 'the service, such as ec2.amazonaws.com',
  saml: 'the SAML provider ARN',
  oidc: 'the OIDC provider ARN',
};

function principalProblem(principal: TrustPrincipal): string | undefined {
  const text = principalText(principal);
  // A new entry in the form: left out of the document until it is typed in.
  if (!text.trim()) return `type ${WHAT[principal.kind]}, or remove this entry.`;
  switch (principal.kind) {
    case 'account': {
      const id = principal.id.trim();
      return ACCOUNT_ID.test(id) ? undefined : `"${id}" is not an account ID: an account ID is 12 digits.`;
    }
    case 'arn': {
      const arn = principal.arn.trim();
      return USER_OR_ROLE_ARN.test(arn)
        ? undefined
        : `"${arn}" is not an IAM user or role ARN, such as arn:aws:iam::123456789012:role/Deployer.`;
    }
    case 'service': {
      const name = servicePrincipalName(principal.service);
      return SERVICE_PRINCIPAL.test(name)
        ? undefined
        : `"${principal.service.trim()}" is not a service principal, such as ec2.amazonaws.com.`;
    }
    case 'saml': {
      const arn = principal.providerArn.trim();
      return SAML_PROVIDER_ARN.test(arn)
        ? undefined
        : `"${arn}" is not a SAML provider ARN, such as arn:aws:iam::123456789012:saml-provider/Okta.`;
    }
    case 'oidc': {
      const arn = principal.provider.trim();
      if (!OIDC_PROVIDER_ARN.test(arn))
        return `"${arn}" is not an OIDC provider ARN, such as arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com.`;
      // Without an audience any client of the provider could assume the role; IAM Access
      // Analyzer warns of it (MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL).
      if (!principal.audience.trim())
        return 'name the audience (aud) its tokens carry, such as sts.amazonaws.com.';
      if (arn.endsWith('/token.actions.githubusercontent.com') && !principal.subjects.some((s) => s.trim()))
        // Any repository on GitHub could assume the role (MISSING_GITHUB_REPO_CONDITION_KEY).
        return 'name the repositories that may assume it, such as repo:OWNER/REPO:*.';
      return undefined;
    }
  }
}
