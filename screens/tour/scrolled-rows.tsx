// The rows of a walkthrough page that fit, from an offset; the screen scrolls them with ↑ ↓.
import { Box, Text } from 'ink';
import { colour } from '../../components/theme';
import { clampOffset, type PageRow } from './page-rows';

export function ScrolledRows({
  rows,
  height,
  offset,
}: {
  rows: readonly PageRow[];
  height: number;
  offset: number;
}) {
  const first = clampOffset(offset, rows.length, height);
  return (
    <Box flexDirection="column" height={height}>
      {rows.slice(first, first + Math.max(1, height)).map((row, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: a row of the window, redrawn as it scrolls
          key={first + i}
          bold={row.bold ?? false}
          dimColor={row.dim ?? false}
          color={colour(row.tone)}
          wrap="truncate-end"
        >
          {row.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
