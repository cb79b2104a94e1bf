// CPU of the idle dashboard (issue 15's goal: 0.5 % of a core or less), and the bytes it writes
// to the terminal while idle, against its floor measured in the same window: bare ink redrawing
// one ticking line at 1 Hz (bench/idle-floor.ts), bundled as the bin is and started the same way
// in a pty of the same size. Runs the built `rolecall --sandbox` in a real pseudo-terminal,
// assumes two roles through the interface (dev-developer, then dev-readonly-via-developer;
// neither needs MFA), so the dashboard counts two sessions down, then leaves it and the floor
// alone side by side and reads each process's CPU time from /proc before and after, thread by
// thread (the main thread apart from V8's helpers). Prints the figures and the ratios; asserts
// nothing. Linux only.
// Run with `npm run bench:idle` (builds first). IDLE_SECONDS sets the idle time (default 60);
// IDLE_BYTES=1 prints what one second of the idle dashboard writes, escaped; IDLE_PROF=dir
// writes rolecall's CPU profile there (the idle window is its last IDLE_SECONDS); IDLE_NODE_FLAGS
// passes node flags to rolecall (say --import=a-gc-observer.mjs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { build } from 'esbuild';
import { bundleOptions, bundling } from '../scripts/bundle-options.mjs';
import { returningUserSettingsDir } from './returning-user.mjs';

const seconds = Number(process.env.IDLE_SECONDS ?? 60);
const COLUMNS = 100;
const ROWS = 30;
const bin = fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));
const configDir = returningUserSettingsDir(join(tmpdir(), 'rolecall-idle-'));
// A person's terminal: no colour overrides, and no CI variables (ink then draws only a final frame).
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) =>
      !['CI', 'FORCE_COLOR', 'NO_COLOR', 'CONTINUOUS_INTEGRATION'].includes(name) && !name.startsWith('CI_'),
  ),
);

// The floor, bundled as the bin is (esbuild, split into an entry and a chunk, compile cache).
const floorDir = mkdtempSync(join(tmpdir(), 'rolecall-idle-floor-'));
await build({
  ...bundleOptions,
  entryPoints: { floor: 'bench/idle-floor.ts' },
  outdir: floorDir,
  splitting: true,
  minifySyntax: true,
  // ink's own Output, not the one rolecall's build puts in its place; bundled as rolecall is
  // otherwise (React linked once, yoga's wasm without fetch).
  plugins: bundling,
});
const ptyEnv = { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor', ROLECALL_CONFIG_DIR: configDir };

const terminal = new xterm.Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true });
// IDLE_PROF=dir: rolecall writes a V8 CPU profile there when it quits (node --cpu-prof).
const profile = process.env.IDLE_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.IDLE_PROF}`] : [];
if (process.env.IDLE_NODE_FLAGS) profile.push(...process.env.IDLE_NODE_FLAGS.split(' '));
const pty = spawn(process.execPath, [...profile, bin, '--sandbox'], {
  name: 'xterm-256color',
  cols: COLUMNS,
  rows: ROWS,
  env: ptyEnv,
});
let bytes = 0;
let painted = Promise.resolve();
let recording;
pty.onData((data) => {
  bytes += Buffer.byteLength(data);
  recording?.push(data);
  painted = painted.then(() => new Promise((resolve) => terminal.write(data, resolve)));
});
let exited = false;
pty.onExit(() => {
  exited = true;
});
let floor;
let floorBytes = 0;
let floorExited = false;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const screen = async () => {
  await painted;
  const buffer = terminal.buffer.active;
  const lines = [];
  for (let y = 0; y < ROWS; y++)
    lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
  return lines;
};
async function waitFor(predicate, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = await screen();
    if (predicate(lines)) return lines;
    if (exited || Date.now() > deadline) throw new Error(`no ${what} on screen:\n${lines.join('\n')}`);
    await sleep(25);
  }
}
const selectedRow = (lines) => lines.find((line) => /^\s*›/.test(line)) ?? '';
/** One key per write, with a pause: several in one write reach ink as one chunk. */
async function press(key) {
  pty.write(key);
  await sleep(80);
}
const DOWN = '\u001B[B';
const ENTER = '\r';

/** From the dashboard to an assumed session of `profile` (a role profile of dev). */
async function assume(role, sessionsAfter) {
  await press('b');
  await waitFor((lines) => lines.some((line) => line.includes('222222222222')), 'account list');
  for (let i = 0; !selectedRow(await screen()).includes('222222222222'); i++) {
    if (i > 20) throw new Error(`the dev account never got the cursor:\n${(await screen()).join('\n')}`);
    await press(DOWN);
  }
  await press(ENTER);
  await waitFor((lines) => lines.some((line) => role.test(line)), `${role} row`);
  for (let i = 0; !role.test(selectedRow(await screen())); i++) {
    if (i > 40) throw new Error(`${role} never got the cursor:\n${(await screen()).join('\n')}`);
    await press(DOWN);
  }
  await press('a');
  await waitFor((lines) => lines.some((line) => line.includes('Assume ')), 'assume form');
  // The form's defaults come from the role's reading; Enter before them does nothing.
  await waitFor((lines) => !lines.some((line) => line.includes('Working out')), 'assume form defaults');
  await press(ENTER);
  await waitFor(
    (lines) => lines.some((line) => line.includes(`Live sessions (${sessionsAfter})`)),
    `dashboard with ${sessionsAfter} sessions`,
  );
}

/**
 * The CPU time of each of a process's threads so far, in ms, by thread ID: the first field of
 * /proc/PID/task/TID/schedstat, in nanoseconds (utime and stime count whole clock ticks of 10 ms,
 * too coarse for a few ms a second). The main thread's ID is the process's; the others are V8's
 * helpers (garbage collection, compiling) and libuv's.
 */
const threadTimes = (pid) => {
  const times = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      times.set(tid, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
    } catch {
      // The thread ended between the listing and the read: its time is gone with it.
    }
  }
  return times;
};
/** CPU ms between two readings, all threads and the main one (a thread new since counts whole). */
const cpuBetween = (pid, before, after) => {
  let all = 0;
  for (const [tid, ms] of after) all += ms - (before.get(tid) ?? 0);
  const main = (after.get(String(pid)) ?? 0) - (before.get(String(pid)) ?? 0);
  return { all, main };
};
const children = (pid) => {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid=,comm='], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // ps exits 1 when there are none
  }
};

try {
  await waitFor((lines) => lines.some((line) => line.includes('No live sessions.')), 'first frame');
  await assume(/›?\s*Developer\b.*profile dev-developer/, 1);
  await assume(/ReadOnly\b.*profile dev-readonly-via-developer/, 2);
  const dashboard = await screen();

  // The pty runs node itself (no npm or shell between); say so if that ever changes.
  const comm = readFileSync(`/proc/${pty.pid}/comm`, 'utf8').trim();
  const kids = children(pty.pid);

  // The floor starts now, so it idles through the same window as rolecall, side by side: a
  // busier moment of the machine falls on both alike.
  floor = spawn(process.execPath, [join(floorDir, 'floor.js')], {
    name: 'xterm-256color',
    cols: COLUMNS,
    rows: ROWS,
    env: { ...ptyEnv, FLOOR_COMPILE_CACHE: join(floorDir, 'v8') },
  });
  floor.onData((data) => {
    floorBytes += Buffer.byteLength(data);
  });
  floor.onExit(() => {
    floorExited = true;
  });

  await sleep(2000); // whatever the assume set going settles; the floor draws its first frame
  if (floorExited || floorBytes === 0) throw new Error('the floor drew nothing');
  if (process.env.IDLE_BYTES) {
    recording = [];
    await sleep(1000);
    console.log(`one second of the idle dashboard: ${JSON.stringify(recording.join(''))}`);
    recording = undefined;
  }
  const before = { rolecall: threadTimes(pty.pid), floor: threadTimes(floor.pid) };
  const bytesBefore = { rolecall: bytes, floor: floorBytes };
  const started = process.hrtime.bigint();
  // CPU per 10 s as well: a one-time cost early in the window (V8 optimising the per-second
  // path, V8's memory reducer collecting after the assumes) shows apart from the steady rate.
  const windows = { rolecall: [], floor: [] };
  let last = { ...before };
  for (let left = seconds; left > 0; left -= 10) {
    await sleep(Math.min(10, left) * 1000);
    const now = { rolecall: threadTimes(pty.pid), floor: threadTimes(floor.pid) };
    for (const what of ['rolecall', 'floor'])
      windows[what].push(cpuBetween(what === 'rolecall' ? pty.pid : floor.pid, last[what], now[what]));
    last = now;
  }
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const used = {
    rolecall: cpuBetween(pty.pid, before.rolecall, threadTimes(pty.pid)),
    floor: cpuBetween(floor.pid, before.floor, threadTimes(floor.pid)),
  };
  const written = { rolecall: bytes - bytesBefore.rolecall, floor: floorBytes - bytesBefore.floor };
  const after = await screen();

  const cpu = (what) => used[what].all / (wall * 10);
  const perWindow = (what) => windows[what].map((w) => w.all.toFixed(0)).join(' ');
  const perSecond = (what) => written[what] / wall;
  console.log(
    `idle, ${wall.toFixed(1)} s side by side, ${process.version}, each in a ${COLUMNS}x${ROWS} pty; CPU time of all threads, from schedstat`,
  );
  console.log(
    `  rolecall (dashboard, two sessions counting down), process ${pty.pid} (${comm}${kids ? `; children: ${kids.replace(/\n/g, ', ')}` : ', no children'})`,
  );
  console.log(
    `    CPU ${used.rolecall.all.toFixed(0)} ms = ${cpu('rolecall').toFixed(2)} % of one core (goal 0.5 % or less: ${cpu('rolecall') <= 0.5 ? 'within' : 'OVER'}); ms per 10 s: ${perWindow('rolecall')}`,
  );
  console.log(
    `    of which the main thread ${used.rolecall.main.toFixed(0)} ms (per 10 s: ${windows.rolecall.map((w) => w.main.toFixed(0)).join(' ')}), V8's and libuv's helper threads the rest`,
  );
  console.log(`    written: ${written.rolecall} bytes, ${perSecond('rolecall').toFixed(0)} bytes/s`);
  console.log('  floor (bare ink redrawing one ticking line at 1 Hz, bundled and started as the bin is)');
  console.log(
    `    CPU ${used.floor.all.toFixed(0)} ms = ${cpu('floor').toFixed(2)} % of one core; ms per 10 s: ${perWindow('floor')}; main thread ${used.floor.main.toFixed(0)} ms`,
  );
  console.log(`    written: ${written.floor} bytes, ${perSecond('floor').toFixed(0)} bytes/s`);
  const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a (floor 0)');
  console.log(
    `  ratio rolecall / floor: CPU ${ratio(used.rolecall.all, used.floor.all)}, bytes ${ratio(written.rolecall, written.floor)}`,
  );
  const rows = (lines) => lines.filter((line) => line.includes('dev-')).map((line) => line.trim());
  console.log(`  sessions before: ${rows(dashboard).join(' | ')}`);
  console.log(`  sessions after:  ${rows(after).join(' | ')}`);
} finally {
  // Ctrl-C: q would ask first, as sessions are live.
  pty.write('\u0003');
  await Promise.race([sleep(2000), new Promise((resolve) => pty.onExit(resolve))]);
  if (!exited) pty.kill();
  if (floor) {
    floor.write('q');
    await Promise.race([sleep(2000), new Promise((resolve) => floor.onExit(resolve))]);
    if (!floorExited) floor.kill();
  }
  rmSync(configDir, { recursive: true, force: true });
  rmSync(floorDir, { recursive: true, force: true });
}
