// The sandbox under the real AWS SDK: ListRoles over 10,000 roles (every page), and AssumeRole
// latency. Runs the built `rolecall sandbox` in its own process, as a user would. Prints figures.
// Usage: node bench/sandbox.mjs [assumeRuns]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { IAMClient, paginateListRoles } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

const ROLES = 10_000;
const assumeRuns = Number(process.argv[2] ?? 200);
const bin = fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));

const sandbox = spawn(process.execPath, [bin, 'sandbox', '--json', '--roles', String(ROLES)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [line] = await createInterface({ input: sandbox.stdout })
  [Symbol.asyncIterator]()
  .next()
  .then((r) => [r.value]);
const info = JSON.parse(line);
const credentialsText = readFileSync(info.credentialsFile, 'utf8');
const alice = credentialsText.split(/^\[/m).find((s) => s.startsWith('alice]'));
const keys = {
  accessKeyId: /aws_access_key_id = (\S+)/.exec(alice)[1],
  secretAccessKey: /aws_secret_access_key = (\S+)/.exec(alice)[1],
};
const client = (Client, credentials) =>
  new Client({ endpoint: info.endpoint, region: 'us-east-1', credentials });
const sts = client(STSClient, keys);
const assume = () =>
  sts.send(
    new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/Developer', RoleSessionName: 'bench' }),
  );

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (x) => `${x.toFixed(1)} ms`;

try {
  const session = (await assume()).Credentials;
  const iam = client(IAMClient, {
    accessKeyId: session.AccessKeyId,
    secretAccessKey: session.SecretAccessKey,
    sessionToken: session.SessionToken,
  });
  for (const pageSize of [100, 1000]) {
    const runs = [];
    let count = 0;
    for (let i = 0; i < 3; i++) {
      const start = process.hrtime.bigint();
      count = 0;
      for await (const page of paginateListRoles({ client: iam, pageSize }, {})) count += page.Roles.length;
      runs.push(ms(start));
    }
    runs.sort((a, b) => a - b);
    console.log(
      `ListRoles, all pages, ${count} roles, ${pageSize} a page: median ${fmt(quantile(runs, 0.5))} of 3 runs`,
    );
  }

  for (let i = 0; i < 20; i++) await assume(); // warm-up
  const times = [];
  for (let i = 0; i < assumeRuns; i++) {
    const start = process.hrtime.bigint();
    await assume();
    times.push(ms(start));
  }
  times.sort((a, b) => a - b);
  console.log(
    `AssumeRole through the SDK (${assumeRuns} calls): median ${fmt(quantile(times, 0.5))}  p90 ${fmt(quantile(times, 0.9))}  min ${fmt(times[0])}`,
  );
} finally {
  // Stopped as a person would, so it removes its credentials directory whatever happened.
  sandbox.kill('SIGTERM');
}
