// Filter keystroke to frame on the roles screen of an account with 10,000 roles, against its
// floors measured in the same run (issue 15; goals: first key 32 ms or less, median 16, p95 32
// pinned to one core, and a median at most 2× the ink list's). bench/keystroke-app.tsx renders
// the real App, with the options `rolecall` runs it with, on the sandbox in-process, and types
// ~200 keys one at a time; bench/keystroke-floor-app.tsx types the same keys over the same rows
// into a minimal ink list (the same frame: filter line, names, cursor row) in the same fake
// terminal, and through the filter alone. Each is its own process, and they take turns key by
// key, so a slower moment of the machine falls on all three. This bundles them, counts RoleLine
// renders per key (a counter put into roles-screen.tsx as it is bundled; the file on disk is
// unchanged), and prints the figures and the ratios. Asserts nothing.
// Usage: node bench/keystroke.mjs (pinned: taskset -c 0 node bench/keystroke.mjs).
// KEYSTROKE_KEYS, KEYSTROKE_ROLES change the run; KEYSTROKE_PROF=1 also writes a CPU profile of
// the roles screen (--cpu-prof) and prints where its time went.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions, bundling } from '../scripts/bundle-options.mjs';

const profile = process.env.KEYSTROKE_PROF === '1';
const keyCount = Number(process.env.KEYSTROKE_KEYS ?? 200);
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

const bundle = async (entryPoint, plugins) =>
  (await build({ ...bundleOptions, entryPoints: [entryPoint], write: false, splitting: false, plugins }))
    .outputFiles[0].text;
// The app with the product's own plugins (ink drawing into components/frame-output.ts's grid, as
// the bin does); the floor is ink as it comes, bundled as the bin is otherwise, as in bench:idle.
writeFileSync(entry, await bundle('bench/keystroke-app.tsx', [...bundleOptions.plugins, countRoleLines]));
const floorEntry = join(dir, 'keystroke-floor-app.mjs');
writeFileSync(floorEntry, await bundle('bench/keystroke-floor-app.tsx', bundling));
const rowsFile = join(dir, 'rows.json');

const children = [];
/** A child typed into in turns: `turn()` lets it press its next key and resolves with the row it prints. */
function typist(name, args) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, FORCE_COLOR: '3', KEYSTROKE_CONFIG_DIR: dir, KEYSTROKE_ROWS_FILE: rowsFile },
    // The app's terminal restore (a shown cursor) goes to stderr: printed only if the run fails.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk;
  });
  const lines = [];
  let waiting;
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const split = buffered.split('\n');
    buffered = split.pop();
    for (const line of split) if (line.startsWith('{')) lines.push(JSON.parse(line));
    if (waiting && lines.length) waiting();
  });
  const closed = new Promise((resolve) => child.on('close', resolve));
  const fail = (code) => {
    for (const other of children) other.kill();
    rmSync(dir, { recursive: true, force: true });
    console.error(`${errors}\nthe typing run of ${name} failed (exit ${code})`);
    process.exit(1);
  };
  closed.then((code) => code === 0 || fail(code));
  const next = async () => {
    while (!lines.length) await new Promise((resolve) => (waiting = resolve));
    waiting = undefined;
    return lines.shift();
  };
  return {
    next,
    turn: () => {
      child.stdin.write('go\n');
      return next();
    },
    closed,
  };
}

const app = typist('the roles screen', [...(profile ? ['--cpu-prof', '--cpu-prof-dir', dir] : []), entry]);
await app.next(); // ready: the rows are written
const list = typist('the ink list floor', [floorEntry, 'list']);
const filterAlone = typist('the filter floor', [floorEntry, 'filter']);
await list.next();
await filterAlone.next();

// '/' starts typing in both; then each key in turns: the roles screen, the ink list, the filter.
const { slash } = await app.turn();
const { slash: listSlash } = await list.turn();
const rows = [];
const listRows = [];
const filterRows = [];
for (let n = 0; n < keyCount; n++) {
  rows.push(await app.turn());
  listRows.push(await list.turn());
  filterRows.push(await filterAlone.turn());
}
const summary = await app.next();
await Promise.all([app.closed, list.closed, filterAlone.closed]);

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (value) => `${value.toFixed(1)} ms`;
/** First key (cold), median, p95 and max of a run's key times. */
const figures = (list) => {
  const times = list.map((r) => r.ms).sort((a, b) => a - b);
  return { first: list[0].ms, median: quantile(times, 0.5), p95: quantile(times, 0.95), max: times.at(-1) };
};
const ours = figures(rows);
const floor = figures(listRows);
const alone = figures(filterRows);
const slowest = [...rows].sort((a, b) => b.ms - a.ms).slice(0, 5);
const wrong = [...rows, ...listRows].filter((r) => !r.reflects || Number.isNaN(r.ms));
const lines = rows.map((r) => r.roleLines).sort((a, b) => a - b);
const visible = Math.max(...rows.map((r) => r.visibleRoles));
const differ = filterRows.filter(
  (r, n) => !rows[n].filterLine.endsWith(` ${r.matched} of ${summary.roles} roles`) && r.query,
);

console.log(
  `filter keystroke to frame: ${rows.length} keys on the roles screen of dev (${summary.iamLine}), ${summary.columns}x${summary.rows}, ${process.version}`,
);
console.log(
  `  roles listed in ${ms(summary.loadMs)}; / (start typing) ${ms(slash.ms)} (ink list ${ms(listSlash.ms)})`,
);
const row = (name, f) =>
  `  ${name.padEnd(26)}${[f.first, f.median, f.p95, f.max].map((v) => ms(v).padStart(10)).join('')}`;
console.log(`  ${''.padEnd(26)}${['first key', 'median', 'p95', 'max'].map((h) => h.padStart(10)).join('')}`);
console.log(row('roles screen', ours));
console.log(row('floor: minimal ink list', floor));
console.log(row('floor: the filter alone', alone));
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
console.log(
  `  ratio to the ink list: first key ${ratio(ours.first, floor.first)}, median ${ratio(ours.median, floor.median)}, p95 ${ratio(ours.p95, floor.p95)}; ` +
    `the filter is ${((100 * alone.median) / ours.median).toFixed(0)} % of the median key`,
);
const goal = (ok) => (ok ? 'met' : 'NOT met');
console.log(
  `  goals: first key ≤ 32 ms ${goal(ours.first <= 32)}, median ≤ 16 ms ${goal(ours.median <= 16)}, p95 ≤ 32 ms ${goal(
    ours.p95 <= 32,
  )}, median ≤ 2× the ink list ${goal(ours.median <= 2 * floor.median)}`,
);
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
  `  RoleLine renders per key: median ${quantile(lines, 0.5)}, max ${lines.at(-1)} (at most ${visible} role rows on screen; the ink list ${Math.max(...listRows.map((r) => r.visibleRoles))})`,
);
console.log(
  `  writes per key: max ${Math.max(...rows.map((r) => r.writes))}; bytes per key: median ${quantile(
    rows.map((r) => r.bytes).sort((a, b) => a - b),
    0.5,
  )} (the ink list ${quantile(
    listRows.map((r) => r.bytes).sort((a, b) => a - b),
    0.5,
  )})`,
);
console.log(
  `  slowest: ${slowest.map((r) => `${JSON.stringify(r.query)} ${ms(r.ms)} (${r.roleLines} lines)`).join(', ')}`,
);
console.log(
  wrong.length
    ? `  ${wrong.length} keys whose frame did not show the query, e.g. ${JSON.stringify(wrong[0])}`
    : "  every frame (the roles screen's and the ink list's) showed the query typed so far",
);
if (differ.length)
  console.log(
    `  ${differ.length} keys where the filter alone matched a different count, e.g. ${JSON.stringify(differ[0])}`,
  );

if (profile) {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (file) {
    const copy = join(tmpdir(), `rolecall-keystroke-${Date.now()}.cpuprofile`);
    writeFileSync(copy, readFileSync(join(dir, file)));
    console.log(`  CPU profile: ${copy} (whole run); while typing, by self time:`);
    const cpuProfile = JSON.parse(readFileSync(copy, 'utf8'));
    const bundleText = readFileSync(entry, 'utf8');
    printProfile(cpuProfile, bundleText, summary.typingFromUs, summary.typingToUs, 15, 20);
    console.log(`  the first key (${JSON.stringify(rows[0].query)}, ${ms(rows[0].ms)}) alone:`);
    printProfile(cpuProfile, bundleText, rows[0].fromUs, rows[0].toUs, 8, 15);
  }
}
rmSync(dir, { recursive: true, force: true });

/**
 * Self time between fromUs and toUs (idle left out), by the module of the bundle each function is in
 * (esbuild marks each with a `// node_modules/...` line) and by function.
 */
function printProfile(cpuProfile, bundle, fromUs, toUs, modules, functions) {
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
    if (at < fromUs || at > toUs) return;
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
          `    ${(us / 1000).toFixed(1).padStart(7)} ms  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`,
      );
  console.log(`  busy ${(busy / 1000).toFixed(0)} ms`);
  console.log('  by module:');
  console.log(top(byModule, modules).join('\n'));
  console.log('  by function:');
  console.log(top(byFunction, functions).join('\n'));
}
