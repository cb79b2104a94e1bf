// The hand-off's own rules, without a terminal (the real-pty behaviour is in test/e2e).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  createTerminalHandOff,
  type HandOffStreams,
  TerminalBusyError,
} from '../../../src/terminal/hand-off';
import { tempConfigDir } from '../../helpers/temp-dirs';

/** What a child is given when the test is not about its environment. */
const CHILD_ENV = { PATH: '/usr/bin:/bin' };

function handOff() {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  return createTerminalHandOff((callback) => callback(), { stdin, stdout } as unknown as HandOffStreams);
}

describe('the terminal hand-off', () => {
  it("reports the child's exit code", async () => {
    const outcome = await handOff().run({ env: CHILD_ENV, command: '/bin/sh', args: ['-c', 'exit 3'] });
    expect(outcome).toEqual({ code: 3, signal: null, ran: '/bin/sh' });
  });

  it('gives the child the environment it is handed, and nothing of this process’s', async () => {
    // Set for every test file (vitest.config.ts), so this process has it.
    expect(process.env.FORCE_COLOR).toBe('0');
    const outcome = await handOff().run({
      command: '/bin/sh',
      args: ['-c', 'test "$ROLECALL_PROFILE" = prod && test -z "$FORCE_COLOR"'],
      env: { ROLECALL_PROFILE: 'prod', PATH: process.env.PATH },
    });
    expect(outcome.code).toBe(0);
  });

  it('runs the fallback when the command cannot be started, and says why', async () => {
    const outcome = await handOff().run({ env: CHILD_ENV, command: '/no/such/shell', fallback: '/bin/true' });
    expect(outcome).toMatchObject({ code: 0, ran: '/bin/true' });
    expect(outcome.fellBack).toBe('there is no such file');
  });

  it('says in words, not error codes, why a $SHELL that is no program could not start', async () => {
    const dir = tempConfigDir();
    const notExecutable = join(dir, 'myshell');
    writeFileSync(notExecutable, '#!/bin/sh\n', { mode: 0o644 });
    const plain = await handOff().run({ env: CHILD_ENV, command: notExecutable, fallback: '/bin/true' });
    expect(plain).toMatchObject({ code: 0, ran: '/bin/true' });
    expect(plain.fellBack).toBe(`it is not executable (chmod +x ${notExecutable})`);
    const folder = await handOff().run({ env: CHILD_ENV, command: dir, fallback: '/bin/true' });
    expect(folder.fellBack).toBe('it is a directory');
  });

  it('fails clearly when the command cannot be started and there is no fallback', async () => {
    await expect(handOff().run({ env: CHILD_ENV, command: '/no/such/shell' })).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('fails clearly when the fallback cannot be started either', async () => {
    await expect(
      handOff().run({ env: CHILD_ENV, command: '/no/such/shell', fallback: '/no/such/sh' }),
    ).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('refuses a second hand-off while one runs, and allows one after', async () => {
    const terminal = handOff();
    const first = terminal.run({ env: CHILD_ENV, command: '/bin/sh', args: ['-c', 'sleep 0.2'] });
    expect(terminal.busy).toBe(true);
    await expect(terminal.run({ env: CHILD_ENV, command: '/bin/true' })).rejects.toBeInstanceOf(
      TerminalBusyError,
    );
    await first;
    expect(terminal.busy).toBe(false);
    await expect(terminal.run({ env: CHILD_ENV, command: '/bin/true' })).resolves.toMatchObject({ code: 0 });
  });

  it('puts back the SIGINT listeners it set aside', async () => {
    const mine = () => {};
    process.on('SIGINT', mine);
    try {
      await handOff().run({ env: CHILD_ENV, command: '/bin/true' });
      expect(process.listeners('SIGINT')).toContain(mine);
    } finally {
      process.off('SIGINT', mine);
    }
  });
});
