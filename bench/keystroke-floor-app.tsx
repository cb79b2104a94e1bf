// The floors bench/keystroke.mjs judges the roles screen against, typed the same keys in turns
// with it (a line on stdin before each key), over the same rows (KEYSTROKE_ROWS_FILE, written by
// keystroke-app.tsx):
// - `list`: the same frame drawn by a minimal ink list: the filter line, the visible names with
//   a cursor row, filtered by the same filter (src/filter/fuzzy-filter.ts), rendered with the
//   same options into the same fake terminal (keystroke-terminal.ts). What is left above it is
//   the roles screen's own cost: its shell, keymap, verdicts and rows.
// - `filter`: the filter alone: the time of each key's query through the same filter.
// Prints {"ready":true}, then one JSON line per key.
import { readFileSync } from 'node:fs';
import { Box, render, Text, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { fuzzyFilter } from '../src/filter/fuzzy-filter';
import { BACKSPACE, type BenchRow, COLUMNS, keySequence, ROWS, turns } from './keystroke-keys';
import { fakeTerminal } from './keystroke-terminal';

const mode = process.argv[2];
const rows: BenchRow[] = JSON.parse(readFileSync(process.env.KEYSTROKE_ROWS_FILE ?? '', 'utf8'));
const text = (row: BenchRow) => row.text;
const nextTurn = turns();

if (mode === 'filter') {
  const filter = fuzzyFilter(rows, text);
  console.log(JSON.stringify({ ready: true }));
  for (const { query } of keySequence()) {
    await nextTurn();
    const started = performance.now();
    // What a screen asks of it for a key: the matches, and how many.
    const matched = filter.matches(query).length;
    console.log(JSON.stringify({ query, ms: performance.now() - started, matched }));
  }
  process.exit(0);
}

/** As many role rows as the roles screen shows at 100x30. */
const LIST_ROWS = ROWS - 7;

function List() {
  const [query, setQuery] = useState('');
  const [typing, setTyping] = useState(false);
  const filter = useMemo(() => fuzzyFilter(rows, text), []);
  const matches = useMemo(() => filter.matches(query), [filter, query]);
  useInput((input, key) => {
    if (!typing) {
      if (input === '/') setTyping(true);
    } else if (key.backspace || key.delete || input === BACKSPACE) setQuery((q) => q.slice(0, -1));
    else if (input) setQuery((q) => q + input);
  });
  const count = query ? `${matches.length} of ${rows.length} roles` : `${rows.length} roles`;
  // The full height, as a full-screen app on the alternate screen must be (docs/ink-notes.md).
  return (
    <Box flexDirection="column" paddingX={1} height={ROWS}>
      <Text>
        {typing ? '/ ' : ''}
        {query} <Text dimColor>{count}</Text>
      </Text>
      {matches.slice(0, LIST_ROWS).map(({ item }, i) => (
        <Text key={item.text} wrap="truncate-end" bold={i === 0}>
          {i === 0 ? '› ' : '  '}
          {item.name} <Text dimColor>{item.path}</Text>
          {item.profile ? <Text dimColor> profile {item.profile}</Text> : ''} <Text dimColor>{item.max}</Text>
        </Text>
      ))}
    </Box>
  );
}

const { inkOptions, waitForScreen, press, shows, keyName } = fakeTerminal();
render(<List />, inkOptions);
await waitForScreen((lines) => lines.some((l) => l.includes(`${rows.length} roles`)), 'the list');
console.log(JSON.stringify({ ready: true, columns: COLUMNS }));
await nextTurn();
console.log(JSON.stringify({ slash: await press('/') }));
for (const { key, query } of keySequence()) {
  await nextTurn();
  const result = await press(key);
  console.log(JSON.stringify({ key: keyName(key), query, ...result, ...(await shows(query)) }));
}
process.exit(0);
