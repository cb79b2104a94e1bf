// A list of text entries, one text field each; the focused one takes the keys. What adds and
// removes entries are the form's keys (ENTRY_LIST_KEYS' words, the form's `run`), which
// dispatch reduceEntryList.
import { Box, Text } from 'ink';
import type { KeyBinding } from '../keymap';
import { TextField } from '../text-field/text-field';
import { colour } from '../theme';
import type { EntryListState } from './entry-list-state';

/** The keys that grow and shrink a list, for the form to list with its `run`s. */
export const ENTRY_LIST_KEYS = {
  add: { keys: ['ctrl+n'], label: 'add', description: 'Add an entry after this one' },
  remove: { keys: ['ctrl+x'], label: 'remove', description: 'Remove this entry' },
} as const satisfies Record<string, Omit<KeyBinding, 'run'>>;

export interface EntryListProps {
  state: EntryListState;
  onEdit: (text: string) => void;
  /** The list has the form's focus: its focused entry takes keys and is marked. */
  focused: boolean;
  isActive?: boolean;
  /** What an empty entry shows: "arn:aws:iam::111111111111:root". */
  placeholder?: string;
}

export function EntryList({ state, onEdit, focused, isActive = true, placeholder }: EntryListProps) {
  // An empty list still shows one empty entry to type into.
  const entries = state.entries.length ? state.entries : [''];
  return (
    <Box flexDirection="column">
      {entries.map((entry, index) => {
        const here = focused && index === state.focus;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries are edited in place; their place is who they are
          <Box key={index}>
            <Text color={colour('accent')}>{here ? '› ' : '  '}</Text>
            <TextField
              value={entry}
              onChange={onEdit}
              isActive={here && isActive}
              {...(placeholder ? { placeholder } : {})}
            />
          </Box>
        );
      })}
    </Box>
  );
}
