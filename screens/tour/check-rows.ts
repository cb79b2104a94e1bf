// The check's findings as the walkthrough's page shows them: grouped by severity, errors first,
// each with its fix below it, as `rolecall doctor` prints them.
import { bySeverity, type DoctorFinding, type Severity } from '../../src/doctor/finding';
import type { Paragraph } from './page-rows';
import type { SetupCheck } from './use-setup-check';

const HEADINGS: Record<Severity, string> = {
  error: 'Errors (these break an assume)',
  warning: 'Warnings',
  info: 'Information',
};

const MARKS: Record<Severity, { mark: string; tone?: Paragraph['tone'] }> = {
  error: { mark: '✗', tone: 'error' },
  warning: { mark: '!', tone: 'warning' },
  info: { mark: '·' },
};

export function checkParagraphs(check: SetupCheck | undefined): Paragraph[] {
  if (!check || check.state === 'running') return [];
  if (check.state === 'failed') return [{ text: `The check could not run: ${check.message}`, tone: 'error' }];
  return findingParagraphs(check.findings);
}

export function findingParagraphs(findings: readonly DoctorFinding[]): Paragraph[] {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const summary: Paragraph = {
    text:
      errors || warnings
        ? `${count(errors, 'error')}, ${count(warnings, 'warning')}.`
        : 'No errors and no warnings.',
    bold: true,
    ...(errors
      ? { tone: 'error' as const }
      : warnings
        ? { tone: 'warning' as const }
        : { tone: 'ok' as const }),
  };
  const paragraphs: Paragraph[] = [summary];
  for (const [severity, group] of bySeverity(findings)) {
    paragraphs.push({ text: `${HEADINGS[severity]}:`, bold: true });
    for (const finding of group) {
      const { mark, tone } = MARKS[severity];
      paragraphs.push({
        text: `${mark} [${finding.check}] ${finding.message}`,
        tight: true,
        hang: 2,
        ...(tone ? { tone } : {}),
      });
      if (finding.fix)
        paragraphs.push({ text: `fix: ${finding.fix}`, indent: 2, hang: 5, tight: true, dim: true });
    }
  }
  return paragraphs;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
