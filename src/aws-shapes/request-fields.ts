// The shapes AWS accepts for what rolecall sends with a request or stores for one: session names,
// MFA codes, external IDs, region names. Taken from the IAM and STS service models
// (roleSessionNameType, tokenCodeType, externalIdType); see ../shared/docs/aws-reference.md section 7.

export const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** Characters a session name may hold; anything else is replaced before a name is sent. */
export const SESSION_NAME_CHAR = /[\w+=,.@-]/;
export const MFA_CODE = /^\d{6}$/;
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** Region names as AWS spells them: us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
