// Runs a program in a real pseudo-terminal and reads the screen as a person would see it, through
// a headless xterm that interprets everything the program writes.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type IPty, spawn as spawnPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';

const { Terminal } = xterm;
const BSU = '\u001B[?2026h';
const ESU = '\u001B[?2026l';

export interface PtyRun {
  /** The visible screen, one string per row, right-trimmed. */
  screen(): string[];
  screenText(): string;
  /** Everything the program wrote, escape sequences and all. */
  raw(): string;
  type(keys: string): void;
  resize(columns: number, rows: number): void;
  waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  waitForText(text: string, timeoutMs?: number): Promise<string>;
  exited: Promise<{ exitCode: number; signal?: number }>;
  /** Whether xterm is showing the alternate screen buffer. */
  onAlternateScreen(): boolean;
  kill(): void;
}

export function runInPty(
  file: string,
  args: string[],
  options: {
    columns?: number;
    rows?: number;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    /**
     * Leave ROLECALL_CONFIG_DIR without a settings file, as on rolecall's very first start there
     * (the walkthrough then opens by itself). Else one is written first, so that the interface
     * opens on the dashboard, as it does on every later start.
     */
    firstStart?: boolean;
  } = {},
): PtyRun {
  if (!options.firstStart) markStartedBefore(options.env?.ROLECALL_CONFIG_DIR);
  const columns = options.columns ?? 80;
  const rows = options.rows ?? 24;
  const terminal = new Terminal({ cols: columns, rows, allowProposedApi: true });
  let raw = '';
  let pending = Promise.resolve();
  // The child gets a person's terminal, not the test runner's environment: no colour overrides,
  // and no CI variables (ink then draws only a final frame, and chalk, seeing CI at all, even
  // CI=false, draws no colour).
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !['FORCE_COLOR', 'NO_COLOR', 'CI', 'CONTINUOUS_INTEGRATION'].includes(name) &&
        !name.startsWith('CI_'),
    ),
  );
  const pty: IPty = spawnPty(file, args, {
    name: 'xterm-256color',
    cols: columns,
    rows,
    cwd: options.cwd ?? process.cwd(),
    env: { ...inherited, TERM: 'xterm-256color', COLORTERM: 'truecolor', ...options.env } as Record<
      string,
      string
    >,
  });
  /** Chunks written so far, and the waits that have seen them all. */
  let chunks = 0;
  const waiting = new Set<() => void>();
  // ink 8 wraps each frame in a synchronized update (DEC mode 2026: BSU … ESU), and a terminal
  // that knows the mode shows none of it until ESU. A frame larger than one read of the pty comes
  // in several chunks: between them, the screen is half old, half new, which no person sees.
  let inUpdate = false;
  pty.onData((data) => {
    // The markers' last occurrence decides; one may be cut between two chunks, so look back.
    const tail = raw.slice(-(BSU.length - 1)) + data;
    const begin = tail.lastIndexOf(BSU);
    const end = tail.lastIndexOf(ESU);
    if (begin !== end) inUpdate = begin > end;
    raw += data;
    chunks += 1;
    pending = pending.then(() => new Promise<void>((resolve) => terminal.write(data, resolve)));
    for (const wake of waiting) wake();
    waiting.clear();
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => pty.onExit(resolve));

  const screen = () => {
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < terminal.rows; y++) {
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    return lines;
  };

  /** Reads the screen each time the program writes, until it shows what is wanted or time is up. */
  const waitFor = async (predicate: (screen: string) => boolean, what: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = chunks;
      await pending;
      const text = screen().join('\n');
      // Judged only on a screen that has taken every chunk so far, and not inside a frame.
      if (!inUpdate && chunks === seen && predicate(text)) return text;
      if (chunks !== seen) continue;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what}. Screen:\n${text}`);
      let timer: NodeJS.Timeout | undefined;
      let wake = () => {};
      await new Promise<void>((resolve) => {
        wake = resolve;
        waiting.add(wake);
        timer = setTimeout(resolve, left);
      });
      waiting.delete(wake);
      clearTimeout(timer);
    }
  };

  return {
    screen,
    screenText: () => screen().join('\n'),
    raw: () => raw,
    type: (keys) => pty.write(keys),
    resize(c, r) {
      pty.resize(c, r);
      terminal.resize(c, r);
    },
    waitFor,
    waitForText: (text, timeoutMs) => waitFor((s) => s.includes(text), JSON.stringify(text), timeoutMs),
    exited,
    onAlternateScreen: () => terminal.buffer.active.type === 'alternate',
    kill: () => pty.kill(),
  };
}

/** An empty settings file in `dir`, when it is a directory without one: rolecall has run there. */
function markStartedBefore(dir: string | undefined): void {
  if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) return;
  const path = join(dir, 'settings.json');
  if (!existsSync(path)) writeFileSync(path, '{}\n', { mode: 0o600 });
}
