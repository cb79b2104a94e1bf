// A policy document as indented JSON, coloured by token: keys, strings, and the rest plain, so
// the principals and conditions stand out. One line per row, for scrolling.
import { Text } from 'ink';
import { colour } from './theme';

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?/g;

/** The lines of the pretty-printed document. */
export function policyLines(document: string): string[] {
  try {
    return JSON.stringify(JSON.parse(document), null, 2).split('\n');
  } catch {
    return document.split('\n');
  }
}

export function PolicyJsonLine({ line }: { line: string }) {
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
