// A form of one text field: a title, a line of help, the field, and the problem with what was
// typed (checked on Enter, the field kept) or how to leave. The caller keeps the text (a draft
// survives leaving the screen) and says what saving means.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { ErrorLine } from './form/error-line';
import { useKeys } from './keymap';
import { TEXT_FIELD_KEYS, TextField } from './text-field/text-field';
import { colour } from './theme';

export interface OneFieldFormProps {
  title: string;
  help: string;
  value: string;
  onChange: (text: string) => void;
  /** Saves the text; returns what is wrong with it instead, and the form stays. */
  onSave: (text: string) => string | undefined;
  onCancel: () => void;
  /** What Enter does, for the footer and help: "Save the label". */
  saveDescription: string;
  placeholder?: string;
  maxLength?: number;
}

export function OneFieldForm({
  title,
  help,
  value,
  onChange,
  onSave,
  onCancel,
  saveDescription,
  placeholder,
  maxLength,
}: OneFieldFormProps) {
  const [problem, setProblem] = useState<string>();
  useKeys(
    [
      { keys: ['enter'], label: 'save', description: saveDescription },
      ...TEXT_FIELD_KEYS,
      { keys: ['escape'], label: 'cancel', description: 'Leave without saving', run: onCancel },
    ],
    { capturesText: true },
  );
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>{title}</Text>
      <Text dimColor wrap="wrap">
        {help}
      </Text>
      <Text> </Text>
      <Box>
        <Text color={colour('accent')}>› </Text>
        <TextField
          value={value}
          {...(placeholder ? { placeholder } : {})}
          {...(maxLength ? { maxLength } : {})}
          onChange={(text) => {
            onChange(text);
            setProblem(undefined);
          }}
          onSubmit={(text) => setProblem(onSave(text))}
        />
      </Box>
      {problem ? <ErrorLine problem={problem} /> : <Text dimColor>Enter saves, Esc cancels.</Text>}
    </Box>
  );
}
