// The sessions dashboard, the screen rolecall opens on: every live session with its countdown,
// all moving together on the shared clock.
import { Box, Text } from 'ink';
import { useKeys } from '../components/keymap';
import { SessionRow } from '../components/session-row';
import { visibleWindow } from '../components/visible-window';
import { countdown } from '../src/sessions/countdown';
import { sessionExportLines } from '../src/sessions/session-exports';
import { useCore } from './app/core-context';
import type { ScreenProps } from './app/screen-registry';
import { useUiActions, useUiState } from './app/ui-store';
import { useSessions } from './app/use-sessions';

export function HomeScreen({ entry, height }: ScreenProps) {
  const { open, moveSelection, selection, say } = useUiActions();
  const core = useCore();
  const { sessions, secondsLeft } = useSessions();
  const cursor = Math.min(
    useUiState((s) => s.selections[entry.id] ?? 0),
    Math.max(0, sessions.length - 1),
  );
  // Handlers read the cursor from the store: several keys can arrive before a re-render.
  const selected = () => {
    const live = core.sessions.list();
    return live[Math.min(selection(entry.id), live.length - 1)];
  };
  // The session keys only while there is a session to use them on: an empty dashboard's
  // footer points at what can be done.
  const sessionKeys = [
    {
      keys: ['up', 'k'],
      hint: '↑↓',
      label: 'move',
      description: 'Select the session above',
      run: () => moveSelection(entry.id, -1, sessions.length),
    },
    {
      keys: ['down', 'j'],
      label: 'move',
      description: 'Select the session below',
      run: () => moveSelection(entry.id, 1, sessions.length),
      footer: false,
    },
    {
      keys: ['r'],
      label: 'refresh',
      description: 'Get new credentials for the selected session now',
      run: () => {
        const session = selected();
        if (!session) return;
        say({ tone: 'info', text: `Refreshing ${session.id}…` });
        // The outcome reaches the status line as a session event (live-sessions.ts).
        core.sessions.refresh(session.id).catch(() => {});
      },
    },
    {
      keys: ['a'],
      label: 'auto-refresh',
      description: 'Turn auto-refresh on or off for the selected session (at the lead time in settings)',
      run: () => {
        const session = selected();
        if (session) core.sessions.setAutoRefresh(session.id, !session.autoRefresh);
      },
    },
    {
      keys: ['c'],
      label: 'copy',
      description: 'Copy the selected session’s export lines (as rolecall env prints them) to the clipboard',
      run: () => {
        const session = selected();
        if (!session) return;
        core.clipboard.write(sessionExportLines(session, process.env)).then(
          () =>
            say({
              tone: 'info',
              text: `Copied the export lines of ${session.id}: they hold its secret key, so paste them only into a shell.`,
            }),
          (error: unknown) => say({ tone: 'error', text: noClipboard(error, session.origin.profile) }),
        );
      },
    },
    {
      keys: ['d'],
      label: 'drop',
      description: 'Forget the selected session (its credentials stay valid until they expire)',
      run: () => {
        const session = selected();
        if (session) core.sessions.drop(session.id);
      },
    },
  ];
  useKeys([
    ...(sessions.length > 0 ? sessionKeys : []),
    {
      keys: ['b'],
      label: 'accounts',
      description: 'Browse your accounts and their roles, to assume one',
      run: () => open('accounts'),
    },
    {
      keys: [','],
      label: 'settings',
      description: 'Open settings (region, session length, ...)',
      run: () => open('settings'),
    },
  ]);

  if (sessions.length === 0) {
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text bold>Live sessions</Text>
        <Text dimColor>No live sessions.</Text>
        <Text> </Text>
        <Text wrap="wrap">
          Press <Text bold>b</Text> to browse your accounts and their roles, and assume one: its session shows
          here, counting down. <Text bold>,</Text> sets your default region and how long sessions last.
        </Text>
      </Box>
    );
  }
  const { start, end } = visibleWindow(sessions.length, cursor, height - 1);
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>
        Live sessions <Text dimColor>({sessions.length})</Text>
      </Text>
      {sessions.slice(start, end).map((session, i) => (
        <SessionRow
          key={session.id}
          name={session.id}
          source={session.origin.source}
          region={session.region}
          countdown={countdown(secondsLeft(session))}
          mfa={session.origin.mfa}
          chained={session.origin.chained}
          autoRefresh={session.autoRefresh}
          selected={start + i === cursor}
        />
      ))}
    </Box>
  );
}

/** clipboardy's reason (a display server is needed, xsel is missing), and what works without one. */
function noClipboard(error: unknown, profile: string | undefined): string {
  // The first line only: bundled, clipboardy adds one about its own missing fallback binary.
  const reason = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '')
    .trim()
    .replace(/\.?$/, '.');
  const instead = profile ? ` Instead: eval "$(rolecall env ${profile})"` : '';
  return `No clipboard here: ${reason}${instead}`;
}
