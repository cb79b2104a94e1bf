// `rolecall credential-process P` served by a running agent, against `node -e 0` on the same
// machine in the same run (the goal: at most 1.5x), in turns, N runs each after a
// warm-up; and, for comparison, the direct path (--no-agent) against the built-in sandbox. The
// agent is a stand-in: the real socket layer (src/live/agent-socket.ts, bundled here) with a
// handler that answers fixed credentials, so what is measured is rolecall's side alone.
// Prints medians and ratios; asserts nothing. Usage: node bench/agent.mjs [runs]
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

const runs = Number(process.argv[2] ?? 30);
const bin = fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rolecall-bench-agent-'));
const socketModule = join(dir, 'agent-socket.mjs');
const bundled = await build({
  ...bundleOptions,
  entryPoints: ['src/live/agent-socket.ts'],
  write: false,
  splitting: false,
});
writeFileSync(socketModule, bundled.outputFiles[0].text);
// The stand-in runs in a process of its own, as an agent does: the bench's own waits on its
// children do not delay its answers.
const standIn = join(dir, 'stand-in.mjs');
writeFileSync(
  standIn,
  `import { listenAgentSocket } from ${JSON.stringify(socketModule)};
const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\\.\\d{3}Z$/, 'Z');
const agent = await listenAgentSocket(process.argv[2], async (request) => {
  if (request.op !== 'credentials') return { ok: false, kind: 'refused', message: 'not in this bench' };
  return {
    ok: true,
    op: 'credentials',
    credentials: {
      accessKeyId: 'ASIABENCHBENCHBENCH1',
      secretAccessKey: 'bench-secret-bench-secret-bench-secret-1',
      sessionToken: 'bench-token',
      expiration,
    },
    identity: { session: request.profile, profile: request.profile, region: 'eu-west-1' },
    notes: [],
  };
});
process.on('SIGTERM', () => agent.close().then(() => process.exit(0)));
console.log('ready');
`,
);
const socket = join(dir, 'agent.sock');
const agent = spawn(process.execPath, [standIn, socket], { stdio: ['ignore', 'pipe', 'inherit'] });
await createInterface({ input: agent.stdout })[Symbol.asyncIterator]().next();
const run = (file, args, env) =>
  new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    execFile(file, args, { env }, (error, stdout) => {
      if (error) reject(error);
      else resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, stdout });
    });
  });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: join(dir, 'cache') };
const agentEnv = { ...base, ROLECALL_AGENT_SOCK: socket };

const sandbox = spawn(process.execPath, [bin, 'sandbox', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const { value: line } = await createInterface({ input: sandbox.stdout })[Symbol.asyncIterator]().next();
  if (!line) throw new Error('The sandbox did not start. rolecall needs Node 22: run `npm run bench:agent`.');
  const info = JSON.parse(line);
  const directEnv = {
    ...base,
    ROLECALL_CONFIG_DIR: join(dir, 'config'),
    AWS_CONFIG_FILE: info.configFile,
    AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile,
    AWS_ENDPOINT_URL: info.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const commands = {
    'node -e 0': [process.execPath, ['-e', '0'], base],
    'credential-process, served by the agent': [
      process.execPath,
      [bin, 'credential-process', 'dev-developer'],
      agentEnv,
    ],
    'credential-process --no-agent, against the sandbox': [
      process.execPath,
      [bin, 'credential-process', 'dev-developer', '--no-agent'],
      directEnv,
    ],
  };
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (const [file, args, env] of Object.values(commands)) await run(file, args, env); // warm-up
  const check = await run(...commands['credential-process, served by the agent']);
  if (!check.stdout.includes('ASIABENCHBENCHBENCH1'))
    throw new Error(`not served by the agent: ${check.stdout}`);
  let servedAll = true;
  for (let i = 0; i < runs; i++) {
    for (const [name, [file, args, env]] of Object.entries(commands)) {
      const { ms, stdout } = await run(file, args, env);
      times[name].push(ms);
      if (env === agentEnv) servedAll &&= stdout.includes('ASIABENCHBENCHBENCH1');
    }
  }
  console.log(
    `${runs} runs each, in turns (${process.version}); ${servedAll ? 'every one' : 'NOT every one'} served by the agent`,
  );
  for (const [name, xs] of Object.entries(times))
    console.log(`  ${name}: median ${median(xs).toFixed(1)} ms`);
  const floor = median(times['node -e 0']);
  const served1 = median(times['credential-process, served by the agent']);
  const direct = median(times['credential-process --no-agent, against the sandbox']);
  console.log(`ratio served by the agent / node -e 0: ${(served1 / floor).toFixed(2)}x (goal 1.5x or less)`);
  console.log(`ratio direct / node -e 0: ${(direct / floor).toFixed(2)}x`);
} finally {
  sandbox.kill('SIGTERM');
  await new Promise((resolve) => {
    agent.once('exit', resolve);
    agent.kill('SIGTERM');
  });
  rmSync(dir, { recursive: true, force: true });
}
