// Renders the app (or any tree) into fake streams whose size a test can change, as a terminal
// would on resize. Like ink-testing-library, but with rows and a settable size.
import { render } from 'ink';
import type { ReactNode } from 'react';
import { AppRoot, connectCore } from '../../screens/app/app-root';
import { type Core, createCore } from '../../screens/app/core-context';
import type { ScreenRegistry } from '../../screens/app/screen-registry';
import { HOME_SCREEN } from '../../screens/app/screens';
import { createUiStore, type UiStore } from '../../screens/app/ui-store';
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
} as const;

export function renderTree(tree: ReactNode, size = { columns: 80, rows: 24 }) {
  const stdout = new FakeStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    lastFrame: () => stdout.lastFrame,
    /** Types keys; a lone Esc is held by ink for 20 ms, so the caller waits for the frame. */
    press: (keys: string) => stdin.write(keys),
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
  } = {},
): AppUnderTest {
  const settings = options.core?.settings ?? options.settings ?? new Settings({ dir: tempConfigDir() });
  const core = options.core ?? createCore(settings);
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
