// Launch to first frame of the built bin in a real pseudo-terminal: the time from spawning the
// process to the moment the screen shows the sessions list; and, in the same run and in turns,
// its floors (issue 15): the smallest ink app on the same ink and React (bench/startup-floor.ts,
// a header and one line, q quits, started as rolecall is: compile cache, then its chunk), and
// bare node printing one line, in the same pty. Prints medians and the ratios; asserts nothing.
// Run with `npm run bench:startup` (builds first). Usage: node bench/startup.mjs [runs]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from '@lydell/node-pty';
import { build } from 'esbuild';
import { bundleOptions, bundling } from '../scripts/bundle-options.mjs';
import { returningUserSettingsDir } from './returning-user.mjs';

const runs = Number(process.argv[2] ?? 30);
const bin = fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));
const configDir = returningUserSettingsDir();
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !['CI', 'FORCE_COLOR', 'NO_COLOR'].includes(name)),
);

// The ink floor, bundled as the bin is (esbuild, split into an entry and a chunk).
const floorDir = mkdtempSync(join(tmpdir(), 'rolecall-bench-floor-'));
await build({
  ...bundleOptions,
  entryPoints: { floor: 'bench/startup-floor.ts' },
  outdir: floorDir,
  splitting: true,
  minifySyntax: true,
  // ink's own Output, not the one rolecall's build puts in its place (as in bench:idle); bundled
  // as rolecall is otherwise (React linked once, yoga's wasm without fetch).
  plugins: bundling,
});
const floorCache = join(floorDir, 'v8');

/** What each start is, and the words on screen that are its first frame. */
const STARTS = {
  rolecall: { args: [bin], frame: 'No live sessions.', quits: true },
  'ink floor': { args: [join(floorDir, 'floor.js')], frame: 'No live sessions.', quits: true },
  'node floor': {
    args: ['-e', "process.stdout.write('No live sessions.\\n')"],
    frame: 'No live sessions.',
    quits: false,
  },
};

function once(what) {
  const start = STARTS[what];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const pty = spawn(process.execPath, start.args, {
      cols: 100,
      rows: 30,
      env: {
        ...env,
        TERM: 'xterm-256color',
        ROLECALL_CONFIG_DIR: configDir,
        FLOOR_COMPILE_CACHE: floorCache,
      },
    });
    let output = '';
    let firstFrame;
    const timer = setTimeout(() => reject(new Error(`${what}: no first frame within 5 s`)), 5000);
    pty.onData((data) => {
      output += data;
      if (firstFrame === undefined && output.includes(start.frame)) {
        firstFrame = Number(process.hrtime.bigint() - started) / 1e6;
        if (start.quits) pty.write('q');
      }
    });
    pty.onExit(({ exitCode }) => {
      clearTimeout(timer);
      if (exitCode !== 0 || firstFrame === undefined) reject(new Error(`${what}: exit ${exitCode}`));
      else resolve(firstFrame);
    });
  });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

// Warm the file cache and the compile caches, then each start in turn, so that a slower moment
// of the machine falls on all three alike.
for (const what of Object.keys(STARTS)) await once(what);
const times = Object.fromEntries(Object.keys(STARTS).map((what) => [what, []]));
for (let i = 0; i < runs; i++) for (const what of Object.keys(STARTS)) times[what].push(await once(what));
rmSync(floorDir, { recursive: true, force: true });
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const median = {};
console.log(`launch to first frame (${runs} runs each, in turns, ${process.version}, in a pty)`);
for (const [what, list] of Object.entries(times)) {
  list.sort((a, b) => a - b);
  median[what] = quantile(list, 0.5);
  console.log(
    `  ${what.padEnd(10)} median ${fmt(median[what])}  p90 ${fmt(quantile(list, 0.9))}  min ${fmt(list[0])}  max ${fmt(list.at(-1))}`,
  );
}
const ratio = (a, b) => `${(median[a] / median[b]).toFixed(2)}x`;
console.log(`ratio rolecall / ink floor: ${ratio('rolecall', 'ink floor')} (goal 1.2x or less)`);
console.log(
  `ratio rolecall / node floor: ${ratio('rolecall', 'node floor')}; ink floor / node floor: ${ratio('ink floor', 'node floor')}`,
);
