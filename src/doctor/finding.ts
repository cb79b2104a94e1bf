// A finding of `rolecall doctor`: what is wrong (or worth knowing) in this terminal's AWS setup,
// in words, with the fix when there is one. An error is something that would break an assume.

export type Severity = 'error' | 'warning' | 'info';

export interface DoctorFinding {
  severity: Severity;
  /** Which check found it: "terminal", "profiles", "clock", "mfa", "access-keys", "permissions", "identity". */
  check: string;
  message: string;
  fix?: string;
}

const ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** The findings grouped by severity, errors first, each group in the order found. */
export function bySeverity(findings: readonly DoctorFinding[]): Array<[Severity, DoctorFinding[]]> {
  return ORDER.map(
    (severity) => [severity, findings.filter((f) => f.severity === severity)] as [Severity, DoctorFinding[]],
  ).filter(([, group]) => group.length > 0);
}

export function hasError(findings: readonly DoctorFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** An access key ID as the IAM console shows one in a list: its kind and last four characters. */
export function maskKeyId(keyId: string): string {
  return keyId.length > 8 ? `${keyId.slice(0, 4)}…${keyId.slice(-4)}` : '…';
}
