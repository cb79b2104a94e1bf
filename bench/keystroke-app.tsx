// The roles screen under typing, for bench/keystroke.mjs: the real App on the sandbox (in this
// process) with 10,000 extra roles in dev, rendered with the options `rolecall` uses (alternate
// screen, incremental rendering, ink's 30 fps throttle) into a fake terminal, and a filter typed
// one key at a time. For each key: the time from writing it to stdin to the first write of the
// frame, how many writes and RoleLine renders it caused, and whether the screen (a headless
// xterm fed with everything written) shows the query. Prints one JSON line per key, then a
// summary line.
import xterm from '@xterm/headless';
import { render } from 'ink';
import { HOME_SCREEN } from '../screens/app/navigation/route-params';
import { AppRoot, connectCore } from '../screens/app/shell/app-root';
import { createUiStore } from '../screens/app/stores/ui-store';
import { createCore } from '../src/core';
import { writeSandboxAwsFiles } from '../src/sandbox/aws-files';
import { pointEnvironmentAtSandbox } from '../src/sandbox/local';
import { DEV, seedWorld } from '../src/sandbox/seed';
import { startSandbox } from '../src/sandbox/server';
import { Settings } from '../src/settings/settings';
import { FakeStdin, FakeStdout } from '../test/helpers/fake-terminal';

const ROLES = Number(process.env.KEYSTROKE_ROLES ?? 10_000);
const KEYS = Number(process.env.KEYSTROKE_KEYS ?? 200);
const COLUMNS = 100;
const ROWS = 30;
/** Longer than ink's throttle (1000 / 30 fps = 34 ms), so each key's frame is drawn at once. */
const PAUSE_MS = Number(process.env.KEYSTROKE_PAUSE_MS ?? 50);
const BACKSPACE = '\u007F';

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

/** Each key with the query it leaves, until there are KEYS of them. */
function keySequence(): Array<{ key: string; query: string }> {
  const keys: Array<{ key: string; query: string }> = [];
  for (let round = 0; keys.length < KEYS; round++) {
    const query = QUERIES[round % QUERIES.length] ?? '';
    for (let n = 1; n <= query.length; n++) keys.push({ key: query[n - 1] ?? '', query: query.slice(0, n) });
    for (let n = query.length - 1; n >= 0; n--) keys.push({ key: BACKSPACE, query: query.slice(0, n) });
  }
  return keys.slice(0, KEYS);
}

const seeded = seedWorld({ extraRoles: ROLES });
const server = await startSandbox(seeded.world);
const files = writeSandboxAwsFiles(seeded, server.endpoint);
pointEnvironmentAtSandbox(process.env, server.endpoint, files);

const settings = new Settings({ dir: process.env.KEYSTROKE_CONFIG_DIR ?? '' });
// No ticks: a countdown's redraw landing between a key and its frame would be counted as the key's.
const core = createCore({ settings, env: process.env, ticker: { subscribe: () => () => {} } });
const store = createUiStore(HOME_SCREEN);
const disconnect = connectCore(core, store);

const terminal = new xterm.Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true });
let painted = Promise.resolve();
const screenText = async () => {
  await painted;
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < ROWS; y++)
    lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
  return lines;
};

const stdout = Object.assign(new FakeStdout(COLUMNS, ROWS), { isTTY: true });
const stdin = new FakeStdin();
let writes: Array<{ at: number; bytes: number }> = [];
const fakeWrite = stdout.write;
stdout.write = (data: string, ...rest: unknown[]) => {
  writes.push({ at: performance.now(), bytes: Buffer.byteLength(data) });
  painted = painted.then(() => new Promise<void>((resolve) => terminal.write(data, resolve)));
  return fakeWrite(data, ...rest);
};

const g = globalThis as { __roleLineRenders?: number };
g.__roleLineRenders = 0;

const instance = render(<AppRoot core={core} store={store} fullScreen />, {
  stdout: stdout as unknown as NodeJS.WriteStream,
  stderr: new FakeStdout(COLUMNS, ROWS) as unknown as NodeJS.WriteStream,
  stdin: stdin as unknown as NodeJS.ReadStream,
  interactive: true,
  alternateScreen: true,
  incrementalRendering: true,
  exitOnCtrlC: false,
  patchConsole: false,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitForScreen(predicate: (lines: string[]) => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = await screenText();
    if (predicate(lines)) return lines;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${lines.join('\n')}`);
    await sleep(20);
  }
}

const loadStarted = performance.now();
store.getState().actions.open('roles', { account: DEV });
await waitForScreen((lines) => lines.some((l) => /IAM’s [\d,]+ roles/.test(l)), 'the IAM line');
const loadMs = performance.now() - loadStarted;
await sleep(200);

/** Presses a key; resolves with its frame's latency, writes and RoleLine renders once quiet. */
async function press(key: string) {
  await sleep(PAUSE_MS);
  writes = [];
  g.__roleLineRenders = 0;
  const pressed = performance.now();
  stdin.write(key);
  const deadline = pressed + 2000;
  while (writes.length === 0 && performance.now() < deadline) await new Promise(setImmediate);
  // Anything else the key sets off (a second render, the throttle's trailing edge) comes within this.
  await sleep(PAUSE_MS);
  const first = writes[0];
  return {
    ms: first ? first.at - pressed : Number.NaN,
    writes: writes.length,
    bytes: writes.reduce((sum, w) => sum + w.bytes, 0),
    roleLines: g.__roleLineRenders ?? 0,
  };
}

const slash = await press('/');
// On the monotonic clock V8's CPU profiles use, so a profile can be cut to the typing.
const typingFromUs = Number(process.hrtime.bigint() / 1000n);
const results = [];
for (const { key, query } of keySequence()) {
  const result = await press(key);
  const lines = await screenText();
  const filterLine = lines.find((l) => l.trimStart().startsWith('/ ')) ?? '';
  const shown = filterLine.trim().slice(2);
  // The query, then (one space later) "N of M roles", or just "M roles" once it is empty.
  const reflects = query
    ? shown.startsWith(`${query} `) && / of \d+ roles$/.test(shown)
    : /^\s*\d+ roles$/.test(shown);
  const visibleRoles = lines.filter((l) =>
    /^ *[›]? *(Generated-|Developer|ReadOnly|Admin|Deployer)/.test(l),
  ).length;
  const row = {
    key: key === BACKSPACE ? '⌫' : key,
    query,
    ...result,
    reflects,
    filterLine: filterLine.trim(),
    visibleRoles,
  };
  results.push(row);
  console.log(JSON.stringify(row));
}
const typingToUs = Number(process.hrtime.bigint() / 1000n);
console.log(
  JSON.stringify({
    summary: true,
    typingFromUs,
    typingToUs,
    roles: ROLES,
    iamLine: (await screenText()).find((l) => l.includes('IAM’s'))?.trim(),
    loadMs,
    slash,
    columns: COLUMNS,
    rows: ROWS,
  }),
);

disconnect();
instance.unmount();
await server.close();
files.remove();
process.exit(0);
