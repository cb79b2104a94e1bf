// The bottom lines: the focused screen's keys, then the keys that work everywhere.
import { Box, Text } from 'ink';
import { showKey } from './key-names';
import type { KeyBinding } from './keymap';

export interface KeyHint {
  /** As written on screen: "Enter", "↑↓", "q". */
  key: string;
  label: string;
}

export function Footer({ hints }: { hints: readonly KeyHint[] }) {
  return (
    <Box
      borderStyle="single"
      borderBottom={false}
      borderLeft={false}
      borderRight={false}
      flexShrink={0}
      flexWrap="wrap"
      columnGap={2}
    >
      {hints.map((hint) => (
        <Text key={`${hint.key}:${hint.label}`} wrap="truncate-end">
          <Text bold>{hint.key}</Text> {hint.label}
        </Text>
      ))}
    </Box>
  );
}

/** Rows the footer takes: its rule plus the hint lines, packed the way flex-wrap packs them. */
export function footerRows(hints: readonly KeyHint[], columns: number): number {
  let lines = 1;
  let used = 0;
  for (const hint of hints) {
    const width = hint.key.length + 1 + hint.label.length;
    if (used > 0 && used + 2 + width > columns) {
      lines += 1;
      used = width;
    } else {
      used += (used > 0 ? 2 : 0) + width;
    }
  }
  return 1 + lines;
}

/** The footer's hints for a screen's bindings: those not marked footer: false. */
export function hintsFor(bindings: readonly KeyBinding[]): KeyHint[] {
  return bindings
    .filter((b) => b.footer !== false)
    .map((b) => ({ key: b.hint ?? showKey(b.keys[0] ?? ''), label: b.label }));
}
