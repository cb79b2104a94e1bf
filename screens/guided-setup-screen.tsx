// SCAFFOLD (issue 12, replaced by the guided setup's own screen before the issue is resolved):
// the route exists so that the walkthrough's parts can open each other while they are built apart.
import { Text } from 'ink';
import type { ScreenProps } from './app/navigation/screen-registry';

export function GuidedSetupScreen(_props: ScreenProps<'guided-setup'>) {
  return <Text>Guided setup</Text>;
}
