// A role's verdict in a word or two, in the colour of what it means for the person.
import { Text } from 'ink';
import type { VerdictKind } from '../src/policy/verdict';
import { colour, type Tone } from './theme';

const MARKS: Record<VerdictKind, { text: string; tone?: Tone; dim?: boolean }> = {
  assumable: { text: '✓ assumable', tone: 'ok' },
  'duration-capped': { text: '✓ capped', tone: 'ok' },
  'needs-mfa': { text: '• needs MFA', tone: 'warning' },
  'needs-external-id': { text: '• external ID', tone: 'warning' },
  denied: { text: '✗ denied', tone: 'error' },
  dangling: { text: '✗ deleted principal', tone: 'error' },
  refused: { text: '✗ profile refused', tone: 'error' },
  'needs-login': { text: '• needs login', tone: 'warning' },
  unknown: { text: '? unknown', dim: true },
};

/** The widest mark, for lining up a column of them. */
export const VERDICT_MARK_WIDTH = Math.max(...Object.values(MARKS).map((m) => m.text.length));

export function VerdictMark({ kind }: { kind: VerdictKind }) {
  const mark = MARKS[kind];
  return (
    <Text color={colour(mark.tone)} dimColor={mark.dim ?? false}>
      {mark.text}
    </Text>
  );
}
