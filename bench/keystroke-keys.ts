// What bench/keystroke.mjs types, shared by the roles screen (keystroke-app.tsx) and its floors
// (keystroke-floor-app.tsx), so each is given the same keys and the same queries; and the turn
// they take: each waits for a line on its stdin before a key, so the parent types them in turns
// and only one of them is busy at a time.
import { createInterface } from 'node:readline';

export const COLUMNS = 100;
export const ROWS = 30;
export const BACKSPACE = '\u007F';
/** Longer than ink's throttle (1000 / 30 fps = 34 ms), so each key's frame is drawn at once. */
export const PAUSE_MS = Number(process.env.KEYSTROKE_PAUSE_MS ?? 50);

// Queries a person might try, each typed and then taken back one key at a time.
const QUERIES = [
  'gen',
  'generated',
  '0042',
  'g-1',
  'developer',
  'readonly',
  '9999',
  'gnrtd05',
  'admin',
  'x',
  'generated/00',
  '123',
  'deploy',
  'ated-0100',
  'zz',
  '5',
  'role',
  'gen7',
  'Generated-00777',
];

/** Each key with the query it leaves, until there are `count` of them. */
export function keySequence(
  count = Number(process.env.KEYSTROKE_KEYS ?? 200),
): Array<{ key: string; query: string }> {
  const keys: Array<{ key: string; query: string }> = [];
  for (let round = 0; keys.length < count; round++) {
    const query = QUERIES[round % QUERIES.length] ?? '';
    for (let n = 1; n <= query.length; n++) keys.push({ key: query[n - 1] ?? '', query: query.slice(0, n) });
    for (let n = query.length - 1; n >= 0; n--) keys.push({ key: BACKSPACE, query: query.slice(0, n) });
  }
  return keys.slice(0, count);
}

/** One row of the roles screen, as the floors are given it: its filter text and what is drawn. */
export interface BenchRow {
  text: string;
  name: string;
  path: string;
  profile?: string;
  max: string;
}

/** Resolves at each line the parent writes to stdin: the go-ahead for the next key. */
export function turns(): () => Promise<void> {
  const waiting: Array<() => void> = [];
  let ready = 0;
  const lines = createInterface({ input: process.stdin });
  // The parent gone (it failed, or was stopped): nothing will say go again.
  lines.on('close', () => process.exit(1));
  lines.on('line', () => {
    const next = waiting.shift();
    if (next) next();
    else ready++;
  });
  return () =>
    new Promise<void>((resolve) => {
      if (ready > 0) {
        ready--;
        resolve();
      } else waiting.push(resolve);
    });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
