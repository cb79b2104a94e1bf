// Naming an account: the label shown instead of its ID, saved in settings (empty removes it).
import { Box, Text } from 'ink';
import { useState } from 'react';
import { useKeys } from '../components/keymap';
import { TEXT_FIELD_KEYS, TextField } from '../components/text-field/text-field';
import { colour } from '../components/theme';
import { useCore } from './app/core-context';
import type { ScreenProps } from './app/screen-registry';
import { useUiActions, useUiState } from './app/ui-store';

const MAX_LABEL = 64;

export function AccountLabelScreen({ entry }: ScreenProps) {
  const { settings } = useCore();
  const { back, setDraft, clearDraft, say } = useUiActions();
  const account = entry.params.account ?? '';
  const draftKey = `label:${account}`;
  const saved = settings.read().accounts[account];
  const draft = useUiState((s) => s.drafts[draftKey]);
  const [problem, setProblem] = useState<string>();

  useKeys(
    [
      { keys: ['enter'], label: 'save', description: 'Save the label (an empty one removes it)' },
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
    try {
      settings.labelAccount(account, { label: text, ...(saved?.colour ? { colour: saved.colour } : {}) });
    } catch (error) {
      return setProblem(`Could not save: ${error instanceof Error ? error.message : String(error)}`);
    }
    clearDraft(draftKey);
    say({
      tone: 'info',
      text: text.trim() ? `${account} is now called ${text.trim()}.` : `${account} has no label now.`,
    });
    back();
  };

  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>Label for account {account}</Text>
      <Text dimColor wrap="wrap">
        Shown instead of the account ID, here and on the dashboard. Saved in rolecall’s settings, not in your
        AWS files.
      </Text>
      <Text> </Text>
      <Box>
        <Text color={colour('accent')}>› </Text>
        <TextField
          value={draft ?? saved?.label ?? ''}
          maxLength={MAX_LABEL}
          placeholder="prod, staging, …"
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
