// Handing the terminal to a child process (a shell, an editor) and taking it back intact.
//
// ink's suspendTerminal() restores cooked mode, leaves the alternate screen and repaints on
// return, but it leaves Node reading fd 0. With bash as the child the TUI is then stopped by
// SIGTTIN and steals the first keystroke; with a child in our process group keys are stolen or
// the event loop blocks in read(); Ctrl+C in the child kills the TUI; and a resize made while
// the child ran leaves the frame drawn at the old width. The steps below fix each of those
// (see ../shared/docs/ink-notes.md). This module knows nothing of ink: the caller passes the
// suspend function, so it can be tested and reused with any renderer.
import { type ChildProcess, spawn } from 'node:child_process';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { whyNotStarted } from './spawn-failure';

/** ink's `useApp().suspendTerminal` in its callback form. */
export type SuspendTerminal = (callback: () => Promise<void>) => Promise<void>;

export interface ChildCommand {
  command: string;
  args?: readonly string[];
  /** The child's whole environment; credentials go here, never in args. */
  env: NodeJS.ProcessEnv;
  /** Tried when `command` cannot be started (a $SHELL that does not exist, say). */
  fallback?: string;
  /** A line written to the terminal just before the child starts: what the person is in. */
  banner?: string;
}

export interface ChildOutcome {
  /** The exit code, or null when a signal ended the child. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The command that actually ran (the fallback, when the first could not start). */
  ran: string;
  /** Why the first command could not start ("no such file"), when the fallback ran instead. */
  fellBack?: string;
}

export interface HandOffStreams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; read(): unknown; pause(): unknown };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export class TerminalBusyError extends Error {
  constructor() {
    super('Another program already has the terminal.');
    this.name = 'TerminalBusyError';
  }
}

export interface TerminalHandOff {
  /** Runs the command with the terminal, resolving when it exits and the UI has the terminal back. */
  run(child: ChildCommand): Promise<ChildOutcome>;
  readonly busy: boolean;
}

export function createTerminalHandOff(suspend: SuspendTerminal, streams: HandOffStreams): TerminalHandOff {
  let busy = false;
  return {
    get busy() {
      return busy;
    },
    async run(child) {
      // ink throws if suspended twice; a second key press while a shell runs must not get there.
      if (busy) throw new TerminalBusyError();
      busy = true;
      try {
        let outcome: ChildOutcome | undefined;
        await suspend(async () => {
          await releaseStdin(streams.stdin);
          if (child.banner) streams.stdout.write(`${child.banner}\n`);
          const unguard = guardSignals();
          try {
            outcome = await runChild(child);
          } finally {
            unguard();
          }
          await refreshSize(streams.stdout);
          moveToColumnZero(streams.stdout);
        });
        if (!outcome) throw new Error('The terminal could not be handed over.');
        return outcome;
      } finally {
        busy = false;
      }
    },
  };
}

/**
 * ink detaches its listener but leaves the stream flowing, so Node would still read fd 0. A
 * pause() in the same tick as ink's detach does nothing, hence the turns of the event loop.
 */
async function releaseStdin(stdin: HandOffStreams['stdin']): Promise<void> {
  while (stdin.read() !== null) {
    // drop keys typed before the hand-off: they were meant for the TUI, not the child
  }
  await nextTurn();
  stdin.pause();
  await nextTurn();
}

/**
 * The child shares our terminal, so its Ctrl+C and Ctrl+\ reach us too. While it runs, those
 * signals are the child's alone: every other listener is set aside (conf's atomic writer pulls in
 * when-exit, which re-raises SIGINT and would kill us whatever else listens) and a no-op stands
 * in, so Node's default action (exit) does not run either. All are put back afterwards.
 */
function guardSignals(): () => void {
  const signals = ['SIGINT', 'SIGQUIT'] as const;
  const ignore = () => {};
  const setAside = signals.map((signal) => {
    const listeners = process.rawListeners(signal) as Array<(...args: unknown[]) => void>;
    process.removeAllListeners(signal);
    process.on(signal, ignore);
    return { signal, listeners };
  });
  return () => {
    for (const { signal, listeners } of setAside) {
      process.off(signal, ignore);
      for (const listener of listeners) process.on(signal, listener);
    }
  };
}

function runChild(child: ChildCommand): Promise<ChildOutcome> {
  const start = (command: string, args: readonly string[]) =>
    spawn(command, args, { stdio: 'inherit', env: child.env });

  const waitFor = (proc: ChildProcess, ran: string, fellBack?: string) =>
    new Promise<ChildOutcome>((resolve, reject) => {
      proc.once('error', reject);
      proc.once('exit', (code, signal) => resolve({ code, signal, ran, ...(fellBack ? { fellBack } : {}) }));
    });

  return waitFor(start(child.command, child.args ?? []), child.command).catch(
    (error: NodeJS.ErrnoException) => {
      if (!child.fallback) throw error;
      return waitFor(start(child.fallback, []), child.fallback, whyNotStarted(child.command, error));
    },
  );
}

/**
 * Resizes made while the child had the terminal never reached us: ask for the size again and
 * wait until Node has read it (its own SIGWINCH listener runs before ours), so ink's redraw
 * on resume uses the new width.
 */
async function refreshSize(stdout: HandOffStreams['stdout']): Promise<void> {
  if (!stdout.isTTY) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      process.off('SIGWINCH', done);
      resolve();
    };
    const timer = setTimeout(done, 250);
    process.on('SIGWINCH', done);
    process.kill(process.pid, 'SIGWINCH');
  });
  // Let the UI re-render for the new size (stdout emitted 'resize') before it is redrawn.
  await sleep(0);
}

/**
 * A child killed mid-line leaves the cursor there, and ink's inline redraw would start there.
 * columns-1 spaces then a carriage return lands in column 0 of a fresh line, or of the same
 * line when the cursor was already at its start.
 */
function moveToColumnZero(stdout: HandOffStreams['stdout']): void {
  if (!stdout.isTTY) return;
  stdout.write(`${' '.repeat(Math.max(0, (stdout.columns ?? 80) - 1))}\r`);
}
