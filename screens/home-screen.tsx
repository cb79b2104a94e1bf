// The sessions dashboard, the screen rolecall opens on. Until the AWS core lands it has no
// sessions to list, so it says so and points at what can be done now.
import { Box, Text } from 'ink';
import { useKeys } from '../components/keymap';
import type { ScreenProps } from './app/screen-registry';
import { useUiActions } from './app/ui-store';

export function HomeScreen(_: ScreenProps) {
  const { open } = useUiActions();
  useKeys([
    {
      keys: [','],
      label: 'settings',
      description: 'Open settings (region, session length, ...)',
      run: () => open('settings'),
    },
  ]);
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>Live sessions</Text>
      <Text dimColor>No live sessions.</Text>
      <Text> </Text>
      <Text wrap="wrap">
        Next: press <Text bold>,</Text> to choose your default region and how long sessions last. Browsing
        accounts and assuming roles come in the next release.
      </Text>
    </Box>
  );
}
