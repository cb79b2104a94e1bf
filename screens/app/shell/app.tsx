// The frame every screen lives in: header, the focused screen, status line and key footer; the
// help overlay; the one keyboard dispatcher; and the one place that decides when the app exits.
import { Box, Text, useApp, useWindowSize } from 'ink';
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { confirmKeys } from '../../../components/confirm/confirm-keys';
import { ConfirmPrompt, confirmRows } from '../../../components/confirm/confirm-prompt';
import { ErrorBoundary } from '../../../components/error-boundary';
import { ErrorPanel } from '../../../components/error-panel';
import { useFieldKeysHeld } from '../../../components/field-keys';
import { Footer, footerRows, hintsFor, type KeyHint } from '../../../components/footer';
import { Header } from '../../../components/header';
import { type HelpEntry, HelpOverlay, helpRows } from '../../../components/help-overlay';
import { useGatedInput, useKeyGate } from '../../../components/key-gate';
import { isTypedCharacter, keyName } from '../../../components/key-names';
import { KeymapProvider, type ScreenKeymap } from '../../../components/keymap';
import { StatusLine, statusRows } from '../../../components/status-line';
import { TooSmall } from '../../../components/too-small';
import { errorText } from '../../../src/error-text';
import { ACTION_KEYS, keyFor } from '../navigation/action-keys';
import { screenLoad, screenLoaded } from '../navigation/screen-loading';
import { definitionOf, type ScreenRegistry } from '../navigation/screen-registry';
import { useUiActions, useUiState } from '../stores/ui-store';
import { useQuit } from './use-quit';

export interface AppProps {
  screens: ScreenRegistry;
  /** Fill the terminal (alternate screen) rather than draw inline below the prompt. */
  fullScreen: boolean;
}

const GLOBAL_KEYS: readonly HelpEntry[] = [
  { keys: ['?', 'ctrl+g'], description: 'Show or hide this help (Ctrl-G while typing)' },
  { keys: [ACTION_KEYS.back], description: 'Go back to the previous screen' },
  { keys: ['q'], description: 'Quit (asks first while sessions are live)' },
  { keys: ['ctrl+c'], description: 'Quit rolecall, even while typing' },
];

/** Below this the frame cannot show a screen's content and its keys; a message says so instead. */
export const MIN_COLUMNS = 50;
export const MIN_ROWS = 12;
const HEADER_ROWS = 2;

export function App({ screens, fullScreen }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const stack = useUiState((s) => s.stack);
  const help = useUiState((s) => s.help);
  const status = useUiState((s) => s.status);
  const identity = useUiState((s) => s.identity);
  const confirm = useUiState((s) => s.confirm);
  const actions = useUiActions();
  // q asks first while sessions are live; Ctrl-C calls exit() itself.
  const quit = useQuit(exit);
  const [keymap, setKeymap] = useState<ScreenKeymap>();

  const top = stack.at(-1);
  if (!top) throw new Error('the screen stack is empty');
  // A screen whose code is not loaded yet (opened before the prefetch after the first frame has
  // finished, or the first screen of `rolecall tour`) is drawn once it is. Meanwhile the screen it
  // was opened from stays drawn, as if the key had not yet been read: the keys typed meanwhile
  // wait at the gate (key-gate.tsx) and reach the new screen once it is drawn.
  const topDefinition = definitionOf(screens, top);
  const topLoad = screenLoad(topDefinition);
  const [, loaded] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (topLoad.state !== 'loading') return;
    let shown = true;
    void screenLoaded(topDefinition).then(() => shown && loaded());
    return () => {
      shown = false;
    };
  }, [topDefinition, topLoad.state]);
  const lastDrawn = useRef<string>(undefined);
  const shownAt =
    topLoad.state === 'loading' ? stack.findIndex((e) => e.id === lastDrawn.current) : stack.length - 1;
  const entry = stack[shownAt] ?? top;
  const shownStack = stack.slice(0, stack.indexOf(entry) + 1);
  const definition = definitionOf(screens, entry);
  const load = screenLoad(definition);
  const title = definition.title(entry);
  const trail = shownStack.map((e) => definitionOf(screens, e).title(e));
  const canGoBack = shownStack.length > 1;
  // The frame with the focused screen is written and its keys are published: what the gate kept
  // is its.
  const gate = useKeyGate();
  useLayoutEffect(() => {
    if (load.state === 'loading') return;
    lastDrawn.current = entry.id;
    if (entry === top) gate?.drawn(entry.id);
  }, [gate, entry, top, load.state]);

  const confirmBindings = confirm ? confirmKeys(confirm, actions.answer) : undefined;
  // A question takes only its answer: a form that came up under it (an MFA code a renewal asks
  // for) gets no keys meanwhile; Ctrl-C still quits, below.
  useFieldKeysHeld(Boolean(confirm));
  const roomAboveFooter =
    rows - HEADER_ROWS - (confirm ? confirmRows(confirm, columns) : statusRows(status, columns));
  const screenKeys: HelpEntry[] = (keymap?.bindings ?? []).map(({ keys, description }) => ({
    keys,
    description,
  }));
  const helpLength = helpRows(title, screenKeys, GLOBAL_KEYS).length;
  const screenHints: KeyHint[] = help.open
    ? [
        ...(helpLength > roomAboveFooter - 2 ? [{ key: '↑↓', label: 'scroll' }] : []),
        { key: '?', label: 'close help' },
      ]
    : [
        ...hintsFor(keymap?.bindings ?? []),
        ...(canGoBack && !keymap?.bindings.some((b) => b.keys.includes(ACTION_KEYS.back))
          ? [{ key: keyFor('back'), label: 'back' }]
          : []),
        keymap?.capturesText ? { key: 'Ctrl-G', label: 'help' } : { key: '?', label: 'help' },
        keymap?.capturesText ? { key: 'Ctrl-C', label: 'quit' } : { key: 'q', label: 'quit' },
      ];
  const hints = confirmBindings
    ? [...hintsFor(confirmBindings), { key: 'Ctrl-C', label: 'quit' }]
    : screenHints;
  const bodyHeight = Math.max(1, roomAboveFooter - footerRows(hints, columns));

  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;

  useGatedInput((input, key) => {
    const name = keyName(input, key);
    if (name === 'ctrl+c') return exit();
    // A question up takes only its answer: no other key may act under it.
    if (confirmBindings) {
      confirmBindings.find((b) => name !== undefined && b.keys.includes(name))?.run?.();
      return;
    }
    if (tooSmall) {
      if (name === 'q') quit();
      return;
    }
    if (help.open) {
      if (name === '?' || name === 'ctrl+g' || name === 'escape') actions.toggleHelp();
      else if (name === 'q') quit();
      else if (name === 'up' || name === 'down')
        actions.scrollHelp(name === 'up' ? -1 : 1, helpLength - bodyHeight + 1);
      return;
    }
    if (name === 'ctrl+g') return actions.toggleHelp();
    const binding = keymap?.bindings.find((b) => name !== undefined && b.keys.includes(name));
    if (binding?.run) return runSafely(binding.run);
    if (binding) return; // the focused widget's own key
    if (keymap?.capturesText && isTypedCharacter(input, key)) return;
    if (name === ACTION_KEYS.back) return actions.back();
    if (name === '?') return actions.toggleHelp();
    if (name === 'q') return quit();
  });

  /** A key's action that throws is reported, not allowed to take the app down with it. */
  function runSafely(run: () => void) {
    try {
      run();
    } catch (error) {
      actions.say({
        tone: 'error',
        text: `${title}: ${errorText(error)}`,
      });
    }
  }

  const Screen = load.state === 'loaded' ? load.component : undefined;
  if (tooSmall) {
    return (
      <Box flexDirection="column">
        <TooSmall columns={columns} rows={rows} minColumns={MIN_COLUMNS} minRows={MIN_ROWS} />
        {confirm && <ConfirmPrompt question={confirm} columns={columns} />}
      </Box>
    );
  }
  return (
    // No width: ink lays the root out at the terminal's width as it is at draw time, which is
    // right even in the frame drawn on return from a shell, before this component has re-rendered.
    <Box flexDirection="column" height={fullScreen ? rows : undefined}>
      <Header trail={trail} identity={identity} />
      <Box flexDirection="column" flexGrow={1} height={fullScreen ? bodyHeight : undefined} overflow="hidden">
        {help.open && (
          <HelpOverlay
            screenTitle={title}
            screenKeys={screenKeys}
            globalKeys={GLOBAL_KEYS}
            offset={help.offset}
            height={bodyHeight}
          />
        )}
        {/* Hidden, not unmounted, under the help: its keys stay listed and its state stays put. */}
        {/* flexShrink 0: content taller than the room is clipped at the bottom, not squeezed out. */}
        <Box display={help.open ? 'none' : 'flex'} flexDirection="column" flexGrow={1} flexShrink={0}>
          <KeymapProvider value={setKeymap}>
            <ErrorBoundary
              resetKey={entry.id}
              fallback={(error, retry) => (
                <ErrorPanel title={title} error={error} retry={retry} canGoBack={canGoBack} />
              )}
            >
              {load.state === 'failed' ? (
                <Failed error={load.error} />
              ) : Screen ? (
                <Screen entry={entry} height={bodyHeight} width={columns} />
              ) : (
                <Text dimColor> Opening…</Text>
              )}
            </ErrorBoundary>
          </KeymapProvider>
        </Box>
      </Box>
      {confirm ? (
        <ConfirmPrompt question={confirm} columns={columns} />
      ) : (
        <StatusLine status={status} columns={columns} />
      )}
      <Footer hints={hints} />
    </Box>
  );
}

/** A screen whose code failed to load is shown as any screen that failed: by its error boundary. */
function Failed({ error }: { error: Error }): never {
  throw error;
}
