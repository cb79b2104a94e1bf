// Launch to first frame of the built bin in a real pseudo-terminal: the time from spawning the
// process to the moment the screen shows the sessions list. Prints the figures; asserts nothing.
// Run with `npm run bench:startup` (builds first). Usage: node bench/startup.mjs [runs]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from '@lydell/node-pty';

const runs = Number(process.argv[2] ?? 30);
const bin = fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));
const configDir = mkdtempSync(join(tmpdir(), 'rolecall-bench-'));
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !['CI', 'FORCE_COLOR', 'NO_COLOR'].includes(name)),
);

function once() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const pty = spawn(process.execPath, [bin], {
      cols: 100,
      rows: 30,
      env: { ...env, TERM: 'xterm-256color', ROLECALL_CONFIG_DIR: configDir },
    });
    let output = '';
    let firstFrame;
    const timer = setTimeout(() => reject(new Error('no first frame within 5 s')), 5000);
    pty.onData((data) => {
      output += data;
      if (firstFrame === undefined && output.includes('No live sessions.')) {
        firstFrame = Number(process.hrtime.bigint() - started) / 1e6;
        pty.write('q');
      }
    });
    pty.onExit(({ exitCode }) => {
      clearTimeout(timer);
      if (exitCode !== 0 || firstFrame === undefined) reject(new Error(`exit ${exitCode}`));
      else resolve(firstFrame);
    });
  });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

await once(); // warm the file cache
const times = [];
for (let i = 0; i < runs; i++) times.push(await once());
times.sort((a, b) => a - b);
const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log(`launch to first frame (${runs} runs, ${process.version}, built bin in a pty)`);
console.log(
  `  median ${fmt(quantile(times, 0.5))}  p90 ${fmt(quantile(times, 0.9))}  min ${fmt(times[0])}  max ${fmt(times.at(-1))}`,
);
