// The shapes AWS accepts for the identifiers rolecall stores or sends. Taken from the IAM and STS
// service models (roleNameType, accountIdType, roleSessionNameType); see
// ../shared/docs/aws-reference.md section 7.

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
export const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** Characters a session name may hold; anything else is replaced before a name is sent. */
export const SESSION_NAME_CHAR = /[\w+=,.@-]/;
export const MFA_CODE = /^\d{6}$/;
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** Region names as AWS spells them: us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** AssumeRole's DurationSeconds range (the role's MaxSessionDuration may lower the top). */
export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43_200;
/** A role assumed with role credentials (or MFA-session credentials) lasts at most this long. */
export const ROLE_CHAINING_MAX_SECONDS = 3600;

/** RFC 3339 in UTC with a Z and no fraction, as AWS_CREDENTIAL_EXPIRATION and credential_process want it. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
