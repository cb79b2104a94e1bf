// The fake terminal bench/keystroke.mjs types into, the same for the roles screen and for its
// ink-list floor: ink's stdout and stdin with no terminal, each write timed and fed to a headless
// xterm (so what the screen shows can be read back), and a key pressed with the time from
// writing it to stdin to the first write of its frame.
import xterm from '@xterm/headless';
import { FakeStdin, FakeStdout } from '../test/helpers/fake-terminal';
import { BACKSPACE, COLUMNS, PAUSE_MS, ROWS, sleep } from './keystroke-keys';

export function fakeTerminal() {
  // A pty turns "\n" into "\r\n" (onlcr), and ink's first frame counts on it.
  const terminal = new xterm.Terminal({
    cols: COLUMNS,
    rows: ROWS,
    allowProposedApi: true,
    convertEol: true,
  });
  let painted = Promise.resolve();
  const screenText = async () => {
    await painted;
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < ROWS; y++)
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return lines;
  };

  const stdout = Object.assign(new FakeStdout(COLUMNS, ROWS), { isTTY: true });
  const stdin = new FakeStdin();
  let writes: Array<{ at: number; bytes: number }> = [];
  const fakeWrite = stdout.write;
  stdout.write = (data: string, ...rest: unknown[]) => {
    writes.push({ at: performance.now(), bytes: Buffer.byteLength(data) });
    painted = painted.then(() => new Promise<void>((resolve) => terminal.write(data, resolve)));
    return fakeWrite(data, ...rest);
  };

  async function waitForScreen(predicate: (lines: string[]) => boolean, what: string, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = await screenText();
      if (predicate(lines)) return lines;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${lines.join('\n')}`);
      await sleep(20);
    }
  }

  /** Presses a key; resolves with its frame's latency and its writes once quiet. */
  async function press(key: string) {
    await sleep(PAUSE_MS);
    writes = [];
    const pressed = performance.now();
    stdin.write(key);
    const deadline = pressed + 2000;
    while (writes.length === 0 && performance.now() < deadline) await new Promise(setImmediate);
    // Anything else the key sets off (a second render, the throttle's trailing edge) comes within this.
    await sleep(PAUSE_MS);
    const first = writes[0];
    return {
      ms: first ? first.at - pressed : Number.NaN,
      writes: writes.length,
      bytes: writes.reduce((sum, w) => sum + w.bytes, 0),
    };
  }

  /** What the screen shows after a key that left `query`: the filter line, and whether it says so. */
  async function shows(query: string) {
    const lines = await screenText();
    const filterLine = lines.find((l) => l.trimStart().startsWith('/ ')) ?? '';
    const shown = filterLine.trim().slice(2);
    // The query, then (one space later) "N of M roles", or just "M roles" once it is empty.
    const reflects = query
      ? shown.startsWith(`${query} `) && / of \d+ roles$/.test(shown)
      : /^\s*\d+ roles$/.test(shown);
    const visibleRoles = lines.filter((l) =>
      /^ *[›]? *(Generated-|Developer|ReadOnly|Admin|Deployer)/.test(l),
    ).length;
    return { reflects, filterLine: filterLine.trim(), visibleRoles };
  }

  const keyName = (key: string) => (key === BACKSPACE ? '⌫' : key);

  /** ink's options, the same for the roles screen and its floor: as `rolecall` renders. */
  const inkOptions = {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(COLUMNS, ROWS) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    interactive: true,
    alternateScreen: true,
    incrementalRendering: true,
    exitOnCtrlC: false,
    patchConsole: false,
  };

  return { stdout, stdin, inkOptions, screenText, waitForScreen, press, shows, keyName };
}
