// Whether exec can start a command, found as execvp finds it, asked before any role is assumed.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandProblem, spawnProblem } from '../../../src/commands/find-command';
import { tempConfigDir } from '../../helpers/temp-dirs';

function script(dir: string, name: string, mode: number): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}

describe('finding the command exec runs', () => {
  it('finds a runnable file on PATH, past a non-executable one of the same name earlier on it', () => {
    const root = tempConfigDir();
    script(join(root, 'a'), 'tool', 0o644);
    script(join(root, 'b'), 'tool', 0o755);
    expect(commandProblem('tool', { PATH: `${join(root, 'a')}:${join(root, 'b')}` })).toBeUndefined();
  });

  it('names the non-executable file when it is the only one, with the fix', () => {
    const root = tempConfigDir();
    const path = script(join(root, 'a'), 'tool', 0o644);
    expect(commandProblem('tool', { PATH: join(root, 'a') })).toEqual({
      message: `Cannot run tool: ${path} is not executable (chmod +x ${path}).`,
      exitCode: 126,
    });
  });

  it('reads an empty PATH entry as the current directory, as execvp does', () => {
    const root = tempConfigDir();
    script(root, 'here', 0o755);
    expect(commandProblem('here', { PATH: '/nonexistent:' }, root)).toBeUndefined();
    expect(commandProblem('here', { PATH: '/nonexistent' }, root)).toEqual({
      message: 'Cannot run here: there is no such command on PATH.',
      exitCode: 127,
    });
  });

  it('takes a name with a slash as that file, from the current directory', () => {
    const root = tempConfigDir();
    script(root, 'run.sh', 0o600);
    expect(commandProblem('./run.sh', { PATH: '' }, root)).toEqual({
      message: 'Cannot run ./run.sh: it is not executable (chmod +x ./run.sh).',
      exitCode: 126,
    });
    chmodSync(join(root, 'run.sh'), 0o700);
    expect(commandProblem('./run.sh', { PATH: '' }, root)).toBeUndefined();
    expect(commandProblem('./nope', { PATH: '' }, root)?.message).toBe(
      'Cannot run ./nope: there is no such file.',
    );
    expect(commandProblem(root, { PATH: '' })?.message).toBe(`Cannot run ${root}: it is a directory.`);
  });

  it('puts what spawn reports in the same words, never `spawn x EACCES`', () => {
    const error = (code: string) => Object.assign(new Error(`spawn x ${code}`), { code });
    expect(spawnProblem('x', error('EACCES')).message).toBe(
      'Cannot run x: it is not executable (chmod +x x).',
    );
    expect(spawnProblem('x', error('ENOENT')).message).toBe(
      'Cannot run x: there is no such command on PATH.',
    );
    expect(spawnProblem('x', error('ENOEXEC')).message).toMatch(/^Cannot run x: it is not a program/);
    // execve says EACCES for a directory too, where chmod would not help.
    const dir = tempConfigDir();
    expect(spawnProblem(dir, error('EACCES')).message).toBe(`Cannot run ${dir}: it is a directory.`);
  });
});
