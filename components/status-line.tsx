// The line above the footer: the last thing that happened, in the colour of its tone.
import { Box, Text } from 'ink';
import type { Status } from './status';
import { colour } from './theme';
import { wrappedRows } from './wrapped-rows';

/** A long status (a settings file moved aside) wraps rather than lose its end, up to this. */
const MAX_ROWS = 4;

export function statusRows(status: Status | undefined, columns: number): number {
  return status ? Math.min(MAX_ROWS, wrappedRows(status.text, columns)) : 1;
}

export function StatusLine({ status, columns }: { status?: Status; columns: number }) {
  return (
    <Box height={statusRows(status, columns)} flexShrink={0} overflow="hidden">
      <Text color={colour(status?.tone === 'info' ? undefined : status?.tone)} wrap="wrap">
        {status ? status.text : ' '}
      </Text>
    </Box>
  );
}
