// Filter keystroke to frame on the roles screen of an account with 10,000 roles (the issue's
// target: median 16 ms or less). bench/keystroke-app.tsx renders the real App, with the options
// `rolecall` runs it with, on the sandbox in-process, and types ~200 keys one at a time; this
// bundles it, counts RoleLine renders per key (a counter put into roles-screen.tsx as it is
// bundled; the file on disk is unchanged), and prints the figures. Asserts nothing.
// Usage: node bench/keystroke.mjs. KEYSTROKE_KEYS, KEYSTROKE_ROLES change the run;
// KEYSTROKE_PROF=1 also writes a CPU profile (--cpu-prof) and prints where the time went.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

const profile = process.env.KEYSTROKE_PROF === '1';
const dir = mkdtempSync(join(tmpdir(), 'rolecall-keystroke-'));
const entry = join(dir, 'keystroke-app.mjs');

/** Counts renders of the roles screen's RoleLine in globalThis.__roleLineRenders. */
const countRoleLines = {
  name: 'count-role-lines',
  setup(b) {
    b.onLoad({ filter: /screens[\\/]roles-screen\.tsx$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const head = 'const RoleLine = memo(function RoleLine(';
      if (!source.includes(head)) throw new Error('RoleLine not found in roles-screen.tsx: update the bench');
      const counted = source.replace(
        head,
        'const RoleLine = memo(function RoleLine(props: any) {\n' +
          '  (globalThis as any).__roleLineRenders = ((globalThis as any).__roleLineRenders ?? 0) + 1;\n' +
          '  return RoleLineBody(props);\n' +
          '});\n' +
          'const RoleLineBody = (function RoleLine(',
      );
      return { contents: counted, loader: 'tsx' };
    });
  },
};

const result = await build({
  ...bundleOptions,
  entryPoints: ['bench/keystroke-app.tsx'],
  write: false,
  splitting: false,
  plugins: [countRoleLines],
});
writeFileSync(entry, result.outputFiles[0].text);

const child = spawn(process.execPath, [...(profile ? ['--cpu-prof', '--cpu-prof-dir', dir] : []), entry], {
  env: { ...process.env, FORCE_COLOR: '3', KEYSTROKE_CONFIG_DIR: dir },
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
    if (parsed.summary) summary = parsed;
    else rows.push(parsed);
  }
});
const code = await new Promise((resolve) => child.on('close', resolve));
if (code !== 0 || !summary || rows.length === 0) {
  rmSync(dir, { recursive: true, force: true });
  console.error(`${errors}\nthe typing run failed (exit ${code})`);
  process.exit(1);
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (value) => `${value.toFixed(1)} ms`;
const times = rows.map((r) => r.ms).sort((a, b) => a - b);
const median = quantile(times, 0.5);
const slowest = [...rows].sort((a, b) => b.ms - a.ms).slice(0, 5);
const wrong = rows.filter((r) => !r.reflects || Number.isNaN(r.ms));
const lines = rows.map((r) => r.roleLines).sort((a, b) => a - b);
const visible = Math.max(...rows.map((r) => r.visibleRoles));

console.log(
  `filter keystroke to frame: ${rows.length} keys on the roles screen of dev (${summary.iamLine}), ${summary.columns}x${summary.rows}, ${process.version}`,
);
console.log(`  roles listed in ${ms(summary.loadMs)}; / (start typing) ${ms(summary.slash.ms)}`);
console.log(
  `  first typed key (cold) ${ms(rows[0].ms)}  median ${ms(median)}  p95 ${ms(quantile(times, 0.95))}  max ${ms(times.at(-1))}  min ${ms(times[0])}`,
);
console.log(`  target: median 16 ms or less: ${median <= 16 ? 'within' : 'OVER'}`);
// Whether a short query (one that matches most of the roles) costs more than a long one.
const medianOf = (list) =>
  quantile(
    list.map((r) => r.ms).sort((a, b) => a - b),
    0.5,
  );
const short = rows.filter((r) => r.query.length <= 2);
const long = rows.filter((r) => r.query.length > 2);
console.log(
  `  median by query left: 0-2 characters ${ms(medianOf(short))} (${short.length} keys), 3 or more ${ms(medianOf(long))} (${long.length} keys)`,
);
console.log(
  `  RoleLine renders per key: median ${quantile(lines, 0.5)}, max ${lines.at(-1)} (at most ${visible} role rows on screen)`,
);
console.log(
  `  writes per key: max ${Math.max(...rows.map((r) => r.writes))}; bytes per key: median ${quantile(
    rows.map((r) => r.bytes).sort((a, b) => a - b),
    0.5,
  )}`,
);
console.log(
  `  slowest: ${slowest.map((r) => `${JSON.stringify(r.query)} ${ms(r.ms)} (${r.roleLines} lines)`).join(', ')}`,
);
console.log(
  wrong.length
    ? `  ${wrong.length} keys whose frame did not show the query, e.g. ${JSON.stringify(wrong[0])}`
    : '  every frame showed the query typed so far',
);

if (profile) {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (file) {
    const copy = join(tmpdir(), `rolecall-keystroke-${Date.now()}.cpuprofile`);
    writeFileSync(copy, readFileSync(join(dir, file)));
    console.log(`  CPU profile: ${copy} (whole run); while typing, by self time:`);
    printProfile(JSON.parse(readFileSync(copy, 'utf8')), readFileSync(entry, 'utf8'));
  }
}
rmSync(dir, { recursive: true, force: true });

/**
 * Self time while typing (idle left out), by the module of the bundle each function is in
 * (esbuild marks each with a `// node_modules/...` line) and by function.
 */
function printProfile(cpuProfile, bundle) {
  const starts = [];
  bundle.split('\n').forEach((line, number) => {
    const path = /^\/\/ (\S+\.[cm]?[jt]sx?)$/.exec(line)?.[1];
    if (!path) return;
    // node_modules may be a link elsewhere (a worktree's): the package is what follows it.
    const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
    starts.push({ number, module: inPackage ?? path.replace(/^(\.\.\/)+/, '') });
  });
  const moduleAt = (line) => {
    let found = '(bench)';
    for (const start of starts) if (start.number <= line) found = start.module;
    return found;
  };
  const nodes = new Map(cpuProfile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map();
  let at = cpuProfile.startTime;
  cpuProfile.samples.forEach((id, i) => {
    at += cpuProfile.timeDeltas[i];
    if (at < summary.typingFromUs || at > summary.typingToUs) return;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + (cpuProfile.timeDeltas[i + 1] ?? 0));
  });
  const byModule = new Map();
  const byFunction = new Map();
  let busy = 0;
  for (const [id, us] of selfByNode) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    if (['(idle)', '(program)', '(garbage collector)'].includes(functionName) || !url) {
      const name = functionName || '(native)';
      byModule.set(name, (byModule.get(name) ?? 0) + us);
      if (name !== '(idle)') busy += us;
      continue;
    }
    busy += us;
    // The one WebAssembly module in the app is yoga's layout.
    const module = url.startsWith('wasm://')
      ? 'yoga-layout (wasm)'
      : url.endsWith('keystroke-app.mjs')
        ? moduleAt(lineNumber)
        : url.replace(/^.*\//, '');
    byModule.set(module, (byModule.get(module) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} (${module})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const top = (map, n) =>
    [...map]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([name, us]) =>
          `    ${(us / 1000).toFixed(0).padStart(6)} ms  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`,
      );
  console.log(
    `  busy ${(busy / 1000).toFixed(0)} ms over ${rows.length} keys (${(busy / 1000 / rows.length).toFixed(1)} ms a key)`,
  );
  console.log('  by module:');
  console.log(top(byModule, 15).join('\n'));
  console.log('  by function:');
  console.log(top(byFunction, 20).join('\n'));
}
