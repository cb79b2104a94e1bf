// A change to a person's file, shown before it is made: the lines removed and added, with some
// context, as `diff -u` prints them (jsdiff's structuredPatch). The values of secret keys are
// masked here, in the model, so no screen or log that shows a diff can show a secret: the SDKs
// read static keys from the config file too, so a config whose last section holds
// aws_secret_access_key would otherwise be drawn as context.
import { structuredPatch } from 'diff';

export interface DiffLine {
  kind: 'added' | 'removed' | 'context' | 'hunk';
  text: string;
}

/** What a masked value is shown as: no length, no first characters. */
export const MASKED = '(hidden)';

/**
 * aws_secret_access_key, aws_session_token, aws_security_token (the old name botocore still
 * reads), and any key named like a secret. A key naming a file (web_identity_token_file) holds a
 * path, not the secret, and stays shown.
 */
const SECRET_KEY = /secret|token|password|passwd|passphrase|private_key|api_key|credential(?!_process)/i;

/** The line with a secret key's value masked; a commented-out `key = value` is masked too. */
export function maskSecretValue(line: string): string {
  const assignment = /^(\s*(?:[#;]\s*)?)([^=\s#;][^=]*?)(\s*=\s*)(.*)$/.exec(line);
  if (!assignment) return line;
  const [, lead = '', key = '', equals = '', value = ''] = assignment;
  if (!SECRET_KEY.test(key) || /_file$/i.test(key) || value.trim() === '') return line;
  return `${lead}${key}${equals}${MASKED}`;
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
      lines.push({ kind, text: maskSecretValue(line.slice(1).replace(/\r$/, '')) });
    }
  }
  return lines;
}
