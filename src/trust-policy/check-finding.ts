// What a check on a trust policy finds, and what the checks may be told: shared by checks.ts and
// the check-*.ts files it runs.

export interface TrustFinding {
  severity: 'error' | 'warning';
  /** Stable, for scripts and tests: "resource-in-trust-policy", "service-without-source". */
  code: string;
  /** For a person: what is wrong and what to do. */
  message: string;
  /** Where in the document: "$.Statement[0].Principal.AWS[1]". */
  path: string;
}

export interface TrustCheckOptions {
  /**
   * Whether a user or role ARN names a principal that exists, where IAM can be read: false for
   * one that does not (IAM refuses it), undefined when it cannot be known (another account).
   */
  knownPrincipal?: (arn: string) => boolean | undefined;
  /** The account the role is in: a principal of any other account is "another account". */
  account?: string;
}
