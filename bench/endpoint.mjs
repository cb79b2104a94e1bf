// The credentials endpoint under 50 concurrent clients (the goal: p99 of 5 ms or less a
// request). bench/endpoint-servers.ts runs, in a process of its own, rolecall's endpoint with the
// real live service behind it (one live session, 21 open clients) and the floor: a bare
// node:http server on loopback answering the same JSON. This process is the clients: each one
// a kept-alive connection asking again as soon as it has its answer, as an SDK does, in rounds
// that take the endpoint and the floor in turns. Prints p50/p99 of each, and their ratio.
// Asserts nothing. Usage: node bench/endpoint.mjs [clients] [requestsPerClientPerRound] [rounds]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

const clients = Number(process.argv[2] ?? 50);
const perRound = Number(process.argv[3] ?? 100);
const rounds = Number(process.argv[4] ?? 10);

const dir = mkdtempSync(join(tmpdir(), 'rolecall-endpoint-bench-'));
const entry = join(dir, 'endpoint-servers.mjs');
const bundled = await build({
  ...bundleOptions,
  entryPoints: ['bench/endpoint-servers.ts'],
  write: false,
  splitting: false,
});
writeFileSync(entry, bundled.outputFiles[0].text);
const servers = spawn(process.execPath, [entry], {
  env: process.env,
  stdio: ['pipe', 'pipe', 'inherit'],
});
const first = await createInterface({ input: servers.stdout })[Symbol.asyncIterator]().next();
const where = JSON.parse(first.value);
// The token the live service gave the bench's client (made-up credentials behind it).
const { token } = where;

/** One GET on the client's own kept-alive connection; resolves with its body. */
function ask(target, agent) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: target.port, path: target.path, agent, headers: { authorization: token } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          response.statusCode === 200 ? resolve(text) : reject(new Error(`${response.statusCode}: ${text}`)),
        );
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('no answer in 10 s')));
    req.on('error', reject);
    req.end();
  });
}

const targets = {
  endpoint: { ...where.endpoint, agents: [], times: [] },
  floor: { ...where.floor, agents: [], times: [] },
};
for (const target of Object.values(targets)) {
  target.agents = Array.from({ length: clients }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
}

async function round(target, record) {
  await Promise.all(
    target.agents.map(async (agent) => {
      for (let i = 0; i < perRound; i++) {
        const started = performance.now();
        await ask(target, agent);
        if (record) target.times.push(performance.now() - started);
      }
    }),
  );
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (ms) => `${ms.toFixed(2)} ms`;

try {
  const [ours, bare] = await Promise.all([ask(targets.endpoint, undefined), ask(targets.floor, undefined)]);
  if (ours !== bare) throw new Error(`the two answers differ:\n${ours}\n${bare}`);
  // Warm-up: connections opened, code optimised; not counted.
  await round(targets.endpoint, false);
  await round(targets.floor, false);
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    // In turns, each going first every other round.
    const order = r % 2 ? ['floor', 'endpoint'] : ['endpoint', 'floor'];
    for (const name of order) await round(targets[name], true);
  }
  const seconds = (performance.now() - started) / 1000;

  const summary = {};
  for (const [name, target] of Object.entries(targets)) {
    const sorted = target.times.sort((a, b) => a - b);
    summary[name] = {
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
      max: sorted.at(-1),
      n: sorted.length,
    };
  }
  const { endpoint: e, floor: f } = summary;
  console.log(
    `${clients} concurrent kept-alive clients, ${rounds} rounds of ${perRound} requests each, endpoint and floor in turns (${seconds.toFixed(1)} s)`,
  );
  console.log(
    `rolecall endpoint: p50 ${fmt(e.p50)}  p99 ${fmt(e.p99)}  max ${fmt(e.max)}  (${e.n} requests)`,
  );
  console.log(
    `floor (bare http): p50 ${fmt(f.p50)}  p99 ${fmt(f.p99)}  max ${fmt(f.max)}  (${f.n} requests)`,
  );
  console.log(
    `ratio: p50 ${(e.p50 / f.p50).toFixed(2)}x  p99 ${(e.p99 / f.p99).toFixed(2)}x   goal: endpoint p99 <= 5 ms: ${e.p99 <= 5 ? 'met' : 'NOT met'}`,
  );
} finally {
  for (const target of Object.values(targets)) for (const agent of target.agents) agent.destroy();
  servers.stdin.end();
  await new Promise((resolve) => servers.on('close', resolve));
  rmSync(dir, { recursive: true, force: true });
}
