// doctor --fix's plan as a person reads it before saying yes: what each fix does and on which
// line, the diff (secret values masked by file-diff.ts), and what rolecall leaves to them, with why.
import type { ConfigFixPlan } from './config-fixes';

export function configFixReport(plan: ConfigFixPlan): string {
  const lines: string[] = [];
  if (plan.fixed.length === 0) {
    lines.push(plan.notWritten ?? `Nothing in ${plan.path} that rolecall can fix for certain.`);
  } else {
    lines.push(`Fixes to ${plan.path}:`);
    for (const fix of plan.fixed) lines.push(`  - ${fix.profile} (line ${fix.line}): ${fix.what}`);
    if (plan.edit) {
      lines.push('', `--- ${plan.path}`, `+++ ${plan.path} (fixed)`);
      for (const line of plan.edit.diff) {
        const mark = { hunk: '', added: '+', removed: '-', context: ' ' }[line.kind];
        lines.push(`${mark}${line.text}`);
      }
    } else if (plan.notWritten) {
      lines.push('', `These fixes cannot be written: ${plan.notWritten}`);
    }
  }
  if (plan.left.length) {
    lines.push('', 'Left as they are (yours to decide):');
    for (const left of plan.left)
      lines.push(`  - ${left.profile}${left.line !== undefined ? ` (line ${left.line})` : ''}: ${left.what}`);
  }
  return `${lines.join('\n')}\n`;
}
