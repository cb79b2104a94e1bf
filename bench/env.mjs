// `rolecall env PROFILE` against its floor (issue 15: bench/env-floor.ts, one AssumeRole with the
// AWS SDK and static keys, bundled as the bin is) and `aws sts assume-role`, for the same role on
// the same sandbox: in turns, 10 runs each after a warm-up, medians and the ratios. Prints
// figures; asserts nothing.
// Usage: node bench/env.mjs [runs]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

const runs = Number(process.argv[2] ?? 10);
const bin = fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));
if (!existsSync('/usr/bin/aws')) throw new Error('/usr/bin/aws is missing: apt-get install awscli');

const sandbox = spawn(process.execPath, [bin, 'sandbox', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const { value: line } = await createInterface({ input: sandbox.stdout })[Symbol.asyncIterator]().next();
  if (!line) throw new Error('The sandbox did not start. rolecall needs Node 22: run `npm run bench:env`.');
  const info = JSON.parse(line);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ROLECALL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'rolecall-bench-')),
    AWS_CONFIG_FILE: info.configFile,
    AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile,
    AWS_ENDPOINT_URL: info.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    // The direct path is measured: a running agent (the person's own dashboard) is not asked.
    ROLECALL_AGENT_SOCK: join(tmpdir(), 'rolecall-bench-no-agent.sock'),
  };
  // The floor: bundled, and given alice's keys (the sandbox's; they open nothing else).
  const floorDir = mkdtempSync(join(tmpdir(), 'rolecall-bench-env-floor-'));
  const floor = join(floorDir, 'floor.mjs');
  const bundled = await build({
    ...bundleOptions,
    entryPoints: ['bench/env-floor.ts'],
    write: false,
    minifySyntax: true,
  });
  writeFileSync(floor, bundled.outputFiles[0].text);
  const alice = /\[alice\]\s*aws_access_key_id\s*=\s*(\S+)\s*aws_secret_access_key\s*=\s*(\S+)/.exec(
    readFileSync(info.credentialsFile, 'utf8'),
  );
  if (!alice) throw new Error(`No [alice] keys in ${info.credentialsFile}.`);
  const floorEnv = {
    ...env,
    // Started as the bin is: V8's compile cache on (src/cli.ts), here for the whole script.
    NODE_COMPILE_CACHE: join(floorDir, 'v8'),
    FLOOR_KEY_ID: alice[1],
    FLOOR_SECRET: alice[2],
    FLOOR_ROLE_ARN: 'arn:aws:iam::222222222222:role/Developer',
  };
  const commands = {
    'rolecall env dev-developer': [process.execPath, [bin, 'env', 'dev-developer'], env],
    'bare-SDK floor': [process.execPath, [floor], floorEnv],
    'aws sts assume-role': [
      '/usr/bin/aws',
      [
        'sts',
        'assume-role',
        '--profile',
        'alice',
        '--role-arn',
        'arn:aws:iam::222222222222:role/Developer',
        '--role-session-name',
        'bench',
        '--endpoint-url',
        info.endpoint,
      ],
      env,
    ],
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  // A warm-up each, then in turns: a slower moment of the machine falls on all three alike.
  for (const [file, args, withEnv] of Object.values(commands))
    execFileSync(file, args, { env: withEnv, stdio: 'ignore' });
  for (let i = 0; i < runs; i++) {
    for (const [name, [file, args, withEnv]] of Object.entries(commands)) {
      const start = process.hrtime.bigint();
      execFileSync(file, args, { env: withEnv, stdio: 'ignore' });
      times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  rmSync(floorDir, { recursive: true, force: true });
  rmSync(env.ROLECALL_CONFIG_DIR, { recursive: true, force: true });
  const results = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
  for (const [name, ms] of Object.entries(results))
    console.log(
      `${name}: median ${ms.toFixed(1)} ms of ${runs} runs (${process.version} for rolecall and the floor)`,
    );
  const ours = results['rolecall env dev-developer'];
  console.log(
    `ratio rolecall / bare-SDK floor: ${(ours / results['bare-SDK floor']).toFixed(2)}x (goal 1.05x or less)`,
  );
  console.log(`ratio rolecall / aws CLI: ${(ours / results['aws sts assume-role']).toFixed(2)}x`);
} finally {
  sandbox.kill('SIGTERM');
}
