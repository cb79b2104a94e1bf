// A JSON document (a policy as IAM holds it, or as a form is building it) as indented lines,
// coloured by token: keys, strings, and the rest plain, so the principals and conditions stand
// out. One line per row, for scrolling; a preview shows the rows that fit from an offset. Given
// its width, a line longer than that is wrapped, the rest indented under its start, rather than
// cut: an ARN or an external ID is read whole (what is copied is the document, never the rows).
import { Box, Text } from 'ink';
import { colour } from '../theme';

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?/g;

/**
 * The lines of the pretty-printed document: text is parsed first (shown as it is when it is not
 * JSON, so a broken policy still reads); anything else is the value itself.
 */
export function jsonLines(document: unknown): string[] {
  if (typeof document !== 'string') return (JSON.stringify(document, null, 2) ?? '').split('\n');
  try {
    return JSON.stringify(JSON.parse(document), null, 2).split('\n');
  } catch {
    return document.split('\n');
  }
}

/** The document's rows at `width` columns: each line, and a long one's rest under its indent. */
export function jsonPreviewRows(document: unknown, width?: number): string[] {
  const lines = jsonLines(document);
  if (!width) return lines;
  const rows: string[] = [];
  for (const line of lines) {
    if (line.length <= width) {
      rows.push(line);
      continue;
    }
    const indent = ' '.repeat(Math.min((/^ */.exec(line)?.[0].length ?? 0) + 2, Math.floor(width / 2)));
    rows.push(line.slice(0, width));
    for (let at = width; at < line.length; at += width - indent.length)
      rows.push(indent + line.slice(at, at + width - indent.length));
  }
  return rows;
}

/** The first line to show so that `height` rows are filled, for an offset asked for. */
export function previewOffset(offset: number, lines: number, height: number): number {
  return Math.min(Math.max(0, offset), Math.max(0, lines - Math.max(1, height)));
}

export function JsonLine({ line }: { line: string }) {
  const parts: Array<{ text: string; tone?: 'accent' | 'ok' }> = [];
  let at = 0;
  for (const match of line.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > at) parts.push({ text: line.slice(at, index) });
    const [whole, string = '', colon] = match;
    parts.push({ text: string, tone: colon ? 'accent' : 'ok' });
    if (colon) parts.push({ text: colon });
    at = index + whole.length;
  }
  if (at < line.length) parts.push({ text: line.slice(at) });
  return (
    <Text wrap="truncate-end">
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one line never move
        <Text key={i} color={colour(part.tone)}>
          {part.text}
        </Text>
      ))}
    </Text>
  );
}

export interface JsonPreviewProps {
  document: unknown;
  /** Rows the preview may use. */
  height: number;
  /** The first line asked for; kept within the document. */
  offset?: number;
  /** Columns: a longer line is wrapped (jsonPreviewRows); without, it is cut at the edge. */
  width?: number;
}

export function JsonPreview({ document, height, offset = 0, width }: JsonPreviewProps) {
  const lines = jsonPreviewRows(document, width);
  const first = previewOffset(offset, lines.length, height);
  return (
    <Box flexDirection="column">
      {lines.slice(first, first + Math.max(1, height)).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row of the window, redrawn as it scrolls
        <JsonLine key={first + i} line={line} />
      ))}
    </Box>
  );
}
