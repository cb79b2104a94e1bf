// Keystroke to frame in the trust-policy builder, with its live JSON preview (the issue's target:
// median 16 ms or less). bench/builder-app.tsx renders the real App on the sandbox in-process,
// opened on the builder, and types ~200 keys into the form one at a time; beside each, a key to
// the floor: a bare ink app with the same TextField and render options, in the same process, in
// turns. This bundles it and prints both, and their ratio. Asserts nothing.
// Usage: node bench/builder.mjs. BUILDER_PAUSE_MS changes the pause between keys (50 ms).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

const dir = mkdtempSync(join(tmpdir(), 'rolecall-builder-'));
const entry = join(dir, 'builder-app.mjs');
const result = await build({
  ...bundleOptions,
  entryPoints: ['bench/builder-app.tsx'],
  write: false,
  splitting: false,
});
writeFileSync(entry, result.outputFiles[0].text);

const child = spawn(process.execPath, [entry], {
  env: { ...process.env, FORCE_COLOR: '3', BUILDER_CONFIG_DIR: dir },
  // The app's terminal restore (a shown cursor) goes to stderr: printed only if the run fails.
  stdio: ['ignore', 'pipe', 'pipe'],
});
let errors = '';
child.stderr.on('data', (chunk) => {
  errors += chunk;
});
const rows = [];
let summary;
let buffered = '';
child.stdout.on('data', (chunk) => {
  buffered += chunk;
  const lines = buffered.split('\n');
  buffered = lines.pop();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    const parsed = JSON.parse(line);
    // A key not shown in time has no time (NaN, which JSON writes as null).
    const timed = (r) => ({ ...r, ms: r.ms ?? Number.NaN, firstWriteMs: r.firstWriteMs ?? Number.NaN });
    if (parsed.summary) summary = parsed;
    else rows.push({ ...timed(parsed), floor: timed(parsed.floor) });
  }
});
const code = await new Promise((resolve) => child.on('close', resolve));
rmSync(dir, { recursive: true, force: true });
if (code !== 0 || !summary || rows.length === 0) {
  console.error(`${errors}\nthe typing run failed (exit ${code})`);
  process.exit(1);
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (value) => `${value.toFixed(1)} ms`;
const sorted = (list) => list.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
const figures = (times) => {
  const s = sorted(times);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s.at(-1), min: s[0] };
};
const line = (f) => `median ${ms(f.median)}  p95 ${ms(f.p95)}  max ${ms(f.max)}  min ${ms(f.min)}`;
const form = figures(rows.map((r) => r.ms));
const floor = figures(rows.map((r) => r.floor.ms));
const unshown = rows.filter((r) => Number.isNaN(r.ms));
const floorUnshown = rows.filter((r) => Number.isNaN(r.floor.ms));

console.log(
  `builder keystroke to frame: ${rows.length} keys into the trust-policy form for prod, ${summary.columns}x${summary.rows}, ${process.version}`,
);
console.log(`  form (JSON preview beside it): ${line(form)}`);
console.log(`  floor (one TextField, bare ink): ${line(floor)}`);
console.log(`  ratio of medians form/floor: ${(form.median / floor.median).toFixed(2)}`);
console.log(`  target: median 16 ms or less: ${form.median <= 16 ? 'within' : 'OVER'}`);
const kinds = [...new Set(rows.map((r) => r.kind))];
console.log(
  `  median by key: ${kinds
    .map((kind) => {
      const these = rows.filter((r) => r.kind === kind);
      return `${kind} ${ms(figures(these.map((r) => r.ms)).median)} (${these.length})`;
    })
    .join(', ')}`,
);
const bytes = sorted(rows.map((r) => r.bytes));
const floorBytes = sorted(rows.map((r) => r.floor.bytes));
// ink writes a frame in a few pieces within one turn; a later frame is one more than 1 ms on.
const later = rows.filter((r) => r.ms > r.firstWriteMs + 1);
console.log(
  `  first write after the key: median ${ms(figures(rows.map((r) => r.firstWriteMs)).median)}; keys shown only by a later frame than the first: ${later.length}`,
);
console.log(
  `  bytes per key: median ${quantile(bytes, 0.5)} (floor ${quantile(floorBytes, 0.5)}); writes per key: max ${Math.max(...rows.map((r) => r.writes))}`,
);
const slowest = [...rows]
  .filter((r) => !Number.isNaN(r.ms))
  .sort((a, b) => b.ms - a.ms)
  .slice(0, 5);
console.log(
  `  slowest: ${slowest.map((r) => `${JSON.stringify(r.key)} (${r.kind}) ${ms(r.ms)}`).join(', ')}`,
);
console.log(`  at the end: ${summary.statusLine}; ${summary.jsonRows} rows of JSON on screen`);
console.log(
  unshown.length || floorUnshown.length
    ? `  keys whose effect was not on screen within 2 s: ${unshown.length} in the form (e.g. ${JSON.stringify(unshown[0])}), ${floorUnshown.length} in the floor`
    : '  every key’s effect was on screen (the focused field or mark, and the JSON once an entry was whole)',
);
