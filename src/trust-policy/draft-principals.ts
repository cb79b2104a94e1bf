// Who may assume a role, as the trust-policy builder holds them: an account, a user or role ARN,
// an AWS service, a SAML or an OIDC provider; with the common services and the GitHub Actions
// preset the form offers. Each entry is text as typed; draft-problems.ts checks it.
import { randomUUID } from 'node:crypto';

export type TrustPrincipal =
  /** 12 digits; the document names the account's root ARN, which trusts the whole account. */
  | { kind: 'account'; id: string }
  /** An IAM user or role ARN; IAM stores it by unique ID, so it must exist when saved. */
  | { kind: 'arn'; arn: string }
  /** ec2.amazonaws.com, or a short name such as ec2 (see servicePrincipalName). */
  | { kind: 'service'; service: string }
  | { kind: 'saml'; providerArn: string }
  /** An OIDC provider's ARN, the audience its tokens carry (aud) and the subjects allowed (sub). */
  | { kind: 'oidc'; provider: string; audience: string; subjects: readonly string[] };

export type TrustPrincipalKind = TrustPrincipal['kind'];
export type OidcPrincipal = Extract<TrustPrincipal, { kind: 'oidc' }>;

/** What identifies an entry, as typed: the account ID, the ARN, the service, the provider. */
export function principalText(principal: TrustPrincipal): string {
  switch (principal.kind) {
    case 'account':
      return principal.id;
    case 'arn':
      return principal.arn;
    case 'service':
      return principal.service;
    case 'saml':
      return principal.providerArn;
    case 'oidc':
      return principal.provider;
  }
}

/**
 * The services a role is most often made for, with the principal each trusts. Names from the
 * services' own docs (e.g. "ecs-tasks.amazonaws.com" for an ECS task role, "scheduler" for
 * EventBridge Scheduler, "edgelambda" for Lambda@Edge).
 */
export const COMMON_SERVICES: readonly { service: string; what: string }[] = [
  { service: 'ec2.amazonaws.com', what: 'EC2 instances (an instance profile)' },
  { service: 'lambda.amazonaws.com', what: 'Lambda functions' },
  { service: 'ecs-tasks.amazonaws.com', what: 'ECS tasks (a task or task execution role)' },
  { service: 'eks.amazonaws.com', what: 'EKS clusters' },
  { service: 'states.amazonaws.com', what: 'Step Functions state machines' },
  { service: 'events.amazonaws.com', what: 'EventBridge rules' },
  { service: 'scheduler.amazonaws.com', what: 'EventBridge Scheduler' },
  { service: 'codebuild.amazonaws.com', what: 'CodeBuild projects' },
  { service: 'codepipeline.amazonaws.com', what: 'CodePipeline pipelines' },
  { service: 'cloudformation.amazonaws.com', what: 'CloudFormation stacks (a service role)' },
  { service: 'glue.amazonaws.com', what: 'Glue jobs and crawlers' },
  { service: 'sagemaker.amazonaws.com', what: 'SageMaker' },
  { service: 'apigateway.amazonaws.com', what: 'API Gateway' },
  { service: 'firehose.amazonaws.com', what: 'Data Firehose streams' },
  { service: 'edgelambda.amazonaws.com', what: 'Lambda@Edge (with lambda.amazonaws.com)' },
];

/** A service principal as AWS writes it: "ec2" becomes "ec2.amazonaws.com"; a full name stays. */
export function servicePrincipalName(typed: string): string {
  const name = typed.trim().toLowerCase();
  return /^[a-z0-9-]+$/.test(name) ? `${name}.amazonaws.com` : name;
}

export const GITHUB_ACTIONS_HOST = 'token.actions.githubusercontent.com';
/** The audience GitHub's token carries for aws-actions/configure-aws-credentials. */
export const GITHUB_ACTIONS_AUDIENCE = 'sts.amazonaws.com';

export function oidcProviderArn(account: string, host: string): string {
  return `arn:aws:iam::${account}:oidc-provider/${host}`;
}

/**
 * GitHub Actions as an OIDC principal: the provider registered in `account` (the role's), the
 * audience the official action asks for, and every workflow of one repository ("OWNER/REPO"),
 * as in the IAM User Guide's "Configuring a role for GitHub OIDC identity provider".
 */
export function githubActionsPrincipal(account: string, repository: string): OidcPrincipal {
  return {
    kind: 'oidc',
    provider: oidcProviderArn(account, GITHUB_ACTIONS_HOST),
    audience: GITHUB_ACTIONS_AUDIENCE,
    subjects: [`repo:${repository}:*`],
  };
}

/**
 * A new external ID for a third party to send. A UUID: random (122 bits), and within the
 * characters and length AWS takes (EXTERNAL_ID in aws-shapes/request-fields.ts). AWS's own
 * guidance is that it be unique per customer, not secret.
 */
export function generateExternalId(): string {
  return randomUUID();
}
