// The interface through a simulated day, for bench/heap.mjs: the real App and dashboard, 20
// sessions on auto-refresh, one tick per simulated second on a hand-moved clock, every frame
// rendered. Prints JSON lines of heap use (after a full GC) as the day goes on.
import { render } from 'ink';
import { HOME_SCREEN } from '../screens/app/navigation/route-params';
import { AppRoot, connectCore } from '../screens/app/shell/app-root';
import { createUiStore } from '../screens/app/stores/ui-store';
import { type Core, createCore } from '../src/core';
import { Settings, settingsReady } from '../src/settings/settings';
import { FakeStdin, FakeStdout } from '../test/helpers/fake-terminal';

const SESSIONS = 20;
const SECONDS = Number(process.env.DAY_SECONDS ?? 86_400);
const SAMPLE_EVERY = 3600;

let now = Date.parse('2026-11-23T08:00:00Z');
const clock = { now: () => now };
const listeners = new Set<() => void>();
let keyNumber = 0;
const credentials = (seconds: number) => ({
  accessKeyId: `ASIA${String(++keyNumber).padStart(16, '0')}`,
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: new Date(now + seconds * 1000),
});

// As the interface has it a moment after its first frame: the settings store loaded.
await settingsReady();
const core: Core = createCore({
  settings: new Settings({ dir: process.env.DAY_CONFIG_DIR ?? '' }),
  env: process.env,
  clock,
  ticker: {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  },
  clipboard: { write: async () => ({ with: 'program' as const }) },
});
for (let i = 0; i < SESSIONS; i++) {
  // Staggered lengths, so refreshes happen all through the day, not all at once.
  core.sessions.add(
    {
      id: `account-${i}/Role${i}`,
      region: 'eu-west-1',
      autoRefresh: true,
      origin: { source: 'profile alice', mfa: i % 3 === 0, chained: i % 4 === 0 },
      credentials: credentials(900 + i * 150),
    },
    async () => credentials(3600),
  );
}
const store = createUiStore(HOME_SCREEN);
const disconnect = connectCore(core, store);
const screen = new FakeStdout(120, 40);
const instance = render(<AppRoot core={core} store={store} fullScreen />, {
  stdout: screen as unknown as NodeJS.WriteStream,
  stderr: new FakeStdout(120, 40) as unknown as NodeJS.WriteStream,
  stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
  debug: true,
  exitOnCtrlC: false,
  patchConsole: false,
});

let refreshes = 0;
core.sessions.on((event) => {
  if (event.type === 'refreshed') refreshes++;
});
const settle = () => new Promise((resolve) => setImmediate(resolve));
const sample = (second: number) => {
  globalThis.gc?.();
  const { heapUsed } = process.memoryUsage();
  console.log(
    JSON.stringify({ second, heapUsed, refreshes, frame: screen.lastFrame.split('\n')[3]?.trim() }),
  );
};

await settle();
for (let second = 1; second <= SECONDS; second++) {
  now += 1000;
  for (const listener of listeners) listener();
  await settle();
  if (second % SAMPLE_EVERY === 0 || second === 60) sample(second);
}
disconnect();
instance.unmount();
