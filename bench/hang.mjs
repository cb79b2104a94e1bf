// Against `rolecall sandbox --fault hang` (accepts every request, answers none), with the default
// settings: how long `rolecall env` takes to give up and say so, against its floor, the request
// timeout (15 s); and how long the interface takes to exit after q while its calls hang, against
// its floor, the same q on the same screen with nothing in flight (a sandbox that answers).
// Prints figures and ratios; asserts nothing. Every wait has a deadline. Usage: npm run bench:hang
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { spawn as spawnPty } from '@lydell/node-pty';
import { returningUserSettingsDir } from './returning-user.mjs';

const bin = fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));
const REQUEST_TIMEOUT_MS = 15_000;
const ROUNDS = Number(process.env.HANG_ROUNDS ?? 3);

/** Resolves with `promise`, or rejects after `ms` naming what was awaited. */
function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench:hang: no ${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function startSandbox(args) {
  const child = spawn(process.execPath, [bin, 'sandbox', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
  const { value: line } = await within(20_000, 'sandbox start', first);
  if (!line) throw new Error('The sandbox did not start. rolecall needs Node 22: run `npm run bench:hang`.');
  const info = JSON.parse(line);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TERM: 'xterm-256color',
    ROLECALL_CONFIG_DIR: returningUserSettingsDir(),
    AWS_CONFIG_FILE: info.configFile,
    AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile,
    AWS_ENDPOINT_URL: info.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return { child, env };
}

/** ms from q to the process's exit, on the accounts screen once `ready` shows there. */
async function quitTime(env, ready) {
  const pty = spawnPty(process.execPath, [bin], { cols: 100, rows: 30, env: { ...env, CI: 'false' } });
  let screen = '';
  const exited = new Promise((resolve) => pty.onExit(resolve));
  pty.onData((data) => {
    screen += data;
  });
  const seen = (text) =>
    within(
      30_000,
      JSON.stringify(text),
      new Promise((resolve) => {
        const check = () => {
          if (!screen.includes(text)) return;
          clearInterval(poll);
          resolve();
        };
        const poll = setInterval(check, 5);
        check();
      }),
    );
  try {
    await seen('No live sessions.');
    pty.write('b');
    await seen(ready);
    const pressed = process.hrtime.bigint();
    pty.write('q');
    const { exitCode } = await within(10_000, 'exit after q', exited);
    return { ms: Number(process.hrtime.bigint() - pressed) / 1e6, exitCode };
  } finally {
    try {
      pty.kill();
    } catch {}
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const hanging = await startSandbox(['--fault', 'hang']);
const answering = await startSandbox([]);
try {
  const started = process.hrtime.bigint();
  const stderr = await within(
    REQUEST_TIMEOUT_MS * 3,
    'answer from rolecall env',
    new Promise((resolve) =>
      execFile(process.execPath, [bin, 'env', 'dev-developer'], { env: hanging.env }, (_e, _o, err) =>
        resolve(err),
      ),
    ),
  );
  const envMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`rolecall env against a hanging endpoint: ${(envMs / 1000).toFixed(2)} s to say:`);
  console.log(`  ${stderr.trim()}`);
  console.log(
    `  ratio to the request timeout (${REQUEST_TIMEOUT_MS / 1000} s): ${(envMs / REQUEST_TIMEOUT_MS).toFixed(3)}`,
  );

  // Interleaved: each round quits once with nothing in flight (the floor), once while calls hang.
  const idle = [];
  const hung = [];
  for (let round = 0; round < ROUNDS; round++) {
    const floor = await quitTime(answering.env, '222222222222');
    const quit = await quitTime(hanging.env, 'Reading your AWS profiles');
    if (floor.exitCode !== 0 || quit.exitCode !== 0)
      throw new Error(`exit codes ${floor.exitCode}, ${quit.exitCode}`);
    idle.push(floor.ms);
    hung.push(quit.ms);
  }
  const q = median(hung);
  const f = median(idle);
  console.log(
    `q to exit while AWS calls hang: median ${q.toFixed(0)} ms over ${ROUNDS} (${hung.map((m) => m.toFixed(0)).join(', ')})`,
  );
  console.log(
    `floor, q to exit with nothing in flight: median ${f.toFixed(0)} ms (${idle.map((m) => m.toFixed(0)).join(', ')})`,
  );
  console.log(`ratio: ${(q / f).toFixed(2)}x; goal: under a second`);
} finally {
  hanging.child.kill('SIGTERM');
  answering.child.kill('SIGTERM');
}
