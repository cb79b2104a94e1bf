// A new role as the builder's form holds it, beside its trust policy (src/trust-policy/draft.ts):
// its name and settings, and the permissions it is given. As typed: checking it is
// role-spec-problems.ts's job, and the calls that make it are creation-plan.ts's.

export interface RoleTag {
  key: string;
  value: string;
}

export interface RoleSpec {
  name: string;
  /** "/" or "/a/path/"; empty is "/". */
  path: string;
  description: string;
  /** The maximum session as typed ("1h", "12h", "3600"); empty for IAM's default of 1 hour. */
  maxSession: string;
  tags: readonly RoleTag[];
  /** Managed policies to attach, by ARN: AWS managed ones (from IAM's list) and the account's own. */
  managedPolicies: readonly string[];
  /** The inline permissions policy's JSON as edited; empty for none. */
  inlinePolicy: string;
  /** The inline policy's name; empty takes the role's name. */
  inlinePolicyName: string;
  /** A managed policy's ARN to bound the role's permissions; empty for none. */
  permissionsBoundary: string;
}

export function emptyRoleSpec(): RoleSpec {
  return {
    name: '',
    path: '',
    description: '',
    maxSession: '',
    tags: [],
    managedPolicies: [],
    inlinePolicy: '',
    inlinePolicyName: '',
    permissionsBoundary: '',
  };
}

/** A managed policy as IAM's ListPolicies gives it, for the permissions picker. */
export interface ManagedPolicySummary {
  name: string;
  arn: string;
  path: string;
  description?: string;
  /** AWS's own ("arn:aws:iam::aws:policy/…"), rather than the account's. */
  awsManaged: boolean;
}
