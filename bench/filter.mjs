// The `/` filter over 10,000 role names: time per keystroke while "developer-admin" is typed,
// warm (after a few rounds, as in a session where the person filters more than once), against
// the 16 ms frame budget. Also fzf's v2 algorithm, for the choice made in
// src/filter/fuzzy-filter.ts. This is the filter alone; the frame it feeds is measured with the
// roles screen. Its floor (issue 15), in the same run: the least a filter can do, a case-blind
// substring scan over the same names lowered once beforehand; the ratio is what fuzzy matching
// and ranking cost over it. Usage: node bench/filter.mjs [rounds]
import { build } from 'esbuild';
import { Fzf } from 'fzf';

const ROLES = 10_000;
const rounds = Number(process.argv[2] ?? 20);
const typed = 'developer-admin';

const bundled = await build({
  entryPoints: [new URL('../src/filter/fuzzy-filter.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
});
const { fuzzyFilter } = await import(
  `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`
);

// Names shaped like real ones: a path, a team, a purpose, a number.
const teams = ['payments', 'search', 'identity', 'platform', 'data', 'mobile', 'web', 'ml'];
const purposes = ['Admin', 'ReadOnly', 'Deployer', 'Developer', 'Auditor', 'Operator', 'BreakGlass'];
const roles = Array.from({ length: ROLES }, (_, i) => ({
  path: `/${teams[i % teams.length]}/`,
  name: `${purposes[(i * 7) % purposes.length]}-${teams[(i * 3) % teams.length]}-${i}`,
}));
const text = (role) => `${role.path}${role.name}`;

function measure(find) {
  const times = [];
  for (let round = 0; round < rounds; round++) {
    for (let n = 1; n <= typed.length; n++) {
      const started = performance.now();
      find(typed.slice(0, n));
      times.push(performance.now() - started);
    }
  }
  // The first round warms the JIT; a person's first keystroke pays it once.
  const warm = times.slice(typed.length).sort((a, b) => a - b);
  return {
    first: times[0],
    median: warm[Math.floor(warm.length / 2)],
    p95: warm[Math.floor(warm.length * 0.95)],
    max: warm.at(-1),
  };
}

const built = performance.now();
const filter = fuzzyFilter(roles, text);
const buildMs = performance.now() - built;
const v1 = measure((query) => filter.find(query));
const v2index = new Fzf(roles, { selector: text, fuzzy: 'v2', casing: 'smart-case', limit: Infinity });
const v2 = measure((query) => v2index.find(query));
const lowered = roles.map((role) => text(role).toLowerCase());
const floor = measure((query) => {
  const q = query.toLowerCase();
  const found = [];
  for (let i = 0; i < lowered.length; i++) if (lowered[i].includes(q)) found.push(roles[i]);
  return found;
});

const ms = (value) => `${value.toFixed(2)} ms`;
console.log(
  `filter over ${ROLES} roles, "${typed}" typed ${rounds} times (${rounds * typed.length} keystrokes)`,
);
console.log(`  index built in ${ms(buildMs)}`);
for (const [label, r] of [
  ['rolecall (fzf v1)', v1],
  ['fzf v2, for reference', v2],
  ['floor (substring scan)', floor],
]) {
  console.log(
    `  ${label.padEnd(22)} first ${ms(r.first)}  median ${ms(r.median)}  p95 ${ms(r.p95)}  max ${ms(r.max)}`,
  );
}
console.log(
  `  ratio rolecall / floor: median ${(v1.median / floor.median).toFixed(2)}x, p95 ${(v1.p95 / floor.p95).toFixed(2)}x, first ${(v1.first / floor.first).toFixed(2)}x`,
);
console.log(
  `  target: median 16 ms or less per keystroke (filter and frame); filter alone ${v1.median <= 16 ? 'within' : 'OVER'} it`,
);
