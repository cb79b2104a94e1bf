// The settings a person can change, with their current values; Enter edits one.
import { Box, Text } from 'ink';
import { useKeys } from '../components/keymap';
import { colour } from '../components/theme';
import { visibleWindow } from '../components/visible-window';
import { wrappedRows } from '../components/wrapped-rows';
import { EDITABLE_SETTINGS } from '../src/settings/fields';
import { cursorKeys } from './app/navigation/cursor-keys';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions, useUiState } from './app/stores/ui-store';

export function SettingsScreen({ entry, height, width }: ScreenProps<'settings'>) {
  const { settings } = useCore();
  const { open, moveSelection, selection } = useUiActions();
  const cursor = useUiState((s) => s.selections[entry.id] ?? 0);
  const values = settings.read();
  const move = (by: number) => moveSelection(entry.id, by, EDITABLE_SETTINGS.length);
  const selected = EDITABLE_SETTINGS[cursor];

  useKeys([
    ...cursorKeys(move, 'setting'),
    {
      keys: ['enter'],
      label: 'edit',
      description: 'Change the selected setting',
      run: () => {
        const field = EDITABLE_SETTINGS[selection(entry.id)];
        if (field) open('edit-setting', { key: field.key });
      },
    },
  ]);

  // Below the list: a blank line, the selected setting's help (wrapped), the file's path.
  const helpHeight = wrappedRows(selected?.help ?? '', width - 2);
  const { start, end } = visibleWindow(EDITABLE_SETTINGS.length, cursor, height - helpHeight - 2);
  const labelWidth = Math.max(...EDITABLE_SETTINGS.map((f) => f.label.length)) + 2;
  return (
    <Box flexDirection="column" paddingX={1}>
      {EDITABLE_SETTINGS.slice(start, end).map((field, i) => {
        const isSelected = start + i === cursor;
        return (
          <Box key={field.key}>
            <Text color={colour(isSelected ? 'accent' : undefined)}>{isSelected ? '› ' : '  '}</Text>
            <Box width={labelWidth} flexShrink={0}>
              <Text bold={isSelected}>{field.label}</Text>
            </Box>
            <Text wrap="truncate-end">{field.show(values)}</Text>
          </Box>
        );
      })}
      <Text> </Text>
      {selected && (
        <Text dimColor wrap="wrap">
          {selected.help}
        </Text>
      )}
      <Text dimColor wrap="truncate-start">
        Saved in {settings.path}
      </Text>
    </Box>
  );
}
