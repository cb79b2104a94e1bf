// The findings as a person reads them: grouped by severity, errors first, each with its fix.
import { bySeverity, type DoctorFinding, type Severity } from './finding';

const HEADINGS: Record<Severity, string> = {
  error: 'Errors (these break an assume)',
  warning: 'Warnings',
  info: 'Information',
};

export function doctorReport(findings: readonly DoctorFinding[]): string {
  const groups = bySeverity(findings);
  if (groups.length === 0) return 'Nothing to report.\n';
  const lines: string[] = [];
  for (const [severity, group] of groups) {
    if (lines.length) lines.push('');
    lines.push(`${HEADINGS[severity]}:`);
    for (const finding of group) {
      lines.push(`  - [${finding.check}] ${finding.message}`);
      if (finding.fix) lines.push(`    fix: ${finding.fix}`);
    }
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  lines.push('', errors ? `${errors} error${errors === 1 ? '' : 's'}.` : 'No errors.');
  return `${lines.join('\n')}\n`;
}
