// Large AWS configs: 10,000 and 50,000 profiles read, linted and grouped into accounts, as the
// accounts screen does before its first list (src/profiles and src/accounts: loadProfiles, lintProfiles,
// groupAccounts), and the one chain a CLI call resolves. The floor, measured in the same run on
// the same files, is the AWS SDK's own loadSharedConfigFiles (read and parse, nothing else).
// Goals (issue 9): 10,000 ≤ 150 ms, 50,000 ≤ 1 s. Usage: node bench/profiles.mjs [rounds]
// BENCH_SRC=/path/to/src measures another checkout's src (an older commit, for before/after).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { build } from 'esbuild';

const rounds = Number(process.argv[2] ?? 5);
const src = process.env.BENCH_SRC ?? new URL('../src', import.meta.url).pathname;
const GOALS = { 10000: 150, 50000: 1000 };

const bundled = await build({
  stdin: {
    contents: `export { loadProfiles } from './profiles/load';
export { lintProfiles } from './profiles/lint';
export { groupAccounts } from './accounts/group-accounts';
export { resolveChain } from './profiles/chain';`,
    resolveDir: src,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  write: false,
});
const dir = mkdtempSync(join(tmpdir(), 'rolecall-bench-profiles-'));
const modulePath = join(new URL('..', import.meta.url).pathname, `.bench-profiles-${process.pid}.mjs`);
writeFileSync(modulePath, bundled.outputFiles[0].text);
const { loadProfiles, lintProfiles, groupAccounts, resolveChain } = await import(modulePath);
rmSync(modulePath);

/**
 * A config shaped like a big organisation's: one key profile per 200 (in the credentials file),
 * role profiles in thousands of accounts, most from a key profile, some chained from another
 * role, some with MFA, an external ID or a region; about 115 bytes a profile, as in the report.
 */
function files(count) {
  const config = [];
  const credentials = [];
  const keyProfiles = Math.max(1, Math.floor(count / 200));
  for (let k = 0; k < keyProfiles; k++) {
    config.push(`[profile user-${k}]\nregion = eu-west-1\n`);
    credentials.push(
      `[user-${k}]\naws_access_key_id = AKIA${String(k).padStart(16, '0')}\naws_secret_access_key = secret-${k}\n`,
    );
  }
  for (let i = keyProfiles; i < count; i++) {
    const account = String(100_000_000_000 + (i % 9_973)).padStart(12, '0');
    const chained = i % 10 === 0 && i > keyProfiles;
    const source = chained ? `role-${i - 1}` : `user-${i % keyProfiles}`;
    const lines = [
      `[profile role-${i}]`,
      `role_arn = arn:aws:iam::${account}:role/Team${i % 50}`,
      `source_profile = ${source}`,
    ];
    if (i % 7 === 0) lines.push(`mfa_serial = arn:aws:iam::000000000000:mfa/user-${i % keyProfiles}`);
    if (i % 11 === 0) lines.push(`external_id = ext-${i}`);
    if (i % 3 === 0) lines.push('region = us-east-1');
    config.push(`${lines.join('\n')}\n`);
  }
  return { config: config.join('\n'), credentials: credentials.join('\n') };
}

/** Chains 1,000 deep (each role from the one before): what made the lint quadratic. */
function deepFiles(count) {
  const config = [];
  for (let i = 0; i < count; i++) {
    const source = i % 1000 === 0 ? 'user-0' : `role-${i - 1}`;
    config.push(
      `[profile role-${i}]\nrole_arn = arn:aws:iam::123456789012:role/R${i}\nsource_profile = ${source}\n`,
    );
  }
  return {
    config: config.join('\n'),
    credentials: '[user-0]\naws_access_key_id = AKIA0000000000000000\naws_secret_access_key = s\n',
  };
}

const accountOfKeys = async (profile) =>
  String(100_000_000_000 + Number(profile.split('-')[1])).padStart(12, '0');

const turn = () => new Promise((resolve) => setImmediate(resolve));

async function once(env) {
  const started = performance.now();
  const set = await loadProfiles({ env });
  const read = performance.now();
  // As the accounts screen does (src/accounts/accounts.ts): the event loop runs between the steps.
  await turn();
  const findings = lintProfiles(set);
  const linted = performance.now();
  await turn();
  const { accounts } = await groupAccounts(set, { accountOf: accountOfKeys }, {});
  const grouped = performance.now();
  // What a CLI call does past reading: the one chain it needs.
  const chain = resolveChain(set, `role-${set.profiles.size - 2}`);
  const chained = performance.now();
  return {
    read: read - started,
    lint: linted - read,
    group: grouped - linted,
    chain: chained - grouped,
    total: grouped - started,
    findings: findings.length,
    accounts: accounts.length,
    hops: chain.hops.length,
  };
}

async function floor(env) {
  const started = performance.now();
  await loadSharedConfigFiles({
    configFilepath: env.AWS_CONFIG_FILE,
    filepath: env.AWS_SHARED_CREDENTIALS_FILE,
    ignoreCache: true,
  });
  return performance.now() - started;
}

/**
 * The longest the event loop was held at once during a read, lint and group: how long a key
 * (Esc, q) would wait. A 1 ms interval notes the gap between its ticks; the reading runs beside.
 */
async function longestBlock(env) {
  let last = performance.now();
  let longest = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = performance.now();
  longest = 0;
  await once(env);
  clearInterval(probe);
  longest = Math.max(longest, performance.now() - last);
  return longest;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(0).padStart(5)} ms`;
let failed = false;
try {
  for (const [count, shape] of [
    [10_000, 'wide'],
    [50_000, 'wide'],
    [10_000, 'deep'],
  ]) {
    const { config, credentials } = shape === 'deep' ? deepFiles(count) : files(count);
    const env = {
      AWS_CONFIG_FILE: join(dir, `config-${count}`),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, `credentials-${count}`),
    };
    writeFileSync(env.AWS_CONFIG_FILE, config);
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, credentials);
    const size = (statSync(env.AWS_CONFIG_FILE).size / 1024 / 1024).toFixed(1);
    const runs = [];
    const floors = [];
    // The first round warms the JIT, as the first read after start does. The best warm round is
    // reported (the machine is shared: the best is the least disturbed), with the median beside.
    for (let round = 0; round <= rounds; round++) {
      floors.push(await floor(env));
      runs.push(await once(env));
    }
    const warm = runs.slice(1);
    const best = warm.reduce((a, b) => (b.total < a.total ? b : a));
    const pick = (key) => best[key];
    const total = best.total;
    const floorMs = Math.min(...floors.slice(1));
    const goal = GOALS[count];
    const ok = total <= goal;
    failed ||= !ok;
    console.log(
      `${count.toLocaleString('en')} profiles${shape === 'deep' ? ' in chains 1,000 deep' : ''} (${size} MiB config): read ${ms(pick('read'))}, lint ${ms(pick('lint'))}, group ${ms(pick('group'))} = ${ms(total)} (median ${ms(median(warm.map((r) => r.total)))}, first ${ms(runs[0].total)}); one CLI chain ${pick('chain').toFixed(2)} ms`,
    );
    const blocks = [];
    for (let round = 0; round < 3; round++) blocks.push(await longestBlock(env));
    console.log(
      `  longest the event loop was held (keys wait this long): ${ms(median(blocks))} (median of 3)`,
    );
    console.log(
      `  floor (SDK loadSharedConfigFiles, same files) ${ms(floorMs)}; ratio ${(total / floorMs).toFixed(1)}×; goal ≤ ${goal} ms: ${ok ? 'met' : 'NOT met'} (${runs[0].findings} findings, ${runs[0].accounts} accounts)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
