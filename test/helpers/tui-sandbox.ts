// `rolecall --sandbox` in a real pseudo-terminal, and the moves a person makes in it: choosing a
// row, typing a code a digit at a time, waiting for the program's end. Shared by the end-to-end
// tests of the interface.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, generateSecret } from 'otplib';
import { expect } from 'vitest';
import { requireBuiltBin } from './built-bin';
import { type PtyRun, runInPty } from './pty';
import { tempConfigDir } from './temp-dirs';

export const WAIT = 20_000;
export const UP = '\u001B[A';
export const DOWN = '\u001B[B';
export const TAB = '\t';
export const ESC = '\u001B';

/** An interactive bash that reads no rc file, with a plain prompt: $SHELL takes no arguments. */
export function quietBash(dir: string): string {
  const path = join(dir, 'quiet-bash');
  writeFileSync(path, '#!/bin/sh\nexec bash --norc --noprofile -i\n');
  chmodSync(path, 0o755);
  return path;
}

/** `rolecall --sandbox`, with alice's MFA seed chosen here and a home and settings of its own. */
export async function startSandbox(
  options: { env?: NodeJS.ProcessEnv; columns?: number; rows?: number } = {},
): Promise<{ tui: PtyRun; secret: string; home: string }> {
  const home = tempConfigDir();
  const secret = generateSecret();
  const tui = runInPty(process.execPath, [requireBuiltBin(), '--sandbox'], {
    columns: options.columns ?? 100,
    rows: options.rows ?? 30,
    env: {
      HOME: home,
      ROLECALL_CONFIG_DIR: home,
      SHELL: quietBash(home),
      PS1: '$ ',
      ROLECALL_SHLVL: '',
      ROLECALL_SANDBOX_MFA_SECRET: secret,
      ...options.env,
    },
  });
  try {
    await tui.waitForText('user/alice · 111111111111', WAIT);
    expect(tui.screenText()).toContain('No live sessions.');
  } catch (error) {
    tui.kill();
    throw error;
  }
  return { tui, secret, home };
}

/** The code alice's device shows now, `offset` seconds from now. */
export function codeAt(secret: string, offset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset });
}

/** The code alice's device shows at `epoch` (seconds since 1970). */
export function codeFor(secret: string, epoch: number): Promise<string> {
  return generate({ secret, epoch });
}

/** The line of the selected row, the one that starts with the marker (the header's › do not). */
export function selectedLine(screen: string): string | undefined {
  return screen.split('\n').find((line) => /^ *› /.test(line));
}

/** Presses ↓ until the selected row contains `text`, each press waiting for the marker to move. */
export function moveTo(tui: PtyRun, text: string): Promise<string> {
  return select(tui, new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), { key: DOWN });
}

const isSelected = (line: string) => /^ *› /.test(line);
const unmarked = (line: string) => line.replace('›', ' ').trim();

/**
 * Moves the selection onto the row that `row` matches, up or down from where it is (a list keeps
 * the row it had, which may be below): each press waits for the marker to move; 50 at most.
 * `key` is Tab for a form's fields, which go one way.
 *
 * The marker has moved when it is on another line of the screen, or, in a list that scrolled
 * under it, when the row it was on is now on another line. A row whose text changes in place (an
 * account's alias arriving, a count) is not a move: taken as one, the next press would go a row
 * too far.
 */
export async function select(
  tui: PtyRun,
  row: RegExp,
  options: { key?: string; within?: number } = {},
): Promise<string> {
  for (let presses = 0; presses < (options.within ?? 50); presses++) {
    const screen = await tui.waitFor((s) => selectedLine(s) !== undefined, 'a selected row', WAIT);
    const lines = screen.split('\n');
    const at = lines.findIndex(isSelected);
    const line = lines[at] ?? '';
    if (row.test(line)) return line;
    const target = lines.findIndex((l) => row.test(l));
    const key = options.key ?? (target >= 0 && target < at ? UP : DOWN);
    tui.type(key);
    await tui.waitFor(
      (s) => {
        const now = s.split('\n');
        const here = now.findIndex(isSelected);
        if (here < 0) return false;
        if (here !== at) return true;
        return now.some((l, i) => i !== here && unmarked(l) === unmarked(line));
      },
      `the selection to move from ${JSON.stringify(line.trim())} towards ${row}`,
      WAIT,
    );
  }
  throw new Error(`No row like ${row} within ${options.within ?? 50} presses. Screen:\n${tui.screenText()}`);
}

/** Types an MFA code a digit at a time, each waiting for the field to take it. */
export async function typeDigits(tui: PtyRun, code: string): Promise<void> {
  for (const [i, digit] of [...code].entries()) {
    tui.type(digit);
    const left = code.length - i - 1;
    if (left > 0) await tui.waitForText(`${left} more digit${left === 1 ? '' : 's'}`, WAIT);
  }
}

/** The screen as one line of words: what wraps where the terminal's width falls reads the same. */
export function flat(screen: string): string {
  return screen.replace(/\s+/g, ' ');
}

/** The exit code, or a failure with the screen if the program has not ended within WAIT. */
export async function exitCode(tui: PtyRun): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Still running. Screen:\n${tui.screenText()}`)), WAIT);
  });
  try {
    return (await Promise.race([tui.exited, late])).exitCode;
  } finally {
    clearTimeout(timer);
  }
}
