import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import {
  reduceTextField,
  type TextFieldState,
  textFieldActions,
} from '../../components/text-field/text-field-state';

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} as Key;

/** Types `input` into a field holding `state`, as the field would. */
function type(state: TextFieldState, input: string, key: Partial<Key> = {}, limits = {}) {
  let next = state;
  const submitted: string[] = [];
  for (const action of textFieldActions(input, { ...noKey, ...key })) {
    if (action.type === 'submit') submitted.push(next.value);
    else next = reduceTextField(next, action, limits);
  }
  return { ...next, submitted };
}

const empty = { value: '', cursor: 0 };

describe('a text field', () => {
  it('inserts at the cursor and moves over the text', () => {
    let field = type(empty, 'helo');
    field = type(field, '', { leftArrow: true });
    field = type(field, 'l');
    expect(field.value).toBe('hello');
    expect(field.cursor).toBe(4);
  });

  it('deletes with Backspace (sent as DEL by terminals) and with Ctrl-D', () => {
    const field = { value: 'abc', cursor: 3 };
    expect(type(field, '', { delete: true }).value).toBe('ab');
    expect(type({ value: 'abc', cursor: 0 }, 'd', { ctrl: true }).value).toBe('bc');
  });

  it('knows the readline keys: Ctrl-A, Ctrl-E, Ctrl-U, Ctrl-W', () => {
    const field = { value: 'us-east-1 eu-west-1', cursor: 19 };
    expect(type(field, 'w', { ctrl: true }).value).toBe('us-east-1 ');
    expect(type(field, 'u', { ctrl: true })).toMatchObject({ value: '', cursor: 0 });
    expect(type(field, 'a', { ctrl: true }).cursor).toBe(0);
    expect(type({ ...field, cursor: 0 }, 'e', { ctrl: true }).cursor).toBe(19);
  });

  it('never types a control key as a letter', () => {
    expect(type(empty, 'x', { ctrl: true }).value).toBe('');
    expect(type(empty, '', { escape: true }).value).toBe('');
  });

  it('submits on Enter, also when it arrives in one chunk with the text', () => {
    expect(type(empty, '', { return: true }).submitted).toEqual(['']);
    const field = type(empty, '10m\r');
    expect(field.submitted).toEqual(['10m']);
  });

  it('acts on control characters that arrive inside a chunk of text, and never inserts them', () => {
    expect(type({ value: 'us-east-1', cursor: 9 }, '\u0015eu-west-1').value).toBe('eu-west-1');
    expect(type(empty, 'ab\u007fc\td').value).toBe('acd');
    expect(type(empty, 'abc def\u0017x').value).toBe('abc x');
  });

  it('takes only allowed characters, up to a length (an MFA code: six digits)', () => {
    const limits = { allow: /\d/, maxLength: 6 };
    expect(type(empty, '12a3-45 678', {}, limits).value).toBe('123456');
  });
});
