// Heap after 24 simulated hours of the dashboard at 1 Hz with 20 sessions refreshing on their
// own (bench/day-app.tsx, the real App rendered every second). Growth is measured from the
// first simulated minute (after warm-up) to the end, each after a full GC; the target
// is 5 MB or less. Usage: node bench/heap.mjs [seconds]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

const seconds = Number(process.argv[2] ?? 86_400);
const dir = mkdtempSync(join(tmpdir(), 'rolecall-heap-'));
const entry = join(dir, 'day-app.mjs');
const result = await build({
  ...bundleOptions,
  entryPoints: ['bench/day-app.tsx'],
  write: false,
  splitting: false,
});
writeFileSync(entry, result.outputFiles[0].text);

const started = Date.now();
const child = spawn(process.execPath, ['--expose-gc', entry], {
  env: { ...process.env, DAY_SECONDS: String(seconds), DAY_CONFIG_DIR: dir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const samples = [];
let buffered = '';
child.stdout.on('data', (chunk) => {
  buffered += chunk;
  const lines = buffered.split('\n');
  buffered = lines.pop();
  for (const line of lines) if (line.startsWith('{')) samples.push(JSON.parse(line));
});
const code = await new Promise((resolve) => child.on('close', resolve));
rmSync(dir, { recursive: true, force: true });
if (code !== 0 || samples.length < 2) {
  console.error(`the simulated day failed (exit ${code})`);
  process.exit(1);
}
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const first = samples[0];
const last = samples.at(-1);
console.log(
  `${seconds} simulated seconds, 20 sessions, ${last.refreshes} refreshes, in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
for (const s of samples) console.log(`  ${String(s.second).padStart(6)} s  heap ${mb(s.heapUsed)}`);
console.log(
  `  growth from ${first.second} s to ${last.second} s: ${mb(last.heapUsed - first.heapUsed)} (target 5 MB or less)`,
);
console.log(`  last frame's first row: ${last.frame}`);
