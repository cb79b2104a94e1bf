// Changing one setting: a text field, checked on Enter; a problem is shown and the field kept.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { useKeys } from '../components/keymap';
import { TEXT_FIELD_KEYS, TextField } from '../components/text-field/text-field';
import { colour } from '../components/theme';
import { EDITABLE_SETTINGS } from '../src/settings/fields';
import { useCore } from './app/core-context';
import type { ScreenProps } from './app/screen-registry';
import { useUiActions, useUiState } from './app/ui-store';

export function EditSettingScreen({ entry }: ScreenProps) {
  const { settings } = useCore();
  const { back, setDraft, clearDraft, say } = useUiActions();
  const field = EDITABLE_SETTINGS.find((f) => f.key === entry.params.key);
  if (!field) throw new Error(`There is no setting called ${entry.params.key}.`);
  const draftKey = `setting:${field.key}`;
  const draft = useUiState((s) => s.drafts[draftKey]);
  const [problem, setProblem] = useState<string>();

  useKeys(
    [
      { keys: ['enter'], label: 'save', description: 'Check the value and save it' },
      ...TEXT_FIELD_KEYS,
      {
        keys: ['escape'],
        label: 'cancel',
        description: 'Leave without saving',
        run: () => {
          clearDraft(draftKey);
          back();
        },
      },
    ],
    { capturesText: true },
  );

  const save = (text: string) => {
    const parsed = field.parse(text);
    if (!parsed.ok) return setProblem(parsed.problem);
    try {
      settings.update(parsed.change);
    } catch (error) {
      return setProblem(`Could not save: ${error instanceof Error ? error.message : String(error)}`);
    }
    clearDraft(draftKey);
    say({ tone: 'info', text: `${field.label} is now ${parsed.shown}.` });
    back();
  };

  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>{field.label}</Text>
      <Text dimColor wrap="wrap">
        {field.help}
      </Text>
      <Text> </Text>
      <Box>
        <Text color={colour('accent')}>› </Text>
        <TextField
          value={draft ?? field.show(settings.read())}
          onChange={(text) => {
            setDraft(draftKey, text);
            setProblem(undefined);
          }}
          onSubmit={save}
        />
      </Box>
      {problem ? (
        <Text color={colour('error')} wrap="wrap">
          ✗ {problem}
        </Text>
      ) : (
        <Text dimColor>Enter saves, Esc cancels.</Text>
      )}
    </Box>
  );
}
