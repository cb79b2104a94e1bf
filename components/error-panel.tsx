// What a person sees instead of a screen that failed: the message, and the way out.
import { Box, Text } from 'ink';
import { errorText } from '../src/error-text';
import { useKeys } from './keymap';
import { colour } from './theme';

export interface ErrorPanelProps {
  title: string;
  error: Error;
  retry: () => void;
  /** Whether Esc can go back from here (not on the first screen). */
  canGoBack: boolean;
}

export function ErrorPanel({ title, error, retry, canGoBack }: ErrorPanelProps) {
  useKeys([{ keys: ['r'], label: 'retry', description: 'Draw the screen again', run: retry }]);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={colour('error')} paddingX={1} flexShrink={0}>
      <Text bold color={colour('error')}>
        ✗ {title} failed
      </Text>
      <Text wrap="wrap">{errorText(error)}</Text>
      <Text dimColor wrap="wrap">
        r tries again{canGoBack ? ', Esc goes back' : ''}, q quits. Nothing you saved was lost.
      </Text>
    </Box>
  );
}
