// The bundle is an ES module: CommonJS's __filename and __dirname do not exist there, and a
// dependency that reads one throws only when that code runs (write-file-atomic did, on writing
// the AWS config). Every use in the built chunks must be one the bundle declares or defines.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, requireBuiltBin } from '../helpers/built-bin';

/** Lines that use the name as code: not in a comment, not declared in the same file. */
function undeclaredUses(file: string, name: '__filename' | '__dirname'): string[] {
  const text = readFileSync(file, 'utf8');
  // Declared first in its statement, or later in a list (esbuild joins declarations: `var a = 1, b = 2`).
  if (new RegExp(`(?:var|let|const)\\s+${name}\\b|^(?:var|let|const)\\s.*,\\s*${name}\\s*=`, 'm').test(text))
    return [];
  const use = new RegExp(`(?<![\\w$.'"\`])${name}(?![\\w$])`);
  return text
    .split('\n')
    .filter((line) => use.test(line) && !/^\s*(\*|\/\/|\/\*)/.test(line))
    .map((line) => `${file}: ${line.trim().slice(0, 120)}`);
}

describe('the built bundle as an ES module', () => {
  it('reads no undeclared __filename or __dirname', () => {
    requireBuiltBin();
    const files = [
      join(ROOT, 'dist/rolecall.js'),
      ...readdirSync(join(ROOT, 'dist/chunks'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => join(ROOT, 'dist/chunks', f)),
    ];
    const uses = files.flatMap((f) => [
      ...undeclaredUses(f, '__filename'),
      ...undeclaredUses(f, '__dirname'),
    ]);
    expect(uses).toEqual([]);
  });
});
