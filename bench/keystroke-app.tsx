// The roles screen under typing, for bench/keystroke.mjs: the real App on the sandbox (in this
// process) with 10,000 extra roles in dev, rendered with the options `rolecall` uses (alternate
// screen, incremental rendering, ink's 30 fps throttle) into a fake terminal, and a filter typed
// one key at a time, each when the parent says (a line on stdin), so its floors can take their
// turns between. For each key: the time from writing it to stdin to the first write of the
// frame, how many writes and RoleLine renders it caused, and whether the screen (a headless
// xterm fed with everything written) shows the query. Once the roles are listed it writes them
// (KEYSTROKE_ROWS_FILE) for the floors, and prints {"ready":true}; then one JSON line per key,
// then a summary line.
import { writeFileSync } from 'node:fs';
import { render } from 'ink';
import { HOME_SCREEN } from '../screens/app/navigation/route-params';
import { AppRoot, connectCore } from '../screens/app/shell/app-root';
import { createUiStore } from '../screens/app/stores/ui-store';
import { createCore } from '../src/core';
import { formatDuration } from '../src/duration';
import { rowFilterText } from '../src/role-listing/role-rows';
import { writeSandboxAwsFiles } from '../src/sandbox/aws-files';
import { pointEnvironmentAtSandbox } from '../src/sandbox/local';
import { DEV, seedWorld } from '../src/sandbox/seed';
import { startSandbox } from '../src/sandbox/server';
import { Settings, settingsReady } from '../src/settings/settings';
import { type BenchRow, COLUMNS, keySequence, ROWS, sleep, turns } from './keystroke-keys';
import { fakeTerminal } from './keystroke-terminal';

const ROLES = Number(process.env.KEYSTROKE_ROLES ?? 10_000);
const nextTurn = turns();

const seeded = seedWorld({ extraRoles: ROLES });
const server = await startSandbox(seeded.world);
const files = writeSandboxAwsFiles(seeded, server.endpoint);
pointEnvironmentAtSandbox(process.env, server.endpoint, files);

// As the interface has it a moment after its first frame: the settings store loaded.
await settingsReady();
const settings = new Settings({ dir: process.env.KEYSTROKE_CONFIG_DIR ?? '' });
// No ticks: a countdown's redraw landing between a key and its frame would be counted as the key's.
const core = createCore({ settings, env: process.env, ticker: { subscribe: () => () => {} } });
const store = createUiStore(HOME_SCREEN);
const disconnect = connectCore(core, store);

const { inkOptions, screenText, waitForScreen, press, shows, keyName } = fakeTerminal();
const g = globalThis as { __roleLineRenders?: number };
g.__roleLineRenders = 0;

const instance = render(<AppRoot core={core} store={store} fullScreen />, inkOptions);

const loadStarted = performance.now();
store.getState().actions.open('roles', { account: DEV });
await waitForScreen((lines) => lines.some((l) => /IAM’s [\d,]+ roles/.test(l)), 'the IAM line');
const loadMs = performance.now() - loadStarted;

// The same rows, in the same order, for the floors (the listing is kept: this reads nothing).
const { rows } = await core.roleListing.roles(DEV);
const benchRows: BenchRow[] = rows.map((row) => ({
  text: rowFilterText(row),
  name: row.name,
  path: row.path,
  ...(row.profile ? { profile: row.profile.name } : {}),
  max: row.iam ? `max ${formatDuration(row.iam.maxSessionSeconds)}` : '',
}));
if (process.env.KEYSTROKE_ROWS_FILE)
  writeFileSync(process.env.KEYSTROKE_ROWS_FILE, JSON.stringify(benchRows));
await sleep(200);
console.log(JSON.stringify({ ready: true }));

/** A key's frame latency and writes (keystroke-terminal.ts), and the RoleLine renders it caused. */
async function pressCounted(key: string) {
  g.__roleLineRenders = 0;
  // On the monotonic clock V8's CPU profiles use, so a profile can be cut to a key.
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const result = await press(key);
  return {
    ...result,
    roleLines: g.__roleLineRenders ?? 0,
    fromUs,
    toUs: Number(process.hrtime.bigint() / 1000n),
  };
}

await nextTurn();
const slash = await pressCounted('/');
console.log(JSON.stringify({ slash }));
// On the monotonic clock V8's CPU profiles use, so a profile can be cut to the typing.
const typingFromUs = Number(process.hrtime.bigint() / 1000n);
for (const { key, query } of keySequence()) {
  await nextTurn();
  const result = await pressCounted(key);
  console.log(JSON.stringify({ key: keyName(key), query, ...result, ...(await shows(query)) }));
}
const typingToUs = Number(process.hrtime.bigint() / 1000n);
console.log(
  JSON.stringify({
    summary: true,
    typingFromUs,
    typingToUs,
    roles: rows.length,
    iamLine: (await screenText()).find((l) => l.includes('IAM’s'))?.trim(),
    loadMs,
    columns: COLUMNS,
    rows: ROWS,
  }),
);

disconnect();
instance.unmount();
await server.close();
files.remove();
process.exit(0);
