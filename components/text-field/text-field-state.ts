// What a one-line text field does with each key, as a pure reducer: testable without a terminal.
import type { Key } from 'ink';

export interface TextFieldState {
  value: string;
  /** Index in `value` the next character goes before. */
  cursor: number;
}

export type TextFieldAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'start' }
  | { type: 'end' }
  | { type: 'delete-to-start' }
  | { type: 'delete-word' }
  | { type: 'submit' };

/** C0 control characters and DEL: keys, not text. */
function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** Control characters as a terminal sends them, when they arrive inside a chunk of text. */
const CONTROL: Record<string, TextFieldAction> = {
  '\r': { type: 'submit' },
  '\n': { type: 'submit' },
  '\x01': { type: 'start' },
  '\x02': { type: 'left' },
  '\x04': { type: 'delete' },
  '\x05': { type: 'end' },
  '\x06': { type: 'right' },
  '\x15': { type: 'delete-to-start' },
  '\x17': { type: 'delete-word' },
  '\x7f': { type: 'backspace' },
  '\b': { type: 'backspace' },
};

/**
 * The actions a key press asks for. Keys can arrive as one chunk ("10m\r" from a fast typist,
 * a paste or tmux, or Ctrl-U followed by text), so a chunk is read character by character:
 * text is inserted, known control characters act, other control characters are dropped.
 */
export function textFieldActions(input: string, key: Key): TextFieldAction[] {
  if (input.length > 1 && !key.ctrl && !key.meta && [...input].some(isControl)) {
    const actions: TextFieldAction[] = [];
    let text = '';
    const flush = () => {
      if (text) actions.push({ type: 'insert', text });
      text = '';
    };
    for (const c of input) {
      if (!isControl(c)) {
        text += c;
        continue;
      }
      flush();
      const action = CONTROL[c];
      if (action) actions.push(action);
    }
    flush();
    return actions;
  }
  const action = singleAction(input, key);
  return action ? [action] : [];
}

function singleAction(input: string, key: Key): TextFieldAction | undefined {
  if (key.return) return { type: 'submit' };
  // Terminals send DEL (0x7f) for the Backspace key, which ink reports as `delete`.
  if (key.backspace || key.delete) return { type: 'backspace' };
  if (key.leftArrow) return { type: 'left' };
  if (key.rightArrow) return { type: 'right' };
  if (key.home) return { type: 'start' };
  if (key.end) return { type: 'end' };
  if (key.ctrl) {
    // The readline keys people's fingers know.
    const readline: Record<string, TextFieldAction> = {
      a: { type: 'start' },
      e: { type: 'end' },
      u: { type: 'delete-to-start' },
      w: { type: 'delete-word' },
      d: { type: 'delete' },
      b: { type: 'left' },
      f: { type: 'right' },
    };
    return readline[input];
  }
  if (key.meta || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown)
    return undefined;
  return input ? { type: 'insert', text: input } : undefined;
}

/**
 * The field after an action. `allow` filters inserted characters (digits only for an MFA code);
 * `maxLength` stops typing at a limit. `submit` changes nothing: the caller acts on it.
 */
export function reduceTextField(
  state: TextFieldState,
  action: TextFieldAction,
  limits: { allow?: RegExp; maxLength?: number } = {},
): TextFieldState {
  const { value, cursor } = state;
  switch (action.type) {
    case 'insert': {
      // A control character never becomes part of the value, however it arrived.
      let text = [...action.text]
        .filter((c) => !isControl(c) && (!limits.allow || limits.allow.test(c)))
        .join('');
      if (limits.maxLength !== undefined) text = text.slice(0, Math.max(0, limits.maxLength - value.length));
      return { value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length };
    }
    case 'backspace':
      return cursor === 0
        ? state
        : { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
    case 'delete':
      return cursor === value.length
        ? state
        : { value: value.slice(0, cursor) + value.slice(cursor + 1), cursor };
    case 'left':
      return { value, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { value, cursor: Math.min(value.length, cursor + 1) };
    case 'start':
      return { value, cursor: 0 };
    case 'end':
      return { value, cursor: value.length };
    case 'delete-to-start':
      return { value: value.slice(cursor), cursor: 0 };
    case 'delete-word': {
      const before = value.slice(0, cursor).replace(/\S+\s*$|\s+$/, '');
      return { value: before + value.slice(cursor), cursor: before.length };
    }
    case 'submit':
      return state;
  }
}
