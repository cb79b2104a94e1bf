// Who is asking to do what: the request a policy is evaluated against.

export type RequestPrincipal =
  /** An IAM user, a role session, or an account's root user, by ARN. */
  | { kind: 'aws'; arn: string }
  /** An AWS service, e.g. "ec2.amazonaws.com". */
  | { kind: 'service'; service: string }
  /** A SAML or OIDC provider, e.g. "arn:aws:iam::111122223333:saml-provider/Okta". */
  | { kind: 'federated'; provider: string };

export type ContextValue = string | readonly string[];

export interface PolicyRequest {
  principal: RequestPrincipal;
  /** e.g. "sts:AssumeRole". */
  action: string;
  /** The resource acted on; for a trust policy, the role's ARN. */
  resource?: string;
  /** Condition keys and their values, e.g. {"aws:MultiFactorAuthPresent": "true"}. Absent keys are absent. */
  context: Readonly<Record<string, ContextValue | undefined>>;
}
