import { describe, expect, it } from 'vitest';
import { documentDiff, documentsDiffer } from '../../../src/trust-policy/document-diff';

describe('documentDiff', () => {
  it('shows a changed condition as the old line removed and the new one added, the rest the same', () => {
    const before = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Condition: { Bool: { mfa: 'true' } } }],
    };
    const after = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Condition: { Bool: { mfa: 'false' } } }],
    };
    const lines = documentDiff(JSON.stringify(before), after);
    expect(lines.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: '          "mfa": "true"' },
      { kind: 'added', text: '          "mfa": "false"' },
    ]);
    expect(lines[0]).toEqual({ kind: 'same', text: '{' });
    expect(lines.at(-1)).toEqual({ kind: 'same', text: '}' });
  });

  it('pretty-prints both alike, so compact text and an object that mean the same differ in nothing', () => {
    const doc = { Version: '2012-10-17', Statement: [] };
    expect(documentDiff(JSON.stringify(doc), doc).every((l) => l.kind === 'same')).toBe(true);
    expect(documentsDiffer(JSON.stringify(doc), doc)).toBe(false);
    expect(documentsDiffer(doc, { ...doc, Version: '2008-10-17' })).toBe(true);
  });
});
