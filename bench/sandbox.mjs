// The sandbox under the real AWS SDK: ListRoles over 10,000 roles (every page), and AssumeRole
// latency. Runs the built `rolecall sandbox` in its own process, as a user would. Its floor
// (issue 15), in the same run and in turns: the same SDK calls answered by a bare `node:http`
// server in its own process that replays the sandbox's own answers, byte for byte, looked up
// by the request's body (no signature check, no IAM, no XML built). The ratio is then what the
// emulator itself costs over the SDK and HTTP. Prints figures and ratios; asserts nothing.
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

// The floor's server: records through to the sandbox on a request it has not seen, then replays.
const floorSource = `
const { createServer, request } = require('node:http');
const target = new URL(process.argv[1]);
const answers = new Map();
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const key = req.url + ' ' + body.toString('latin1');
    const known = answers.get(key);
    if (known) {
      res.writeHead(known.status, known.headers);
      res.end(known.body);
      return;
    }
    const forward = request(target, { method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const parts = [];
      answer.on('data', (c) => parts.push(c));
      answer.on('end', () => {
        const headers = { 'content-type': answer.headers['content-type'] ?? 'text/xml' };
        const recorded = { status: answer.statusCode, headers, body: Buffer.concat(parts) };
        answers.set(key, recorded);
        res.writeHead(recorded.status, headers);
        res.end(recorded.body);
      });
    });
    forward.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
`;
const floorServer = spawn(process.execPath, ['-e', floorSource, info.endpoint], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const { value: floorEndpoint } = await createInterface({ input: floorServer.stdout })
  [Symbol.asyncIterator]()
  .next();

const client = (Client, credentials, endpoint) => new Client({ endpoint, region: 'us-east-1', credentials });
const assumeOn = (sts) => () =>
  sts.send(
    new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/Developer', RoleSessionName: 'bench' }),
  );
const assume = assumeOn(client(STSClient, keys, info.endpoint));
const assumeFloor = assumeOn(client(STSClient, keys, floorEndpoint));

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (x) => `${x.toFixed(1)} ms`;
const ratio = (ours, floor) => `${(ours / floor).toFixed(2)}x`;

try {
  const session = (await assume()).Credentials;
  const credentials = {
    accessKeyId: session.AccessKeyId,
    secretAccessKey: session.SecretAccessKey,
    sessionToken: session.SessionToken,
  };
  const iam = client(IAMClient, credentials, info.endpoint);
  const iamFloor = client(IAMClient, credentials, floorEndpoint);
  const listAll = async (on, pageSize) => {
    let count = 0;
    for await (const page of paginateListRoles({ client: on, pageSize }, {})) count += page.Roles.length;
    return count;
  };
  for (const pageSize of [100, 1000]) {
    await listAll(iamFloor, pageSize); // the floor records its answers (and both warm up)
    const runs = { sandbox: [], floor: [] };
    let count = 0;
    for (let i = 0; i < 5; i++) {
      let start = process.hrtime.bigint();
      count = await listAll(iam, pageSize);
      runs.sandbox.push(ms(start));
      start = process.hrtime.bigint();
      const replayed = await listAll(iamFloor, pageSize);
      runs.floor.push(ms(start));
      if (replayed !== count) throw new Error(`the floor listed ${replayed} roles, the sandbox ${count}`);
    }
    const ours = quantile(
      runs.sandbox.sort((a, b) => a - b),
      0.5,
    );
    const floor = quantile(
      runs.floor.sort((a, b) => a - b),
      0.5,
    );
    console.log(
      `ListRoles, all pages, ${count} roles, ${pageSize} a page: median ${fmt(ours)} of 5 runs; floor ${fmt(floor)}; ratio ${ratio(ours, floor)}`,
    );
  }

  for (let i = 0; i < 20; i++) {
    await assume(); // warm-up
    await assumeFloor();
  }
  const times = { sandbox: [], floor: [] };
  for (let i = 0; i < assumeRuns; i++) {
    let start = process.hrtime.bigint();
    await assume();
    times.sandbox.push(ms(start));
    start = process.hrtime.bigint();
    await assumeFloor();
    times.floor.push(ms(start));
  }
  const [ours, floor] = [times.sandbox.sort((a, b) => a - b), times.floor.sort((a, b) => a - b)];
  console.log(
    `AssumeRole through the SDK (${assumeRuns} calls): median ${fmt(quantile(ours, 0.5))}  p90 ${fmt(quantile(ours, 0.9))}  min ${fmt(ours[0])}`,
  );
  console.log(
    `  floor (the same answers replayed): median ${fmt(quantile(floor, 0.5))}  p90 ${fmt(quantile(floor, 0.9))}; ratio of medians ${ratio(quantile(ours, 0.5), quantile(floor, 0.5))}`,
  );
} finally {
  // Stopped as a person would, so it removes its credentials directory whatever happened.
  sandbox.kill('SIGTERM');
  floorServer.kill();
}
