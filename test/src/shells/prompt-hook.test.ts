// The start-up files' text, run by the real shells (not in a terminal: the e2e test does that): it
// parses, it starts rolecall with exactly the node and script it was given, however they are
// spelled, and a hook whose generation stands runs nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hookShellOf, promptHookFiles, writePromptHook } from '../../../src/shells/prompt-hook';
import { removeTempDirs, tempConfigDir } from '../../helpers/temp-dirs';

afterAll(removeTempDirs);

const SHELLS = { bash: '/bin/bash', zsh: '/usr/bin/zsh', fish: '/usr/bin/fish' } as const;

/** A stand-in for node: records its arguments, one a line, and prints the code the hook evaluates. */
function recorder(dir: string, name: string): { path: string; log: string } {
  const path = join(dir, name);
  const log = `${path}.log`;
  writeFileSync(
    path,
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done >> "$0.log"\nif [ "$4" = fish ]; then echo 'set -gx TAKEN yes; set -g __rolecall_gen 7'; else echo 'export TAKEN=yes; __rolecall_gen=7'; fi\n`,
  );
  chmodSync(path, 0o755);
  return { path, log };
}

/** Runs the hook once in the shell (its rc read by hand), then prints TAKEN and the generation. */
function runHookOnce(shell: keyof typeof SHELLS, rcDir: string, env: NodeJS.ProcessEnv): string {
  const rc =
    shell === 'zsh'
      ? join(rcDir, 'zsh', '.zshrc')
      : join(rcDir, shell === 'bash' ? 'rolecall.bash' : 'rolecall.fish');
  const script =
    shell === 'fish'
      ? `source '${rc}'; __rolecall_hook; echo "taken=$TAKEN gen=$__rolecall_gen"`
      : `source '${rc}'; __rolecall_hook; echo "taken=\${TAKEN-} gen=\${__rolecall_gen-}"`;
  return execFileSync(SHELLS[shell], ['-c', script], { env, encoding: 'utf8' });
}

describe('hookShellOf', () => {
  it('knows bash, zsh and fish by $SHELL, and no other shell', () => {
    expect(hookShellOf('/usr/local/bin/bash')).toBe('bash');
    expect(hookShellOf('/bin/zsh')).toBe('zsh');
    expect(hookShellOf('/opt/homebrew/bin/fish')).toBe('fish');
    expect(hookShellOf('/bin/sh')).toBeUndefined();
    expect(hookShellOf('/bin/dash')).toBeUndefined();
    expect(hookShellOf(undefined)).toBeUndefined();
  });
});

describe.each(Object.keys(SHELLS) as Array<keyof typeof SHELLS>)('the %s start-up files', (shell) => {
  it('parse', () => {
    const dir = tempConfigDir();
    for (const file of promptHookFiles(shell, { command: '/usr/bin/node', args: ['/x/rolecall.js'] }, dir)) {
      const path = join(dir, file.path.replaceAll('/', '_'));
      writeFileSync(path, file.text);
      execFileSync(SHELLS[shell], shell === 'fish' ? ['--no-execute', path] : ['-n', path]);
    }
  });

  it('are written 0600 in a 0700 directory, and start rolecall as given, however its path is spelled', () => {
    const root = tempConfigDir();
    const odd = join(root, "it's a $dir `x`");
    mkdirSync(odd);
    const node = recorder(odd, 'no de');
    const generationFile = join(root, 'generation');
    writeFileSync(generationFile, '7\n');
    const launch = writePromptHook(
      root,
      shell,
      { command: node.path, args: [join(odd, "roll'call.js")] },
      {},
      3,
    );
    const hookDir = join(root, 'shell-hook');
    expect(statSync(hookDir).mode & 0o777).toBe(0o700);
    for (const file of promptHookFiles(shell, { command: '', args: [] }, hookDir)) {
      expect(statSync(join(hookDir, file.path)).mode & 0o777).toBe(0o600);
    }
    expect(launch.env.__rolecall_gen).toBe('3');
    const env = {
      PATH: process.env.PATH,
      HOME: root,
      ROLECALL_GENERATION_FILE: generationFile,
      __rolecall_gen: '3',
    };
    expect(runHookOnce(shell, hookDir, env)).toBe('taken=yes gen=7\n');
    expect(readFileSync(node.log, 'utf8')).toBe(
      `${join(odd, "roll'call.js")}\nhook-exports\n--shell\n${shell}\n`,
    );
  });

  it('run nothing while the generation stands, nor without a generation file', () => {
    const root = tempConfigDir();
    const node = recorder(root, 'node');
    const generationFile = join(root, 'generation');
    writeFileSync(generationFile, '3\n');
    writePromptHook(root, shell, { command: node.path, args: ['script.js'] }, {}, 3);
    const hookDir = join(root, 'shell-hook');
    const base = { PATH: process.env.PATH, HOME: root, __rolecall_gen: '3' };
    expect(runHookOnce(shell, hookDir, { ...base, ROLECALL_GENERATION_FILE: generationFile })).toBe(
      'taken= gen=3\n',
    );
    expect(runHookOnce(shell, hookDir, { ...base, ROLECALL_GENERATION_FILE: join(root, 'gone') })).toBe(
      'taken= gen=3\n',
    );
    expect(() => readFileSync(node.log)).toThrow();
  });

  it('say once that rolecall could not be run, and keep the prompt', () => {
    const root = tempConfigDir();
    const generationFile = join(root, 'generation');
    writeFileSync(generationFile, '4\n');
    writePromptHook(root, shell, { command: join(root, 'moved-away-node'), args: ['script.js'] }, {}, 3);
    const rc = join(root, 'shell-hook', shell === 'zsh' ? 'zsh/.zshrc' : `rolecall.${shell}`);
    const ran = spawnSync(
      SHELLS[shell],
      ['-c', `source '${rc}'; __rolecall_hook; __rolecall_hook; echo "gen=$__rolecall_gen"`],
      {
        env: {
          PATH: process.env.PATH,
          HOME: root,
          ROLECALL_GENERATION_FILE: generationFile,
          __rolecall_gen: '3',
        },
        encoding: 'utf8',
      },
    );
    const output = ran.stdout + ran.stderr;
    expect(output.split('keeps its last ones').length - 1).toBe(1);
    expect(output).toContain('gen=4');
  });
});

describe('the bash start-up file', () => {
  it.each([
    ['a string', "PROMPT_COMMAND='history -a'", "declare -- PROMPT_COMMAND=$'__rolecall_hook\\nhistory -a'"],
    [
      'an array (bash 5.1)',
      'PROMPT_COMMAND=(one two)',
      'declare -a PROMPT_COMMAND=([0]="__rolecall_hook" [1]="one" [2]="two")',
    ],
    ['nothing', '', 'declare -- PROMPT_COMMAND="__rolecall_hook"'],
  ])("puts the hook before the person's PROMPT_COMMAND when it is %s", (_what, theirs, expected) => {
    const root = tempConfigDir();
    writeFileSync(join(root, '.bashrc'), `${theirs}\n`);
    writePromptHook(root, 'bash', { command: '/bin/false', args: [] }, {}, 1);
    const output = execFileSync(
      SHELLS.bash,
      ['-c', `source '${join(root, 'shell-hook', 'rolecall.bash')}'; declare -p PROMPT_COMMAND`],
      { env: { PATH: process.env.PATH, HOME: root }, encoding: 'utf8' },
    );
    expect(output).toBe(`${expected}\n`);
  });
});

describe('the zsh start-up files', () => {
  it("read the person's .zshenv and .zshrc from their own ZDOTDIR, and leave ZDOTDIR as it was", () => {
    const root = tempConfigDir();
    const own = join(root, 'own-zdotdir');
    mkdirSync(own);
    writeFileSync(join(own, '.zshenv'), 'export SEEN_ENV=$ZDOTDIR\n');
    writeFileSync(join(own, '.zshrc'), 'export SEEN_RC=$ZDOTDIR\n');
    const launch = writePromptHook(root, 'zsh', { command: '/bin/false', args: [] }, { ZDOTDIR: own }, 1);
    const output = execFileSync(
      SHELLS.zsh,
      [...launch.args, '-c', `echo "$SEEN_ENV|$SEEN_RC|$ZDOTDIR|\${ROLECALL_USER_ZDOTDIR-unset}"`],
      {
        env: { PATH: process.env.PATH, HOME: root, ...launch.env },
        encoding: 'utf8',
      },
    );
    expect(output).toBe(`${own}|${own}|${own}|unset\n`);
  });

  it('read them from HOME when the person has no ZDOTDIR, and leave none', () => {
    const root = tempConfigDir();
    writeFileSync(join(root, '.zshenv'), 'export SEEN_ENV=yes\n');
    writeFileSync(join(root, '.zshrc'), 'export SEEN_RC=yes\n');
    const launch = writePromptHook(root, 'zsh', { command: '/bin/false', args: [] }, {}, 1);
    const output = execFileSync(
      SHELLS.zsh,
      [...launch.args, '-c', `echo "$SEEN_ENV|$SEEN_RC|\${ZDOTDIR-unset}"`],
      {
        env: { PATH: process.env.PATH, HOME: root, ...launch.env },
        encoding: 'utf8',
      },
    );
    expect(output).toBe('yes|yes|unset\n');
  });
});

describe('writing the start-up files', () => {
  it('follows no link planted at a temporary name, and replaces a link at the file itself', () => {
    const root = tempConfigDir();
    const hookDir = join(root, 'shell-hook');
    mkdirSync(hookDir, { mode: 0o700 });
    const victim = join(root, 'victim');
    writeFileSync(victim, 'untouched\n');
    const rc = join(hookDir, 'rolecall.bash');
    // The names a writer could guess: this process's pid, as the temporary file once had.
    symlinkSync(victim, `${rc}.${process.pid}.tmp`);
    symlinkSync(victim, rc);
    writePromptHook(root, 'bash', { command: '/bin/false', args: [] }, {}, 1);
    expect(readFileSync(victim, 'utf8')).toBe('untouched\n');
    expect(lstatSync(rc).isFile()).toBe(true);
    expect(lstatSync(rc).mode & 0o777).toBe(0o600);
    expect(readFileSync(rc, 'utf8')).toContain('__rolecall_hook');
  });
});
