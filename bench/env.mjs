// `rolecall env PROFILE` against `aws sts assume-role` for the same role on the same sandbox:
// 10 runs each after a warm-up, medians and their ratio. Prints figures; asserts nothing.
// Usage: node bench/env.mjs [runs]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

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
  };
  const commands = {
    'rolecall env dev-developer': [process.execPath, [bin, 'env', 'dev-developer']],
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
    ],
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = {};
  for (const [name, [file, args]] of Object.entries(commands)) {
    execFileSync(file, args, { env, stdio: 'ignore' }); // warm-up
    const times = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      execFileSync(file, args, { env, stdio: 'ignore' });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    results[name] = median(times);
    console.log(
      `${name}: median ${results[name].toFixed(1)} ms of ${runs} runs (${process.version} for rolecall)`,
    );
  }
  const [ours, theirs] = Object.values(results);
  console.log(`ratio rolecall / aws CLI: ${(ours / theirs).toFixed(2)}x (target 0.25x)`);
} finally {
  sandbox.kill('SIGTERM');
}
