// The frame every screen lives in: header, the focused screen, status line and key footer; the
// help overlay; the one keyboard dispatcher; and the one place that decides when the app exits.
import { Box, Text, useApp, useInput, useWindowSize } from 'ink';
import { useState } from 'react';
import { ErrorBoundary } from '../../components/error-boundary';
import { ErrorPanel } from '../../components/error-panel';
import { Footer, hintsFor, type KeyHint } from '../../components/footer';
import { Header } from '../../components/header';
import { type HelpEntry, HelpOverlay, helpRows } from '../../components/help-overlay';
import { isTypedCharacter, keyName } from '../../components/key-names';
import { KeymapProvider, type ScreenKeymap } from '../../components/keymap';
import type { ScreenRegistry } from './screen-registry';
import { type Status, useUiActions, useUiState } from './ui-store';

export interface AppProps {
  screens: ScreenRegistry;
  /** Fill the terminal (alternate screen) rather than draw inline below the prompt. */
  fullScreen: boolean;
  identity?: string;
}

const GLOBAL_KEYS: readonly HelpEntry[] = [
  { keys: ['?'], description: 'Show or hide this help' },
  { keys: ['escape'], description: 'Go back to the previous screen' },
  { keys: ['q'], description: 'Quit rolecall' },
  { keys: ['ctrl+c'], description: 'Quit rolecall, even while typing' },
];

/** Below this the frame cannot show a screen's content and its keys; a message says so instead. */
export const MIN_COLUMNS = 50;
export const MIN_ROWS = 12;
const HEADER_ROWS = 2;
/** A long status (a settings file moved aside, with both paths) wraps rather than lose its end. */
const MAX_STATUS_ROWS = 3;

export function App({ screens, fullScreen, identity }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const stack = useUiState((s) => s.stack);
  const help = useUiState((s) => s.help);
  const status = useUiState((s) => s.status);
  const actions = useUiActions();
  const [keymap, setKeymap] = useState<ScreenKeymap>();

  const entry = stack.at(-1);
  if (!entry) throw new Error('the screen stack is empty');
  const definition = screens[entry.screen];
  const title = definition?.title(entry) ?? entry.screen;
  const trail = stack.map((e) => screens[e.screen]?.title(e) ?? e.screen);
  const canGoBack = stack.length > 1;

  const statusRows = status
    ? Math.min(MAX_STATUS_ROWS, Math.ceil((status.text.length * 1.15) / Math.max(1, columns)))
    : 1;
  const roomAboveFooter = rows - HEADER_ROWS - statusRows;
  const screenKeys: HelpEntry[] = (keymap?.bindings ?? []).map(({ keys, description }) => ({
    keys,
    description,
  }));
  const helpLength = helpRows(title, screenKeys, GLOBAL_KEYS).length;
  const hints: KeyHint[] = help.open
    ? [
        ...(helpLength > roomAboveFooter - 2 ? [{ key: '↑↓', label: 'scroll' }] : []),
        { key: '?', label: 'close help' },
      ]
    : [
        ...hintsFor(keymap?.bindings ?? []),
        ...(canGoBack && !keymap?.bindings.some((b) => b.keys.includes('escape'))
          ? [{ key: 'Esc', label: 'back' }]
          : []),
        ...(keymap?.capturesText ? [] : [{ key: '?', label: 'help' }]),
        keymap?.capturesText ? { key: 'Ctrl-C', label: 'quit' } : { key: 'q', label: 'quit' },
      ];
  const bodyHeight = Math.max(1, roomAboveFooter - footerRows(hints, columns));

  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;

  useInput((input, key) => {
    const name = keyName(input, key);
    if (name === 'ctrl+c') return exit();
    if (tooSmall) {
      if (name === 'q') exit();
      return;
    }
    if (help.open) {
      if (name === '?' || name === 'escape') actions.toggleHelp();
      else if (name === 'q') exit();
      else if (name === 'up' || name === 'down')
        actions.scrollHelp(name === 'up' ? -1 : 1, helpLength - bodyHeight + 1);
      return;
    }
    const binding = keymap?.bindings.find((b) => name !== undefined && b.keys.includes(name));
    if (binding) return binding.run();
    if (keymap?.capturesText && isTypedCharacter(input, key)) return;
    if (name === 'escape') return actions.back();
    if (name === '?') return actions.toggleHelp();
    if (name === 'q') return exit();
  });

  const Screen = definition?.component;
  if (tooSmall) return <TooSmall columns={columns} rows={rows} />;
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
              {Screen ? (
                <Screen entry={entry} height={bodyHeight} width={columns} />
              ) : (
                <Text color="red">There is no screen called {entry.screen}.</Text>
              )}
            </ErrorBoundary>
          </KeymapProvider>
        </Box>
      </Box>
      <StatusLine status={status} rows={statusRows} />
      <Footer hints={hints} />
    </Box>
  );
}

function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>rolecall needs a larger window</Text>
      <Text wrap="wrap">
        This one is {columns}x{rows}; make it at least {MIN_COLUMNS}x{MIN_ROWS}. Nothing is lost meanwhile. q
        quits.
      </Text>
    </Box>
  );
}

function StatusLine({ status, rows }: { status?: Status; rows: number }) {
  const color = status?.tone === 'error' ? 'red' : status?.tone === 'warning' ? 'yellow' : undefined;
  return (
    <Box height={rows} flexShrink={0} overflow="hidden">
      <Text color={color} wrap="wrap">
        {status ? status.text : ' '}
      </Text>
    </Box>
  );
}

/** Rows the footer takes: its rule plus the hint lines, packed the way flex-wrap packs them. */
function footerRows(hints: readonly KeyHint[], columns: number): number {
  let lines = 1;
  let used = 0;
  for (const hint of hints) {
    const width = hint.key.length + 1 + hint.label.length;
    if (used > 0 && used + 2 + width > columns) {
      lines += 1;
      used = width;
    } else {
      used += (used > 0 ? 2 : 0) + width;
    }
  }
  return 1 + lines;
}
