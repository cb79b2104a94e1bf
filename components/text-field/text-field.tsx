// A one-line text field. The value is the caller's (so a draft can outlive the screen); the
// cursor is the field's own.
import { Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { reduceTextField, textFieldActions } from './text-field-state';

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

  useInput(
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
  if (!value && placeholder) {
    return (
      <Text>
        <Text inverse> </Text>
        <Text dimColor>{placeholder}</Text>
      </Text>
    );
  }
  return (
    <Text>
      {value.slice(0, cursor)}
      <Text inverse>{value[cursor] ?? ' '}</Text>
      {value.slice(cursor + 1)}
    </Text>
  );
}
