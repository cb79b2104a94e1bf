// Renders the app (or any tree) into fake streams whose size a test can change, as a terminal
// would on resize. Like ink-testing-library, but with rows and a settable size.
import { render, useInput } from 'ink';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { HOME_SCREEN } from '../../screens/app/navigation/route-params';
import type { ScreenRegistry } from '../../screens/app/navigation/screen-registry';
import { AppRoot, connectCore } from '../../screens/app/shell/app-root';
import type { Core } from '../../screens/app/stores/core-context';
import { createUiStore, type UiStore } from '../../screens/app/stores/ui-store';
import { createCore } from '../../src/core';
import { Settings } from '../../src/settings/settings';
import { FakeStdin, FakeStdout } from './fake-terminal';
import { tempConfigDir } from './temp-dirs';

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  enter: '\r',
  escape: '\u001B',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
  backspace: '\u007F',
  shiftTab: '\u001B[Z',
} as const;

export function renderTree(tree: ReactNode, size = { columns: 80, rows: 24 }) {
  const stdout = new FakeStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  let heard = 0;
  /** Counts what ink hands to its listeners: a lone Esc only after ink has held it for 20 ms. */
  function Ear() {
    useInput(() => {
      heard += 1;
    });
    return null;
  }
  const instance = render(
    <>
      {tree}
      <Ear />
    </>,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new FakeStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  /** Writes keys the moment it is called, each as its own chunk. */
  const send = (keys: readonly string[]) => {
    for (const key of keys) stdin.write(key);
  };
  return {
    lastFrame: () => stdout.lastFrame,
    /**
     * Types keys once ink has drawn everything before and run its effects (so no test depends on
     * how fast the machine is), and returns once ink has handed them on and drawn what they did
     * at once (not what they started: an AWS call's answer is waited for with the frame).
     * Several keys in one call are written back to back, before anything redraws.
     */
    async press(...keys: string[]) {
      await instance.waitUntilRenderFlush();
      const before = heard;
      send(keys);
      await vi.waitFor(
        () => {
          if (heard < before + keys.length) throw new Error(`ink has not passed on ${JSON.stringify(keys)}`);
        },
        { timeout: 5000, interval: 5 },
      );
      await instance.waitUntilRenderFlush();
    },
    /**
     * Types keys the moment the frame first shows `text`, before ink's effects for that frame
     * have run, as a script that waits for a prompt does. Resolves once they are written.
     */
    pressWhenShown(text: string, ...keys: string[]): Promise<void> {
      return new Promise((resolve, reject) => {
        // A deadline, not a pause: a frame that never comes fails with what was awaited.
        const deadline = setTimeout(() => {
          stdout.off('frame', onFrame);
          reject(new Error(`No frame showed ${JSON.stringify(text)}; the last was:\n${stdout.lastFrame}`));
        }, 10_000);
        const onFrame = () => {
          if (!stdout.lastFrame.includes(text)) return;
          clearTimeout(deadline);
          stdout.off('frame', onFrame);
          // After the commit that drew the frame, which is still running while ink writes it.
          queueMicrotask(() => {
            send(keys);
            resolve();
          });
        };
        stdout.on('frame', onFrame);
        onFrame();
      });
    },
    resize(columns: number, rows: number) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
    exited: instance.waitUntilExit(),
    unmount: () => instance.unmount(),
  };
}

export interface AppUnderTest extends ReturnType<typeof renderTree> {
  store: UiStore;
  settings: Settings;
  core: Core;
}

/** The whole app as `rolecall` starts it, with settings in a fresh temp dir. */
export function renderApp(
  options: {
    screens?: ScreenRegistry;
    columns?: number;
    rows?: number;
    settings?: Settings;
    store?: UiStore;
    /** Sessions and clock, when the test moves time itself. */
    core?: Core;
    /** The environment the core is given (the sandbox's variables, say); else this process's. */
    env?: NodeJS.ProcessEnv;
  } = {},
): AppUnderTest {
  const settings = options.core?.settings ?? options.settings ?? new Settings({ dir: tempConfigDir() });
  const core = options.core ?? createCore({ settings, env: options.env ?? process.env });
  const store = options.store ?? createUiStore(HOME_SCREEN);
  const disconnect = connectCore(core, store);
  const rendered = renderTree(
    <AppRoot
      core={core}
      store={store}
      fullScreen
      {...(options.screens ? { screens: options.screens } : {})}
    />,
    { columns: options.columns ?? 80, rows: options.rows ?? 24 },
  );
  return {
    ...rendered,
    unmount: () => {
      disconnect();
      rendered.unmount();
    },
    store,
    settings,
    core,
  };
}

/** Moves a list's cursor to the top, then down until the selected row holds `text` (never the title's line). */
export async function selectRow(app: Pick<AppUnderTest, 'press' | 'lastFrame'>, text: string): Promise<void> {
  for (let i = 0; i < 10; i++) await app.press(KEYS.up);
  for (let i = 0; i < 20; i++) {
    if (
      app
        .lastFrame()
        .split('\n')
        .some((line) => line.includes('›') && line.includes(text) && !line.includes('rolecall'))
    )
      return;
    await app.press(KEYS.down);
  }
  throw new Error(`no row with ${text}:\n${app.lastFrame()}`);
}
