// Against `rolecall sandbox --fault hang` (accepts every request, answers none), with the default
// settings: how long `rolecall env` takes to give up and say so (about the request timeout, 15 s),
// and how long the interface takes to exit after q while its calls hang (under a second).
// Prints figures; asserts nothing. Usage: node bench/hang.mjs
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { spawn as spawnPty } from '@lydell/node-pty';

const bin = fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));
const sandbox = spawn(process.execPath, [bin, 'sandbox', '--json', '--fault', 'hang'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const { value: line } = await createInterface({ input: sandbox.stdout })[Symbol.asyncIterator]().next();
  if (!line) throw new Error('The sandbox did not start. rolecall needs Node 22: run `npm run bench:hang`.');
  const info = JSON.parse(line);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TERM: 'xterm-256color',
    ROLECALL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'rolecall-bench-')),
    AWS_CONFIG_FILE: info.configFile,
    AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile,
    AWS_ENDPOINT_URL: info.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };

  const started = process.hrtime.bigint();
  const stderr = await new Promise((resolve) =>
    execFile(process.execPath, [bin, 'env', 'dev-developer'], { env }, (_error, _out, err) => resolve(err)),
  );
  const envMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`rolecall env against a hanging endpoint: ${(envMs / 1000).toFixed(2)} s to ${stderr.trim()}`);

  const pty = spawnPty(process.execPath, [bin], { cols: 100, rows: 30, env: { ...env, CI: 'false' } });
  let screen = '';
  const exited = new Promise((resolve) => pty.onExit(resolve));
  const seen = (text) =>
    new Promise((resolve) => {
      const check = pty.onData(() => {
        if (screen.includes(text)) {
          check.dispose();
          resolve();
        }
      });
    });
  pty.onData((data) => {
    screen += data;
  });
  await seen('No live sessions.');
  pty.write('b');
  // The accounts screen waits on calls the sandbox will never answer.
  await seen('Reading your AWS profiles');
  const pressed = process.hrtime.bigint();
  pty.write('q');
  const { exitCode } = await exited;
  const quitMs = Number(process.hrtime.bigint() - pressed) / 1e6;
  console.log(`q to exit while AWS calls hang: ${quitMs.toFixed(0)} ms (exit code ${exitCode})`);
} finally {
  sandbox.kill('SIGTERM');
}
