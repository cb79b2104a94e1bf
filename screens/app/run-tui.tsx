// Starts the TUI on this terminal and resolves with the exit code when the person quits.
import { render } from 'ink';
import type { Settings } from '../../src/settings/settings';
import { App } from './app';
import { CoreProvider } from './core-context';
import { HOME_SCREEN, SCREENS } from './screens';
import { createUiStore, UiStoreProvider } from './ui-store';

export interface TuiOptions {
  settings: Settings;
  /** Draw below the prompt instead of taking over the whole terminal. */
  inline: boolean;
}

export async function runTui({ settings, inline }: TuiOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(
      'rolecall: the interface needs a terminal, and stdin or stdout is not one. See rolecall --help for commands.\n',
    );
    return 1;
  }
  const notices = settings.notices;
  const store = createUiStore(
    HOME_SCREEN,
    notices.length ? { status: { tone: 'warning', text: notices.join(' ') } } : {},
  );
  const instance = render(
    <CoreProvider value={{ settings }}>
      <UiStoreProvider value={store}>
        <App screens={SCREENS} fullScreen={!inline} />
      </UiStoreProvider>
    </CoreProvider>,
    {
      alternateScreen: !inline,
      // Writes only the lines that changed: about a tenth of the bytes for a ticking dashboard.
      incrementalRendering: true,
      // Ctrl-C is the app's to handle (App), so quitting has one path that restores the terminal.
      exitOnCtrlC: false,
    },
  );
  // Settings are opened after the first frame, which does not need them; a problem with the
  // file (moved aside, say) is then on the status line a moment after start.
  setImmediate(() => {
    const { notices } = settings.open();
    if (notices.length) store.getState().actions.say({ tone: 'warning', text: notices.join(' ') });
  });
  await instance.waitUntilExit();
  return 0;
}
