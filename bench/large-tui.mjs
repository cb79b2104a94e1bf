// The interface with a large config, through the built bin in a pseudo-terminal, against the
// sandbox: its own profiles plus 44,059 role profiles and 215 more key profiles (220 in all,
// each one GetCallerIdentity and one alias read on the accounts screen). Measures launch to
// first frame, `b` to the accounts listed, and Esc pressed while the accounts are being read to
// the sessions list drawn again (ink holds a lone Esc 20 ms; about 40 ms with nothing being
// read). Its floors (issue 15), in the same run and in turns: the same bin with the sandbox's own
// small config (5 key profiles, a dozen role profiles) for launch and `b`, and Esc on its
// accounts screen once they are listed (nothing being read). Prints figures and the ratios;
// asserts nothing.
// Usage: node bench/large-tui.mjs [limit-seconds]   BENCH_BIN=… measures another build.
import { spawn as spawnChild } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { spawn } from '@lydell/node-pty';
import { generatedProfiles } from './generated-profiles.mjs';
import { returningUserSettingsDir } from './returning-user.mjs';

const limitMs = Number(process.argv[2] ?? 60) * 1000;
const bin = process.env.BENCH_BIN ?? fileURLToPath(new URL('../dist/rolecall.js', import.meta.url));
const KEY_PROFILES = 215;

const sandbox = spawnChild(process.execPath, [bin, 'sandbox', '--json'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const dir = mkdtempSync(join(tmpdir(), 'rolecall-bench-large-tui-'));
try {
  const { value: line } = await createInterface({ input: sandbox.stdout })[Symbol.asyncIterator]().next();
  if (!line) throw new Error('The sandbox did not start. rolecall needs Node 22.');
  const info = JSON.parse(line);
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  copyFileSync(info.configFile, config);
  copyFileSync(info.credentialsFile, credentials);
  const alice = /\[alice\]\naws_access_key_id = (\S+)\naws_secret_access_key = (\S+)/.exec(
    readFileSync(info.credentialsFile, 'utf8'),
  );
  if (!alice) throw new Error("The sandbox's credentials file has no [alice] keys.");
  const keys = [];
  for (let k = 0; k < KEY_PROFILES; k++) {
    keys.push(`[key-${k}]\naws_access_key_id = ${alice[1]}\naws_secret_access_key = ${alice[2]}\n`);
  }
  appendFileSync(credentials, `\n${keys.join('\n')}`);
  appendFileSync(config, `\n${generatedProfiles(44_059)}`);
  const smallEnv = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !['CI', 'FORCE_COLOR', 'NO_COLOR'].includes(name)),
    ),
    TERM: 'xterm-256color',
    ROLECALL_CONFIG_DIR: returningUserSettingsDir(join(dir, 'settings-')),
    AWS_CONFIG_FILE: info.configFile,
    AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  for (const name of ['AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
    delete smallEnv[name];
  }
  const largeEnv = { ...smallEnv, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
  console.log(
    `config ${(statSync(config).size / 1024 / 1024).toFixed(2)} MiB, ${KEY_PROFILES + 5} key profiles (${bin})`,
  );

  /** Runs the interface; `script` is given the time, a way to wait for text, and to type. */
  const run = (env, script) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const pty = spawn(process.execPath, [bin], { cols: 120, rows: 40, env });
      let output = '';
      const waiting = [];
      pty.onData((data) => {
        output += data;
        for (const w of [...waiting]) {
          if (w.test(output)) {
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve(performance.now() - started);
          }
        }
      });
      const waitFor = (test) =>
        new Promise((found) => {
          const w = { test, resolve: found };
          if (test(output)) found(performance.now() - started);
          else waiting.push(w);
        });
      const type = (keys) => {
        output = '';
        pty.write(keys);
        return performance.now() - started;
      };
      const limit = setTimeout(() => {
        pty.kill('SIGKILL');
        resolve({ limited: true });
      }, limitMs);
      script({ waitFor, type }).then(
        (figures) => {
          clearTimeout(limit);
          pty.write('q');
          // An older build may not quit while it reads: the figures are in anyway.
          const stuck = setTimeout(() => pty.kill('SIGKILL'), 10_000);
          pty.onExit(() => {
            clearTimeout(stuck);
            resolve(figures);
          });
        },
        (error) => {
          clearTimeout(limit);
          pty.kill('SIGKILL');
          reject(error);
        },
      );
    });

  const listing = async ({ waitFor, type }) => {
    const firstFrame = await waitFor((o) => o.includes('No live sessions.'));
    const pressed = type('b');
    const shown = await waitFor((o) => /\d+ accounts/.test(o));
    // The floor of Esc: the accounts screen with nothing being read, back to the sessions list.
    const escaped = type('\u001b');
    const back = await waitFor((o) => o.includes('No live sessions.'));
    return { firstFrame, accounts: shown - pressed, esc: back - escaped };
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const figures = { large: [], small: [] };
  for (let round = 0; round < 3; round++) {
    figures.large.push(await run(largeEnv, listing));
    figures.small.push(await run(smallEnv, listing));
  }
  const done = (list) => list.filter((f) => !f.limited);
  if (done(figures.large).length === 0)
    console.log(`b to the accounts listed: not within ${limitMs / 1000} s`);
  else {
    for (const [what, key] of [
      ['launch to first frame', 'firstFrame'],
      ['b to the accounts listed', 'accounts'],
    ]) {
      const large = median(done(figures.large).map((f) => f[key]));
      const small = median(figures.small.map((f) => f[key]));
      console.log(
        `${what}: ${large.toFixed(0)} ms; floor (the sandbox's own config) ${small.toFixed(0)} ms; ratio ${(large / small).toFixed(2)}x (medians of 3)`,
      );
    }
  }
  const escFloor = median(figures.small.map((f) => f.esc));
  console.log(`Esc with nothing being read (the floor): ${escFloor.toFixed(0)} ms (median of 3)`);

  for (let round = 0; round < 3; round++) {
    const escaped = await run(largeEnv, async ({ waitFor, type }) => {
      await waitFor((o) => o.includes('No live sessions.'));
      type('b');
      await waitFor((o) => o.includes('Reading your AWS profiles'));
      // Midway: once it counts the profiles read (a build that does not count, a moment later).
      await Promise.race([
        waitFor((o) => /Reading your AWS profiles… [\d,]+ of/.test(o)),
        new Promise((resolve) => setTimeout(resolve, 150)),
      ]);
      const pressed = type('\u001b');
      const back = await waitFor((o) => o.includes('No live sessions.'));
      return { esc: back - pressed };
    });
    if (escaped.limited)
      console.log(`Esc while reading to the sessions list: not within ${limitMs / 1000} s`);
    else
      console.log(
        `Esc while reading to the sessions list: ${escaped.esc.toFixed(0)} ms; ratio ${(escaped.esc / escFloor).toFixed(2)}x`,
      );
  }
} finally {
  sandbox.kill();
  rmSync(dir, { recursive: true, force: true });
}
