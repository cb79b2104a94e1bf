// Every key of the current screen and every key that works everywhere, with what each does.
import { Box, Text } from 'ink';
import { showKey } from './key-names';
import { visibleWindow } from './visible-window';

export interface HelpEntry {
  keys: readonly string[];
  description: string;
}

export interface HelpOverlayProps {
  screenTitle: string;
  screenKeys: readonly HelpEntry[];
  globalKeys: readonly HelpEntry[];
  /** First row shown, for when the list is taller than the room. */
  offset: number;
  height: number;
}

type Row = { kind: 'heading'; text: string } | { kind: 'key'; entry: HelpEntry } | { kind: 'blank' };

export function helpRows(
  screenTitle: string,
  screenKeys: readonly HelpEntry[],
  globalKeys: readonly HelpEntry[],
): Row[] {
  return [
    { kind: 'heading', text: `Keys on ${screenTitle}` },
    ...(screenKeys.length
      ? screenKeys.map((entry): Row => ({ kind: 'key', entry }))
      : [{ kind: 'heading', text: '  (none of its own)' } as Row]),
    { kind: 'blank' },
    { kind: 'heading', text: 'Everywhere' },
    ...globalKeys.map((entry): Row => ({ kind: 'key', entry })),
  ];
}

export function HelpOverlay({ screenTitle, screenKeys, globalKeys, offset, height }: HelpOverlayProps) {
  const rows = helpRows(screenTitle, screenKeys, globalKeys);
  const room = Math.max(1, height - 1);
  const { start, end } = visibleWindow(rows.length, offset + Math.floor(room / 2), room);
  const width = Math.max(...rows.map((r) => (r.kind === 'key' ? keysText(r.entry).length : 0)));
  return (
    <Box flexDirection="column" flexGrow={1}>
      {rows.slice(start, end).map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and static
        <HelpRow key={start + i} row={row} keyWidth={width} />
      ))}
      <Text dimColor wrap="truncate-end">
        {end < rows.length || start > 0 ? '↑↓ scroll · ' : ''}? or Esc closes help
      </Text>
    </Box>
  );
}

function HelpRow({ row, keyWidth }: { row: Row; keyWidth: number }) {
  if (row.kind === 'blank') return <Text> </Text>;
  if (row.kind === 'heading') return <Text bold>{row.text}</Text>;
  return (
    <Box>
      <Box width={keyWidth + 4} flexShrink={0}>
        <Text bold>{`  ${keysText(row.entry)}`}</Text>
      </Box>
      <Box flexShrink={1}>
        <Text wrap="truncate-end">{row.entry.description}</Text>
      </Box>
    </Box>
  );
}

function keysText(entry: HelpEntry): string {
  return entry.keys.map(showKey).join(' ');
}
