// The live shell's prompt hook, when nothing changed (the target: 10 ms a prompt or less,
// and no process started). In bash, zsh and fish, the hook the live shell gets (the start-up files
// prompt-hook.ts writes) is called N times in a loop, then an empty function the same number of
// times in the same shell: the ms per call of each, and their ratio. The hook's rolecall is a
// recorder that would leave a file behind if it ever ran: the count of runs is printed too.
// Asserts nothing. Usage: node bench/prompt.mjs [calls]
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const calls = Number(process.argv[2] ?? 2000);
const rounds = 3;
const dir = mkdtempSync(join(tmpdir(), 'rolecall-prompt-bench-'));
try {
  const bundled = join(dir, 'prompt-hook.mjs');
  const result = await build({
    entryPoints: ['src/shells/prompt-hook.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
  });
  writeFileSync(bundled, result.outputFiles[0].text);
  const { writePromptHook } = await import(bundled);

  const ran = join(dir, 'rolecall-ran');
  const recorder = join(dir, 'recorder');
  writeFileSync(recorder, `#!/bin/sh\necho run >> '${ran}'\n`);
  chmodSync(recorder, 0o755);
  const generationFile = join(dir, 'generation');
  writeFileSync(generationFile, '5\n');
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    ROLECALL_GENERATION_FILE: generationFile,
    __rolecall_gen: '5',
  };

  const shells = {
    bash: {
      path: '/bin/bash',
      rc: 'rolecall.bash',
      loop: (fn) => `for ((i = 0; i < ${calls}; i++)); do ${fn}; done`,
      empty: '__rolecall_empty() { :; }',
    },
    zsh: {
      path: '/usr/bin/zsh',
      rc: 'zsh/.zshrc',
      loop: (fn) => `for ((i = 0; i < ${calls}; i++)); do ${fn}; done`,
      empty: '__rolecall_empty() { : }',
    },
    fish: {
      path: '/usr/bin/fish',
      rc: 'rolecall.fish',
      loop: (fn) => `for i in (seq ${calls}); ${fn}; end`,
      empty: 'function __rolecall_empty; end',
    },
  };

  console.log(`prompt hook, nothing changed: ${calls} calls a round, median of ${rounds} rounds`);
  for (const [name, shell] of Object.entries(shells)) {
    if (!existsSync(shell.path)) {
      console.log(`${name.padEnd(5)} not installed (${shell.path})`);
      continue;
    }
    writePromptHook(dir, name, { command: recorder, args: [] }, {}, 5);
    const rc = join(dir, 'shell-hook', shell.rc);
    const now = name === 'fish' ? '(date +%s%N)' : '$(date +%s%N)';
    const set = (variable) => (name === 'fish' ? `set ${variable} ${now}` : `${variable}=${now}`);
    const script = [
      `source '${rc}'`,
      shell.empty,
      set('t0'),
      shell.loop('__rolecall_hook'),
      set('t1'),
      shell.loop('__rolecall_empty'),
      set('t2'),
      'echo $t0 $t1 $t2',
    ].join('\n');
    const hook = [];
    const empty = [];
    for (let round = 0; round < rounds; round++) {
      const [t0, t1, t2] = execFileSync(shell.path, ['-c', script], { env, encoding: 'utf8' })
        .trim()
        .split(' ')
        .map(BigInt);
      hook.push(Number(t1 - t0) / 1e6 / calls);
      empty.push(Number(t2 - t1) / 1e6 / calls);
    }
    const h = median(hook);
    const e = median(empty);
    const runs = existsSync(ran) ? 1 : 0;
    console.log(
      `${name.padEnd(5)} hook ${h.toFixed(4)} ms a prompt, empty function ${e.toFixed(4)} ms, ratio ${(h / e).toFixed(1)}x, hook cost ${(h - e).toFixed(4)} ms; rolecall started: ${runs ? 'YES' : 'never'}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
