// Shown instead of a frame that could not be read: how big the window is, and how big it must be.
import { Box, Text } from 'ink';

export function TooSmall({
  columns,
  rows,
  minColumns,
  minRows,
}: {
  columns: number;
  rows: number;
  minColumns: number;
  minRows: number;
}) {
  return (
    <Box flexDirection="column">
      <Text bold>rolecall needs a larger window</Text>
      <Text wrap="wrap">
        This one is {columns}x{rows}; make it at least {minColumns}x{minRows}. Nothing is lost meanwhile. q
        quits.
      </Text>
    </Box>
  );
}
