// The line above a filtered list: the query being typed (or kept), and how many rows match.
import { Box, Text } from 'ink';
import { TextField } from './text-field/text-field';
import { colour } from './theme';

export interface FilterLineProps {
  query: string;
  typing: boolean;
  matched: number;
  total: number;
  onChange: (query: string) => void;
  /** What the list holds, for "8 of 12 accounts". */
  noun: string;
}

export function FilterLine({ query, typing, matched, total, onChange, noun }: FilterLineProps) {
  const count = query ? `${matched} of ${total} ${noun}` : `${total} ${noun}`;
  if (!typing && !query) return <Text dimColor>{count}</Text>;
  return (
    <Box>
      <Text color={colour('accent')}>/ </Text>
      {typing ? <TextField value={query} onChange={onChange} /> : <Text>{query}</Text>}
      <Text dimColor> {count}</Text>
    </Box>
  );
}
