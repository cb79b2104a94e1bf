// The trust-policy builder under typing, for bench/builder.mjs: the real App on the sandbox (in
// this process), opened on the builder for prod as `n` on the accounts screen opens it, and a
// floor beside it: a bare ink app with one TextField (the same field, key owner and render
// options). Both are rendered as `rolecall` renders (alternate screen, incremental rendering,
// ink's 30 fps throttle) into fake terminals, each fed to a headless xterm. ~200 keys go to the
// form one at a time (account IDs into entries, Ctrl-N, ← →, Tab, a service, an ARN, toggles
// with Space, conditions typed and taken back), and a key to the floor beside each, in turns.
// For each key: the time from writing it to stdin to the write after which the screen shows its
// effect (the focused line's text or mark, and the JSON once an entry is whole). Prints one JSON
// line per key, then a summary line.
import xterm from '@xterm/headless';
import { Box, render, Text } from 'ink';
import { useState } from 'react';
import { FieldKeysOwner } from '../components/field-keys';
import { TextField } from '../components/text-field/text-field';
import { HOME_SCREEN } from '../screens/app/navigation/route-params';
import { AppRoot, connectCore } from '../screens/app/shell/app-root';
import { createUiStore } from '../screens/app/stores/ui-store';
import { createCore } from '../src/core';
import { writeSandboxAwsFiles } from '../src/sandbox/aws-files';
import { pointEnvironmentAtSandbox } from '../src/sandbox/local';
import { PROD, seedWorld } from '../src/sandbox/seed';
import { startSandbox } from '../src/sandbox/server';
import { Settings, settingsReady } from '../src/settings/settings';
import { FakeStdin, FakeStdout } from '../test/helpers/fake-terminal';

const COLUMNS = 120;
const ROWS = 40;
/** Longer than ink's throttle (1000 / 30 fps = 34 ms), so each key's frame is drawn at once. */
const PAUSE_MS = Number(process.env.BUILDER_PAUSE_MS ?? 50);
/** A key whose effect is not on screen by then is reported as not shown. */
const KEY_DEADLINE_MS = 2000;
const LABEL_WIDTH = 16;

const TAB = '\t';
const CTRL_N = '\u000E';
const RIGHT = '\u001B[C';
const BACKSPACE = '\u007F';
const CTRL_U = '\u0015';

type Lines = string[];
interface Step {
  key: string;
  /** What the key does, for the report: type, tab, add, kind, toggle, delete. */
  kind: string;
  shows: (lines: Lines) => boolean;
}

const has = (text: string) => (lines: Lines) => lines.some((line) => line.includes(text));
/** The focused text field, its label and its whole value (the cursor cell after it). */
const fieldShows = (label: string, value: string) => has(`› ${label.padEnd(LABEL_WIDTH)}${value} `);
const both =
  (...all: Array<(lines: Lines) => boolean>) =>
  (lines: Lines) =>
    all.every((shows) => shows(lines));

/** The keys typed into the form, each with what the screen shows once it is taken. */
function builderSteps(): Step[] {
  const steps: Step[] = [];
  const typeInto = (label: string, text: string, whole?: string) => {
    for (let n = 1; n <= text.length; n++) {
      const shows = fieldShows(label, text.slice(0, n));
      steps.push({
        key: text[n - 1] ?? '',
        kind: 'type',
        shows: n === text.length && whole ? both(shows, has(whole)) : shows,
      });
    }
  };
  const tabTo = (shows: (lines: Lines) => boolean) => steps.push({ key: TAB, kind: 'tab', shows });
  let entry = 1;
  const addEntry = () => {
    entry += 1;
    steps.push({ key: CTRL_N, kind: 'add', shows: both(has(`› Entry ${entry}`), has('‹ AWS account ›')) });
  };
  const kindTo = (label: string) => steps.push({ key: RIGHT, kind: 'kind', shows: has(`‹ ${label} ›`) });

  // Eight accounts: the JSON's AWS principal grows to a list of eight ARNs.
  for (let i = 0; i < 8; i++) {
    if (i > 0) addEntry();
    const id = String(100_000_000_000 + (i + 1) * 12_345_678_901);
    tabTo(fieldShows('Account ID', ''));
    typeInto('Account ID', id, `"arn:aws:iam::${id}:root"`);
  }
  addEntry();
  kindTo('IAM user or role');
  kindTo('AWS service');
  tabTo(fieldShows('Service', ''));
  typeInto('Service', 'ecs-tasks', '"ecs-tasks.amazonaws.com"');
  addEntry();
  kindTo('IAM user or role');
  tabTo(fieldShows('User/role ARN', ''));
  const arn = 'arn:aws:iam::444455556666:role/Deploy';
  typeInto('User/role ARN', arn, `"${arn}"`);
  tabTo(has('› [ ] Require MFA'));
  steps.push({
    key: ' ',
    kind: 'toggle',
    shows: both(has('› [x] Require MFA'), has('"aws:MultiFactorAuthPresent": "true"')),
  });
  tabTo(fieldShows('MFA max age', ''));
  typeInto('MFA max age', '1h', '"aws:MultiFactorAuthAge"');
  tabTo(fieldShows('External ID', ''));
  const externalId = 'Partner-7Qx2-bench';
  typeInto('External ID', externalId);
  for (let n = 1; n <= 4; n++)
    steps.push({
      key: BACKSPACE,
      kind: 'delete',
      shows: fieldShows('External ID', externalId.slice(0, -n)),
    });
  tabTo(fieldShows('Organization', ''));
  typeInto('Organization', 'o-a1b2c3d4e5', '"aws:PrincipalOrgID": "o-a1b2c3d4e5"');
  tabTo(has('› [ ] Allow session tags'));
  steps.push({
    key: ' ',
    kind: 'toggle',
    shows: both(has('› [x] Allow session tags'), has('"sts:TagSession"')),
  });
  return steps;
}

/** A fake terminal for one ink app: what is written is timed and painted into a headless xterm. */
class Screen {
  readonly stdout = Object.assign(new FakeStdout(COLUMNS, ROWS), { isTTY: true });
  readonly stdin = new FakeStdin();
  private readonly terminal = new xterm.Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true });
  private painted = Promise.resolve();
  writes: Array<{ at: number; bytes: number }> = [];
  /** The key being timed: when its effect was first on screen. */
  private pending: { shows: (lines: Lines) => boolean; shownAt?: number } | undefined;

  constructor() {
    const fakeWrite = this.stdout.write;
    this.stdout.write = (data: string, ...rest: unknown[]) => {
      const at = performance.now();
      this.writes.push({ at, bytes: Buffer.byteLength(data) });
      this.painted = this.painted
        .then(() => new Promise<void>((resolve) => this.terminal.write(data, resolve)))
        .then(() => {
          const pending = this.pending;
          if (pending && pending.shownAt === undefined && pending.shows(this.lines())) pending.shownAt = at;
        });
      return fakeWrite(data, ...rest);
    };
  }

  private lines(): Lines {
    const buffer = this.terminal.buffer.active;
    const lines: Lines = [];
    // Untrimmed: a field's cursor cell at the end of its line is part of what is checked.
    for (let y = 0; y < ROWS; y++)
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(false) ?? '');
    return lines;
  }

  async text(): Promise<Lines> {
    await this.painted;
    return this.lines();
  }

  async waitFor(shows: (lines: Lines) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = await this.text();
      if (shows(lines)) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${lines.join('\n')}`);
      await sleep(20);
    }
  }

  /** Presses a key; resolves with the time to the frame that shows it, once the screen is quiet. */
  async press(key: string, shows: (lines: Lines) => boolean) {
    await sleep(PAUSE_MS);
    this.writes = [];
    const pending: { shows: (lines: Lines) => boolean; shownAt?: number } = { shows };
    this.pending = pending;
    const pressed = performance.now();
    this.stdin.write(key);
    const deadline = pressed + KEY_DEADLINE_MS;
    while (pending.shownAt === undefined && performance.now() < deadline) {
      await new Promise(setImmediate);
      if (this.writes.length > 0) await this.painted;
    }
    // Anything else the key sets off (a second render, the throttle's trailing edge) comes within this.
    await sleep(PAUSE_MS);
    await this.painted;
    this.pending = undefined;
    return {
      ms: pending.shownAt === undefined ? Number.NaN : pending.shownAt - pressed,
      firstWriteMs: this.writes[0] ? this.writes[0].at - pressed : Number.NaN,
      writes: this.writes.length,
      bytes: this.writes.reduce((sum, w) => sum + w.bytes, 0),
    };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const renderOptions = (screen: Screen) => ({
  stdout: screen.stdout as unknown as NodeJS.WriteStream,
  stderr: new FakeStdout(COLUMNS, ROWS) as unknown as NodeJS.WriteStream,
  stdin: screen.stdin as unknown as NodeJS.ReadStream,
  interactive: true,
  alternateScreen: true,
  incrementalRendering: true,
  exitOnCtrlC: false,
  patchConsole: false,
});

/** The floor: one labelled TextField under the app's key owner, and nothing else. */
function FloorApp() {
  const [value, setValue] = useState('');
  return (
    <FieldKeysOwner>
      <Box>
        <Text>› {'Floor'.padEnd(LABEL_WIDTH)}</Text>
        <TextField value={value} onChange={setValue} />
      </Box>
    </FieldKeysOwner>
  );
}

const seeded = seedWorld();
const server = await startSandbox(seeded.world);
const files = writeSandboxAwsFiles(seeded, server.endpoint);
pointEnvironmentAtSandbox(process.env, server.endpoint, files);

// As the interface has it a moment after its first frame: the settings store loaded.
await settingsReady();
const settings = new Settings({ dir: process.env.BUILDER_CONFIG_DIR ?? '' });
// No ticks: a countdown's redraw landing between a key and its frame would be counted as the key's.
const core = createCore({
  settings,
  env: process.env,
  ticker: { subscribe: () => () => {} },
  clipboard: { write: async () => ({ with: 'program' as const }) },
});
const store = createUiStore(HOME_SCREEN);
const disconnect = connectCore(core, store);

const app = new Screen();
const appInstance = render(<AppRoot core={core} store={store} fullScreen />, renderOptions(app));
const floor = new Screen();
const floorInstance = render(<FloorApp />, renderOptions(floor));

store.getState().actions.open('accounts', {});
await app.waitFor(has(PROD), 'the accounts list');
store.getState().actions.open('trust-policy', { account: PROD, name: 'prod' });
await app.waitFor(has('Who may assume it'), 'the trust-policy builder');
await floor.waitFor(has('› Floor'), 'the floor’s field');
await sleep(200);

/** The floor's key for each of the form's: the same character, or one letter for a key the field ignores. */
let floorValue = '';
function floorKey(key: string): { key: string; shows: (lines: Lines) => boolean } {
  if (floorValue.length >= 40) {
    floorValue = '';
    return { key: CTRL_U, shows: fieldShows('Floor', '') };
  }
  if (key === BACKSPACE) floorValue = floorValue.slice(0, -1);
  else floorValue += /^[!-~]$/.test(key) ? key : 'x';
  const sent = key === BACKSPACE ? BACKSPACE : (floorValue.at(-1) ?? 'x');
  return { key: sent, shows: fieldShows('Floor', floorValue) };
}

const typingFromUs = Number(process.hrtime.bigint() / 1000n);
const steps = builderSteps();
for (const [i, step] of steps.entries()) {
  const onFloor = floorKey(step.key);
  // In turns, so neither side always goes first after the other's work.
  const pressApp = () => app.press(step.key, step.shows);
  const pressFloor = () => floor.press(onFloor.key, onFloor.shows);
  let form: Awaited<ReturnType<typeof pressApp>>;
  let bare: Awaited<ReturnType<typeof pressFloor>>;
  if (i % 2 === 0) {
    form = await pressApp();
    bare = await pressFloor();
  } else {
    bare = await pressFloor();
    form = await pressApp();
  }
  const name = { [TAB]: 'Tab', [CTRL_N]: 'Ctrl-N', [RIGHT]: '→', [BACKSPACE]: '⌫', ' ': 'Space' }[step.key];
  console.log(JSON.stringify({ key: name ?? step.key, kind: step.kind, ...form, floor: bare }));
}
const typingToUs = Number(process.hrtime.bigint() / 1000n);
const lines = await app.text();
// The form's first line says what the checks found; the JSON is the right half.
const statusLine =
  lines.map((l) => l.slice(0, COLUMNS / 2).trim()).find((l) => /IAM would|\d+ errors?,/.test(l)) ?? '';
const jsonRows = lines.filter((l) => /^\s*[{}[\]"]/.test(l.slice(COLUMNS / 2))).length;
console.log(
  JSON.stringify({
    summary: true,
    typingFromUs,
    typingToUs,
    columns: COLUMNS,
    rows: ROWS,
    statusLine,
    jsonRows,
  }),
);

disconnect();
appInstance.unmount();
floorInstance.unmount();
await server.close();
files.remove();
process.exit(0);
