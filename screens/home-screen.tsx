// The sessions dashboard, the screen rolecall opens on: every live session with its countdown,
// all moving together on the shared clock (the countdowns alone redraw each second).
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { useKeys } from '../components/keymap';
import { SessionRow } from '../components/session-row';
import { visibleWindow } from '../components/visible-window';
import { wrappedRows } from '../components/wrapped-rows';
import { clientCount, servingLine } from '../src/live/clients-words';
import { useLiveClients } from './app/hooks/use-live-clients';
import { useSessionActions } from './app/hooks/use-session-actions';
import { useSessions } from './app/hooks/use-sessions';
import { LiveCountdown } from './app/live-countdown';
import { ACTION_KEYS, keyFor } from './app/navigation/action-keys';
import { cursorKeys } from './app/navigation/cursor-keys';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions, useUiState } from './app/stores/ui-store';

export function HomeScreen({ entry, height, width }: ScreenProps<'home'>) {
  const { open, moveSelection, selection } = useUiActions();
  const core = useCore();
  const sessions = useSessions();
  const { clients, lastServed } = useLiveClients();
  const cursor = Math.min(
    useUiState((s) => s.selections[entry.id] ?? 0),
    Math.max(0, sessions.length - 1),
  );
  // Handlers read the cursor from the store: several keys can arrive before a re-render.
  const selected = () => {
    const live = core.sessions.list();
    return live[Math.min(selection(entry.id), live.length - 1)];
  };
  const actions = useSessionActions(selected);
  // Whether the walkthrough was put away or finished: then the empty dashboard no longer points
  // at it. Read after the first frame, which does not wait for settings to be opened.
  const [walkthroughAway, setWalkthroughAway] = useState(true);
  useEffect(() => setWalkthroughAway(Boolean(core.settings.tourProgress().dismissed)), [core]);
  // The session keys only while there is a session to use them on: an empty dashboard's
  // footer points at what can be done.
  const sessionKeys = [
    ...cursorKeys((by) => moveSelection(entry.id, by, sessions.length), 'session'),
    {
      keys: ['enter'],
      label: 'details',
      description: 'Show the selected session: who, where, until when',
      run: () => {
        const session = selected();
        if (session) open('session-detail', { id: session.id });
      },
    },
    ...actions,
  ];
  useKeys([
    ...(sessions.length > 0 ? sessionKeys : []),
    {
      keys: [ACTION_KEYS.browseAccounts],
      label: 'accounts',
      description: 'Browse your accounts and their roles, to assume one',
      run: () => open('accounts'),
    },
    {
      keys: [ACTION_KEYS.openSettings],
      label: 'settings',
      description: 'Open settings (region, session length, ...)',
      run: () => open('settings'),
    },
    {
      keys: [ACTION_KEYS.gettingStarted],
      // Short: the dashboard's footer fits one row at 50 columns.
      label: 'tour',
      description:
        'Getting started: the walkthrough of roles across accounts in plain words, a check of your setup, a guided setup',
      run: () => open('tour'),
    },
    {
      keys: [ACTION_KEYS.whoIsServed],
      label: 'served',
      description:
        'Who this rolecall serves: its open shells and commands, their sessions, who was served what',
      // Not in the empty dashboard's footer, which fits one row at 50 columns.
      footer: sessions.length > 0,
      run: () => open('live-clients'),
    },
  ]);

  if (sessions.length === 0) {
    const intro = `Press ${keyFor('browseAccounts')} to browse your accounts and their roles, and assume one: its session shows here, counting down. ${keyFor('openSettings')} sets your default region and how long sessions last.`;
    const hint = `New to roles across accounts? ${keyFor('gettingStarted')} walks you through them and checks your setup.`;
    // The pointer to the walkthrough only where it fits whole under the rest (not at 50x12).
    const room = height - 3 - wrappedRows(intro, width - 2);
    const hintFits = !walkthroughAway && room >= 1 + wrappedRows(hint, width - 2);
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text bold>Live sessions</Text>
        <Text dimColor>No live sessions.</Text>
        <Text> </Text>
        <Text wrap="wrap">
          Press <Text bold>{keyFor('browseAccounts')}</Text> to browse your accounts and their roles, and
          assume one: its session shows here, counting down. <Text bold>{keyFor('openSettings')}</Text> sets
          your default region and how long sessions last.
        </Text>
        {hintFits && <Text> </Text>}
        {hintFits && (
          <Text wrap="wrap">
            New to roles across accounts? <Text bold>{keyFor('gettingStarted')}</Text> walks you through them
            and checks your setup.
          </Text>
        )}
      </Box>
    );
  }
  // Who the agent serves, under the list: only once it serves anyone, and only with room for it.
  const serving = servingLine(clients, lastServed);
  const showServing = serving !== undefined && height >= 4;
  const { start, end } = visibleWindow(sessions.length, cursor, height - 1 - (showServing ? 1 : 0));
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
          countdown={<LiveCountdown session={session} />}
          mfa={session.origin.mfa}
          chained={session.origin.chained}
          autoRefresh={session.autoRefresh}
          selected={start + i === cursor}
          clients={clientCount(clients.filter((c) => c.session === session.id))}
        />
      ))}
      {showServing && (
        <Text dimColor wrap="truncate-end">
          {serving}
        </Text>
      )}
    </Box>
  );
}
