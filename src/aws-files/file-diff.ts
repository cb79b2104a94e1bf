// A change to a person's file, shown before it is made: the lines removed and added, with some
// context, as `diff -u` prints them (jsdiff's structuredPatch).
import { structuredPatch } from 'diff';

export interface DiffLine {
  kind: 'added' | 'removed' | 'context' | 'hunk';
  text: string;
}

export function fileDiff(path: string, before: string, after: string, context = 3): DiffLine[] {
  const patch = structuredPatch(path, path, before, after, undefined, undefined, { context });
  const lines: DiffLine[] = [];
  for (const hunk of patch.hunks) {
    lines.push({
      kind: 'hunk',
      text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    });
    for (const line of hunk.lines) {
      // jsdiff marks a last line with no newline by a line of its own; it is not the file's.
      if (line.startsWith('\\')) continue;
      const kind = line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : 'context';
      lines.push({ kind, text: line.slice(1).replace(/\r$/, '') });
    }
  }
  return lines;
}
