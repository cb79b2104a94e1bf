// A one-line text field. The value is the caller's (so a draft can outlive the screen); the
// cursor is the field's own.
import { Text } from 'ink';
import { useRef, useState } from 'react';
import { useFieldKeys } from '../field-keys';
import type { KeyBinding } from '../keymap';
import { reduceTextField, textFieldActions } from './text-field-state';

/** The field's own keys, for a screen to list in its help (the field handles them). */
export const TEXT_FIELD_KEYS: readonly KeyBinding[] = [
  { keys: ['left', 'right'], label: 'move', description: 'Move the cursor', footer: false },
  { keys: ['ctrl+a', 'ctrl+e'], label: 'ends', description: 'Go to the start or the end', footer: false },
  {
    keys: ['backspace'],
    label: 'delete',
    description: 'Delete the character before the cursor',
    footer: false,
  },
  { keys: ['ctrl+w'], label: 'word', description: 'Delete the word before the cursor', footer: false },
  { keys: ['ctrl+u'], label: 'clear', description: 'Delete everything before the cursor', footer: false },
];

export interface TextFieldProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit?: (value: string) => void;
  /** Characters the field accepts; others are ignored as they are typed or pasted. */
  allow?: RegExp;
  maxLength?: number;
  placeholder?: string;
  isActive?: boolean;
}

export function TextField({
  value,
  onChange,
  onSubmit,
  allow,
  maxLength,
  placeholder,
  isActive = true,
}: TextFieldProps) {
  const [cursorAt, setCursor] = useState(value.length);
  // Keys can arrive faster than React re-renders; each must see the previous one's result.
  const latest = useRef({ value, cursor: cursorAt });
  latest.current = { value, cursor: Math.min(cursorAt, value.length) };

  useFieldKeys(
    (input, key) => {
      for (const action of textFieldActions(input, key)) {
        if (action.type === 'submit') {
          onSubmit?.(latest.current.value);
          continue;
        }
        const before = latest.current.value;
        const next = reduceTextField(latest.current, action, { allow, maxLength });
        latest.current = next;
        setCursor(next.cursor);
        if (next.value !== before) onChange(next.value);
      }
    },
    { isActive },
  );

  const cursor = latest.current.cursor;
  // A field not being typed in shows no cursor and keeps to one row (its form counts on that):
  // what does not fit ends in an ellipsis. The field typed in wraps, so the cursor is always seen.
  if (!value && placeholder) {
    return (
      <Text wrap="truncate-end">
        {isActive && <Text inverse> </Text>}
        <Text dimColor>{placeholder}</Text>
      </Text>
    );
  }
  if (!isActive) return <Text wrap="truncate-end">{value}</Text>;
  return (
    <Text>
      {value.slice(0, cursor)}
      <Text inverse>{value[cursor] ?? ' '}</Text>
      {value.slice(cursor + 1)}
    </Text>
  );
}
