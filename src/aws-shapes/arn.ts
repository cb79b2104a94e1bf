// ARNs and account IDs as AWS writes them. Taken from the IAM and STS service models (roleNameType,
// accountIdType); see ../shared/docs/aws-reference.md section 7.

const PARTITION = 'aws|aws-cn|aws-us-gov';

/** Kept as a string: "012345678901" is a valid account ID. */
export const ACCOUNT_ID = /^\d{12}$/;
export const ROLE_ARN = new RegExp(
  `^arn:(${PARTITION}):iam::(\\d{12}):role/((?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]{1,64})$`,
);
/** A user or role ARN. Groups: partition, account, "user" or "role", name (the path dropped). */
export const USER_OR_ROLE_ARN = new RegExp(
  `^arn:(${PARTITION}):iam::(\\d{12}):(user|role)/(?:[\\x21-\\x7E]*/)?([\\w+=,.@-]{1,64})$`,
);

/** The account a principal ARN belongs to (arn:aws:iam::ACCOUNT:… or arn:aws:sts::ACCOUNT:…). */
export function accountOf(arn: string): string | undefined {
  return /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

/**
 * A role's ARN as IAM makes it: arn:PARTITION:iam::ACCOUNT:role/PATH/NAME (the path, "/" by
 * default, begins and ends with a slash). The partition is "aws" unless the account is in China
 * (aws-cn) or GovCloud (aws-us-gov).
 */
export function roleArn(account: string, path: string, name: string, partition = 'aws'): string {
  const slashed = path ? `${path.startsWith('/') ? '' : '/'}${path}${path.endsWith('/') ? '' : '/'}` : '/';
  return `arn:${partition}:iam::${account}:role${slashed}${name}`;
}

/** The name of the role a role ARN names (its path dropped), when it is one. */
export function roleNameOf(arn: string): string | undefined {
  return ROLE_ARN.exec(arn)?.[4];
}
