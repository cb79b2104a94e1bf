// Times as the AWS tools read them.

/** RFC 3339 in UTC with a Z and no fraction, as AWS_CREDENTIAL_EXPIRATION and credential_process want it. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
