// One labelled text field of a form: the focus mark, the label in a fixed column, the field.
// The value is the form's (kept in its state, so a draft outlives the screen); the keys reach
// the field through the one key owner (field-keys.tsx) from the frame it is drawn in.
import { Box, Text } from 'ink';
import { TextField } from '../text-field/text-field';
import { colour } from '../theme';

export interface FormFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  focused: boolean;
  /** False while the form is busy: the focused field takes no keys. */
  isActive?: boolean;
  placeholder?: string;
  /** Columns for the label, the same for every field of a form so the values line up. */
  labelWidth?: number;
  allow?: RegExp;
  maxLength?: number;
}

export function FormField({
  label,
  value,
  onChange,
  focused,
  isActive = true,
  placeholder,
  labelWidth = 14,
  allow,
  maxLength,
}: FormFieldProps) {
  return (
    <Box>
      {/* Neither the mark nor the label gives way to a long value: the values stay in one column. */}
      <Box flexShrink={0}>
        <Text color={colour('accent')}>{focused ? '› ' : '  '}</Text>
      </Box>
      <Box width={labelWidth} flexShrink={0}>
        <Text bold={focused}>{label}</Text>
      </Box>
      <TextField
        value={value}
        onChange={onChange}
        isActive={focused && isActive}
        {...(placeholder ? { placeholder } : {})}
        {...(allow ? { allow } : {})}
        {...(maxLength !== undefined ? { maxLength } : {})}
      />
    </Box>
  );
}
