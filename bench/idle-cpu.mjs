// CPU of the idle dashboard (the issue's target: 1 % or less), and the bytes it writes to the
// terminal while idle. Runs the built `rolecall --sandbox` in a real pseudo-terminal, assumes
// two roles through the interface (dev-developer, then dev-readonly-via-developer; neither needs
// MFA), so the dashboard counts two sessions down, then leaves it alone and reads the process's
// CPU time from /proc before and after. Prints the figures; asserts nothing. Linux only.
// Run with `npm run bench:idle` (builds first). IDLE_SECONDS sets the idle time (default 60).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from '@lydell/node-pty';
import xterm from '@xterm/headless';

const seconds = Number(process.env.IDLE_SECONDS ?? 60);
const COLUMNS = 100;
const ROWS = 30;
const bin = fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));
const configDir = mkdtempSync(join(tmpdir(), 'rolecall-idle-'));
// A person's terminal: no colour overrides, and no CI variables (ink then draws only a final frame).
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) =>
      !['CI', 'FORCE_COLOR', 'NO_COLOR', 'CONTINUOUS_INTEGRATION'].includes(name) && !name.startsWith('CI_'),
  ),
);

const terminal = new xterm.Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true });
const pty = spawn(process.execPath, [bin, '--sandbox'], {
  name: 'xterm-256color',
  cols: COLUMNS,
  rows: ROWS,
  env: { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor', ROLECALL_CONFIG_DIR: configDir },
});
let bytes = 0;
let painted = Promise.resolve();
pty.onData((data) => {
  bytes += Buffer.byteLength(data);
  painted = painted.then(() => new Promise((resolve) => terminal.write(data, resolve)));
});
let exited = false;
pty.onExit(() => {
  exited = true;
});

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
    if (i > 20) throw new Error('the dev account never got the cursor');
    await press(DOWN);
  }
  await press(ENTER);
  await waitFor((lines) => lines.some((line) => role.test(line)), `${role} row`);
  for (let i = 0; !role.test(selectedRow(await screen())); i++) {
    if (i > 40) throw new Error(`${role} never got the cursor`);
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

/** utime + stime of a process, in clock ticks (proc(5), fields 14 and 15). */
const cpuTicks = (pid) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
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
  const clockTick = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

  await sleep(2000); // whatever the assume set going settles
  const ticksBefore = cpuTicks(pty.pid);
  const bytesBefore = bytes;
  const started = process.hrtime.bigint();
  // Ticks per 10 s as well: a one-time cost early in the window (V8 optimising the per-second
  // path, a GC) shows apart from the steady rate.
  const windows = [];
  let last = ticksBefore;
  for (let left = seconds; left > 0; left -= 10) {
    await sleep(Math.min(10, left) * 1000);
    const now = cpuTicks(pty.pid);
    windows.push(now - last);
    last = now;
  }
  const ticks = cpuTicks(pty.pid) - ticksBefore;
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const written = bytes - bytesBefore;
  const after = await screen();

  const cpu = (100 * ticks) / (wall * clockTick);
  console.log(
    `idle dashboard, two sessions counting down, ${wall.toFixed(1)} s, ${process.version}, built bin in a ${COLUMNS}x${ROWS} pty`,
  );
  console.log(
    `  process ${pty.pid} (${comm}${kids ? `; children: ${kids.replace(/\n/g, ', ')}` : ', no children'})`,
  );
  console.log(
    `  CPU ${ticks} ticks of 1/${clockTick} s = ${cpu.toFixed(2)} % of one core (target 1 % or less: ${cpu <= 1 ? 'within' : 'OVER'})`,
  );
  console.log(`  ticks per 10 s: ${windows.join(' ')}`);
  console.log(`  written to the terminal: ${written} bytes, ${(written / wall).toFixed(0)} bytes/s`);
  const rows = (lines) => lines.filter((line) => line.includes('dev-')).map((line) => line.trim());
  console.log(`  sessions before: ${rows(dashboard).join(' | ')}`);
  console.log(`  sessions after:  ${rows(after).join(' | ')}`);
} finally {
  // Ctrl-C: q would ask first, as sessions are live.
  pty.write('\u0003');
  await Promise.race([sleep(2000), new Promise((resolve) => pty.onExit(resolve))]);
  if (!exited) pty.kill();
  rmSync(configDir, { recursive: true, force: true });
}
