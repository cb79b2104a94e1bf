// Yes or no on one line: "[x] Require MFA", marked when it has the focus. Space flips it (the
// form's key, listed with TOGGLE_KEY's words).
import { Box, Text } from 'ink';
import { colour } from '../theme';

/** What a form lists for the key that flips its focused toggle; the form adds `run`. */
export const TOGGLE_KEY = {
  keys: ['space'],
  label: 'flip',
  description: 'Turn the choice on or off',
} as const;

export interface ToggleProps {
  label: string;
  on: boolean;
  focused: boolean;
}

export function Toggle({ label, on, focused }: ToggleProps) {
  return (
    <Box>
      <Text color={colour('accent')}>{focused ? '› ' : '  '}</Text>
      <Text bold={focused}>
        [{on ? 'x' : ' '}] {label}
      </Text>
    </Box>
  );
}
