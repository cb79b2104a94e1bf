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

/** The footer's hints for a screen's bindings: those not marked footer: false. */
export function hintsFor(bindings: readonly KeyBinding[]): KeyHint[] {
  return bindings
    .filter((b) => b.footer !== false)
    .map((b) => ({ key: b.hint ?? showKey(b.keys[0] ?? ''), label: b.label }));
}
