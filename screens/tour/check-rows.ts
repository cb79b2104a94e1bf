// The check's findings as the walkthrough's page shows them: grouped by severity, errors first,
// each with its fix below it, as `rolecall doctor` prints them; and the fixes to the config file
// `doctor --fix` would make, offered, then shown as its diff before they are written.
import type { ConfigFixPlan } from '../../src/doctor/config-fixes';
import { bySeverity, type DoctorFinding, type Severity } from '../../src/doctor/finding';
import type { Paragraph } from './page-rows';
import type { FixStep, SetupCheck } from './use-setup-check';

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

export function checkParagraphs(
  check: SetupCheck | undefined,
  /** How the keys of the fixes are written: "f", "y", "n". */
  keys: { show: string; write: string; notNow: string },
  /** What the last fixes wrote, said above the findings of the check that followed. */
  written?: string,
): Paragraph[] {
  const note: Paragraph[] = written ? [{ text: written, tone: 'ok' }] : [];
  return [...note, ...checkRows(check, keys)];
}

function checkRows(
  check: SetupCheck | undefined,
  keys: { show: string; write: string; notNow: string },
): Paragraph[] {
  if (!check || check.state === 'running') return [];
  if (check.state === 'failed') return [{ text: `The check could not run: ${check.message}`, tone: 'error' }];
  const { plan, fix } = check;
  const findings = findingParagraphs(check.findings);
  if (plan.fixed.length === 0) return findings;
  // Shown above the findings: what was asked for is what a small terminal shows first.
  if (fix !== 'offered') return [...fixParagraphs(plan, fix, keys), ...findings];
  const count = `${plan.fixed.length} fix${plan.fixed.length === 1 ? '' : 'es'}`;
  return [
    ...findings,
    {
      text: `rolecall can make ${count} to ${plan.path} for certain: ${keys.show} shows them as a diff.`,
      tone: 'accent',
    },
  ];
}

/** The fixes as `doctor --fix` shows them: each with its line, the diff (secrets masked), what is left. */
function fixParagraphs(
  plan: ConfigFixPlan,
  fix: Exclude<FixStep, 'offered'>,
  keys: { write: string; notNow: string },
): Paragraph[] {
  const paragraphs: Paragraph[] = [{ text: `Fixes to ${plan.path}:`, bold: true }];
  for (const one of plan.fixed)
    paragraphs.push({ text: `- ${one.profile} (line ${one.line}): ${one.what}`, tight: true, hang: 2 });
  if (plan.edit) {
    paragraphs.push({ text: `--- ${plan.path}`, dim: true });
    paragraphs.push({ text: `+++ ${plan.path} (fixed)`, dim: true, tight: true });
    for (const line of plan.edit.diff) {
      const mark = { hunk: '', added: '+', removed: '-', context: ' ' }[line.kind];
      const tone = line.kind === 'added' ? 'ok' : line.kind === 'removed' ? 'error' : undefined;
      paragraphs.push({
        text: `${mark}${line.text.replaceAll('\t', '    ')}`,
        tight: true,
        verbatim: true,
        ...(tone ? { tone } : { dim: true }),
      });
    }
  } else if (plan.notWritten) {
    paragraphs.push({ text: `These fixes cannot be written: ${plan.notWritten}`, tone: 'warning' });
  }
  if (plan.left.length) {
    paragraphs.push({ text: 'Left as they are (yours to decide):', bold: true });
    for (const left of plan.left)
      paragraphs.push({
        text: `- ${left.profile}${left.line !== undefined ? ` (line ${left.line})` : ''}: ${left.what}`,
        tight: true,
        hang: 2,
      });
  }
  if (typeof fix === 'object') paragraphs.push({ text: `Nothing was written: ${fix.failed}`, tone: 'error' });
  else if (fix === 'writing') paragraphs.push({ text: `Writing ${plan.path}…`, dim: true });
  else if (plan.edit)
    paragraphs.push({
      text: `${keys.write} writes them (a copy of the file as it is first, beside it); ${keys.notNow} leaves the file as it is.`,
      bold: true,
    });
  return paragraphs;
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
