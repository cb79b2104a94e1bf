// `rolecall env dev-developer` against the sandbox with its own small config (the floor) and with
// the same config and 44,059 more profiles after it (about 5 MiB, the size of the report in
// issue 9), through the built bin: medians, and their ratio. Prints figures; asserts nothing.
// Usage: node bench/config-env.mjs [runs] [profiles]   BENCH_BIN=/path/to/rolecall.js measures
// another build (an older commit's dist, for before and after).
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { generatedProfiles } from './generated-profiles.mjs';

const runs = Number(process.argv[2] ?? 7);
const count = Number(process.argv[3] ?? 44_059);
const bin = process.env.BENCH_BIN ?? fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));

const sandbox = spawn(process.execPath, [bin, 'sandbox', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const dir = mkdtempSync(join(tmpdir(), 'rolecall-bench-config-env-'));
try {
  const { value: line } = await createInterface({ input: sandbox.stdout })[Symbol.asyncIterator]().next();
  if (!line)
    throw new Error('The sandbox did not start. rolecall needs Node 22: run `npm run bench:config-env`.');
  const info = JSON.parse(line);
  const large = join(dir, 'config');
  copyFileSync(info.configFile, large);
  appendFileSync(large, `\n${generatedProfiles(count)}`);
  const profiles = (readFileSync(large, 'utf8').match(/^\[/gm) ?? []).length;
  const env = (configFile) => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ROLECALL_CONFIG_DIR: mkdtempSync(join(dir, 'settings-')),
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = {};
  for (const [name, configFile] of [
    ['small', info.configFile],
    ['large', large],
  ]) {
    const args = [bin, 'env', 'dev-developer'];
    const variables = env(configFile);
    execFileSync(process.execPath, args, { env: variables, stdio: 'ignore' }); // warm-up
    const times = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      execFileSync(process.execPath, args, { env: variables, stdio: 'ignore' });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    results[name] = median(times);
    const size = (statSync(configFile).size / 1024 / 1024).toFixed(2);
    const what = name === 'small' ? "the sandbox's config" : `${profiles.toLocaleString('en')} profiles`;
    console.log(
      `rolecall env dev-developer, ${what} (${size} MiB): median ${results[name].toFixed(0)} ms of ${runs} runs`,
    );
  }
  console.log(`large / small: ${(results.large / results.small).toFixed(2)}×`);
} finally {
  sandbox.kill();
  rmSync(dir, { recursive: true, force: true });
}
