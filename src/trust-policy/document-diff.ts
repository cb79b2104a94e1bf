// Two policy documents, pretty-printed alike, line by line: what a save would change, as the
// builder's edit mode and its confirmation show it. The diff itself is jsdiff's.
import { diffLines } from 'diff';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** The document as IAM's JSON pretty-printed with two spaces; text that is not JSON as it is. */
export function prettyDocument(document: unknown): string {
  if (typeof document !== 'string') return JSON.stringify(document, null, 2);
  try {
    return JSON.stringify(JSON.parse(document), null, 2);
  } catch {
    return document;
  }
}

export function documentDiff(before: unknown, after: unknown): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const change of diffLines(`${prettyDocument(before)}\n`, `${prettyDocument(after)}\n`)) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const text of change.value.replace(/\n$/, '').split('\n')) lines.push({ kind, text });
  }
  return lines;
}

/** Whether the two documents differ at all, as the diff shows them. */
export function documentsDiffer(before: unknown, after: unknown): boolean {
  return prettyDocument(before) !== prettyDocument(after);
}
