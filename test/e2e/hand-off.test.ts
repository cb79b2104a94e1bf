// The terminal hand-off in a real pseudo-terminal: while a child has the terminal the TUI reads
// nothing, the child's Ctrl+C is the child's alone, and afterwards keys and size are right.
import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleOptions } from '../../scripts/bundle-options.mjs';
import { ROOT } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { tempConfigDir } from '../helpers/temp-dirs';

const FIXTURE = `${ROOT}test/e2e/.build/hand-off-app.mjs`;
let run: PtyRun | undefined;

beforeAll(async () => {
  mkdirSync(`${ROOT}test/e2e/.build`, { recursive: true });
  await build({
    ...bundleOptions,
    entryPoints: [`${ROOT}test/e2e/fixtures/hand-off-app.tsx`],
    outfile: FIXTURE,
  });
});
afterEach(() => run?.kill());

/**
 * How long a wait may take before the test gives up: generous, for a loaded machine (the whole
 * suite on one busy core). A wait ends as soon as its text is there; a key the TUI lost (the bug
 * these tests are about) never shows, however long the wait.
 */
const WAIT = 30_000;
// Each test's own bound: a few waits of WAIT, never reached when the TUI behaves.
vi.setConfig({ testTimeout: 4 * WAIT });

function start(child: string, env: NodeJS.ProcessEnv = {}) {
  run = runInPty(process.execPath, [FIXTURE], {
    env: { HANDOFF_CHILD: child, ROLECALL_CONFIG_DIR: tempConfigDir(), ...env },
  });
  return run;
}

// An interactive shell, as $SHELL will be: it takes the terminal's foreground process group, so
// a TUI still reading fd 0 is stopped by SIGTTIN and never hears of a resize.
const SHELL = 'exec bash --norc --noprofile -i';

describe.each([
  ['in the alternate screen', {}],
  ['inline', { HANDOFF_INLINE: '1' }],
])('handing the terminal to a child %s', (_, env) => {
  it('gives an interactive shell every key and a cooked terminal, then takes keys back at once', async () => {
    const tui = start(SHELL, env);
    await tui.waitForText('typed []', WAIT);
    tui.type('c');
    await tui.waitFor((text) => /bash-[\d.]+[#$]/.test(text), 'the shell prompt', WAIT);
    tui.type(`stty -a | grep -o -- '-*icanon' | sed 's/^/child tty /'; echo "child got [$((6*7))]"\r`);
    await tui.waitForText('child got [42]', WAIT);
    expect(tui.screenText()).toMatch(/child tty icanon/);
    tui.type('exit\r');
    await tui.waitForText('child code=0 signal=null', WAIT);
    // Nothing typed for the child (letters, quotes, pipes, Enter) reached the TUI.
    expect(tui.screenText()).toContain('typed []');
    tui.type('ab');
    await tui.waitForText('typed [ab]', WAIT);
  });

  // Retried: in 3 of about 8 whole-suite runs on 2026-11-30 (never alone, never before that day)
  // the child was not ended by the ^C the terminal echoed, and the wait ran out; the cause is not
  // found yet (see the closing note of issue 13). A TUI that lost the key would fail all 3 tries.
  it('lets Ctrl+C end a child in its process group and leaves the TUI running', { retry: 2 }, async () => {
    const tui = start('echo child ready; sleep 30', env);
    await tui.waitForText('typed []', WAIT);
    tui.type('c');
    await tui.waitForText('child ready', WAIT);
    tui.type('\u0003');
    await tui.waitForText('child code=null signal=SIGINT', WAIT);
    tui.type('a');
    await tui.waitForText('typed [a]', WAIT);
    tui.type('q');
    expect((await tui.exited).exitCode).toBe(0);
  });

  it('redraws at the size the terminal was given while the shell had it', async () => {
    const tui = start(SHELL, env);
    await tui.waitForText('size 80x24', WAIT);
    tui.type('c');
    await tui.waitFor((text) => /bash-[\d.]+[#$]/.test(text), 'the shell prompt', WAIT);
    tui.type('echo child ready\r');
    await tui.waitForText('child ready', WAIT);
    tui.resize(64, 18);
    tui.type('exit\r');
    await tui.waitFor(
      (text) => text.includes('size 64x18') && text.includes('child code=0'),
      'the new size and the child outcome',
      WAIT,
    );
    // The header's rule spans exactly the new width: the frame was laid out for it.
    expect(tui.screen().some((line) => line === '─'.repeat(64))).toBe(true);
  });
});

describe('the hand-off canary', () => {
  // If a future ink pauses stdin itself on suspend, this fails and releaseStdin() can go.
  it('under a plain suspendTerminal(), Node is still reading the terminal', async () => {
    const tui = start('true');
    await tui.waitForText('canary not run', WAIT);
    tui.type('k');
    await tui.waitForText('canary reading=true paused=false', WAIT);
  });
});
