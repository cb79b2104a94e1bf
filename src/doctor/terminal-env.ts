// Who the SDK is in this terminal, from the exported variables alone: keys that AWS_PROFILE
// shadows in one SDK and not in another, and a session token without its keys or keys without it.
import type { DoctorFinding } from './finding';

export function terminalFindings(env: NodeJS.ProcessEnv): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  const keyId = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  const token = env.AWS_SESSION_TOKEN;
  if (keyId && secret && env.AWS_PROFILE) {
    // aws-reference.md section 1: the JS SDK's default chain skips the env keys when AWS_PROFILE
    // is set; botocore (the AWS CLI, Python) takes the env keys first. Two tools, two identities.
    findings.push({
      severity: 'warning',
      check: 'terminal',
      message: `AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are exported and so is AWS_PROFILE=${env.AWS_PROFILE}: the JS SDK (and rolecall) use the profile, the AWS CLI and Python use the exported keys. Two tools in this terminal are two different identities.`,
      fix: 'Unset the one you do not mean: unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN, or unset AWS_PROFILE.',
    });
  }
  if (Boolean(keyId) !== Boolean(secret)) {
    findings.push({
      severity: 'warning',
      check: 'terminal',
      message: `Only ${keyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is exported; the SDKs need both, so they skip it.`,
      fix: 'Export both, or unset the one that is there.',
    });
  }
  if (token && !(keyId && secret)) {
    findings.push({
      severity: 'warning',
      check: 'terminal',
      message: 'AWS_SESSION_TOKEN is exported without the keys it belongs to: a leftover of an old session.',
      fix: 'unset AWS_SESSION_TOKEN',
    });
  }
  if (keyId?.startsWith('ASIA') && secret && !token) {
    // ASIA… keys are temporary (STS); AWS refuses them without their session token.
    findings.push({
      severity: 'error',
      check: 'terminal',
      message:
        'The exported AWS_ACCESS_KEY_ID is a temporary key (ASIA…) but no AWS_SESSION_TOKEN is exported: AWS refuses it.',
      fix: 'Export the session token that came with the keys, or get new credentials (eval "$(rolecall env PROFILE)").',
    });
  }
  return findings;
}
