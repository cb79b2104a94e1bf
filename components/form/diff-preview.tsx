// Two documents' line diff, coloured: a removed line red with -, an added one green with +, the
// rest as the JSON preview draws it. Scrolled like the JSON preview: the rows that fit from an offset.
import { Box, Text } from 'ink';
import type { DiffLine } from '../../src/trust-policy/document-diff';
import { colour } from '../theme';
import { JsonLine, previewOffset } from './json-preview';

export interface DiffPreviewProps {
  lines: readonly DiffLine[];
  height: number;
  offset?: number;
}

export function DiffPreview({ lines, height, offset = 0 }: DiffPreviewProps) {
  const first = previewOffset(offset, lines.length, height);
  return (
    <Box flexDirection="column">
      {lines.slice(first, first + Math.max(1, height)).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row of the window, redrawn as it scrolls
        <DiffRow key={first + i} line={line} />
      ))}
    </Box>
  );
}

export function DiffRow({ line }: { line: DiffLine }) {
  if (line.kind === 'same')
    return (
      <Box>
        <Text> </Text>
        <JsonLine line={line.text} />
      </Box>
    );
  const tone = line.kind === 'added' ? 'ok' : 'error';
  return (
    <Text color={colour(tone)} wrap="truncate-end">
      {line.kind === 'added' ? '+' : '-'}
      {line.text}
    </Text>
  );
}
