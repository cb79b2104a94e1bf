// The caller user's access keys older than 90 days: AWS's own advice (IAM best practices,
// "Rotate access keys regularly"; Security Hub control IAM.3 flags keys older than 90 days).
import { type DoctorFinding, maskKeyId } from './finding';

export const KEY_AGE_LIMIT_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;

export interface AccessKeyFacts {
  keyId: string;
  created?: Date;
  status?: string;
}

export function keyAgeFindings(user: string, keys: readonly AccessKeyFacts[], now: Date): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  for (const key of keys) {
    if (!key.created) continue;
    const days = Math.floor((now.getTime() - key.created.getTime()) / DAY_MS);
    if (days <= KEY_AGE_LIMIT_DAYS) continue;
    findings.push({
      severity: 'warning',
      check: 'access-keys',
      message: `${user}'s access key ${maskKeyId(key.keyId)}${key.status === 'Inactive' ? ' (inactive)' : ''} is ${days} days old (over ${KEY_AGE_LIMIT_DAYS}).`,
      fix:
        key.status === 'Inactive'
          ? 'Delete it: aws iam delete-access-key.'
          : 'Rotate it: create a new key, move your profile to it, then deactivate and delete the old one.',
    });
  }
  return findings;
}
