// One live session on the dashboard: who, where, the countdown in the colour of its time left,
// and the marks that explain it (MFA, chained and so capped at one hour, auto-refresh).
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

/** Room for every mark at once ("mfa chained 1h auto"): a row never takes two lines. */
const MARKS_WIDTH = 'mfa chained 1h auto'.length;

export interface SessionRowProps {
  name: string;
  /** "profile alice", "role Developer": where its credentials came from. */
  source: string;
  region: string;
  /** The time left, drawn by a component that redraws itself each second (the row does not). */
  countdown: ReactNode;
  mfa: boolean;
  chained: boolean;
  autoRefresh: boolean;
  selected: boolean;
  /** The live shells and commands bound to it, in words ("2 shells"); empty when none. */
  clients?: string;
}

export function SessionRow({
  name,
  source,
  region,
  countdown,
  mfa,
  chained,
  autoRefresh,
  selected,
  clients = '',
}: SessionRowProps) {
  const marks = [mfa ? 'mfa' : '', chained ? 'chained 1h' : '', autoRefresh ? 'auto' : ''].filter(Boolean);
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        <Text>{selected ? '›' : ' '}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate-end" bold={selected}>
          {name} <Text dimColor>{source}</Text>
          {clients ? <Text color="cyan"> · {clients}</Text> : null}
        </Text>
      </Box>
      <Box flexShrink={0} marginLeft={1}>
        <Text dimColor>{region}</Text>
      </Box>
      <Box flexShrink={0} marginLeft={1} width={MARKS_WIDTH} justifyContent="flex-end">
        <Text dimColor wrap="truncate-start">
          {marks.join(' ')}
        </Text>
      </Box>
      <Box flexShrink={0} marginLeft={1} width={9} justifyContent="flex-end">
        {countdown}
      </Box>
    </Box>
  );
}
