// The built bin's command line, run as a person runs it (no terminal: stdin and stdout are pipes).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, requireBuiltBin } from '../helpers/built-bin';
import { tempConfigDir } from '../helpers/temp-dirs';

function rolecall(...args: string[]) {
  const result = spawnSync(process.execPath, [requireBuiltBin(), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ROLECALL_CONFIG_DIR: tempConfigDir() },
    timeout: 10_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the rolecall command line', () => {
  it('--help lists the options and the main keys, and exits 0', () => {
    const { code, stdout, stderr } = rolecall('--help');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: rolecall \[options\]/);
    for (const text of ['--version', '--inline', '--help', 'Keys in the interface:', 'Esc', 'q, Ctrl-C']) {
      expect(stdout).toContain(text);
    }
    expect(stdout).toContain('ROLECALL_CONFIG_DIR');
  });

  it('--version and -V print the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
    for (const flag of ['--version', '-V']) {
      const { code, stdout } = rolecall(flag);
      expect(code).toBe(0);
      expect(stdout.trim()).toBe(version);
    }
  });

  it('an unknown option prints a short message and exits 2', () => {
    const { code, stdout, stderr } = rolecall('--bogus');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("error: unknown option '--bogus'");
    expect(stderr).toContain('rolecall --help');
    expect(stderr.split('\n').length).toBeLessThan(5);
  });

  it('suggests the option meant', () => {
    expect(rolecall('--inlin').stderr).toContain('Did you mean --inline?');
  });

  it('an unknown command prints a short message and exits 2', () => {
    const { code, stderr } = rolecall('assume');
    expect(code).toBe(2);
    expect(stderr).toContain("error: unknown command 'assume'");
  });

  it('without a terminal, explains that the interface needs one and exits 1', () => {
    const { code, stderr } = rolecall();
    expect(code).toBe(1);
    expect(stderr).toContain('the interface needs a terminal');
  });
});
