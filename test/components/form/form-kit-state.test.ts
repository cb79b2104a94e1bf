// The form kit's state, piece by piece, as the forms (assume, MFA, the trust-policy builder)
// use it: focus moves, one of several, yes or no, a list of entries, a JSON preview's lines.
import { describe, expect, it } from 'vitest';
import { pickedOption, reduceChoice } from '../../../components/form/choice-state';
import {
  type EntryListAction,
  entryList,
  filledEntries,
  reduceEntryList,
} from '../../../components/form/entry-list-state';
import { moveFocus } from '../../../components/form/form-focus';
import { jsonLines, previewOffset } from '../../../components/form/json-preview';
import { reduceToggle } from '../../../components/form/toggle-state';

describe('moving between a form’s fields', () => {
  it('goes round at both ends', () => {
    expect(moveFocus(0, 1, 4)).toBe(1);
    expect(moveFocus(3, 1, 4)).toBe(0);
    expect(moveFocus(0, -1, 4)).toBe(3);
    expect(moveFocus(2, -5, 4)).toBe(1);
    expect(moveFocus(0, 1, 0)).toBe(0);
  });
});

describe('one of several', () => {
  it('moves within the options and stops at the ends', () => {
    expect(reduceChoice(0, { type: 'move', by: 1 }, 3)).toBe(1);
    expect(reduceChoice(2, { type: 'move', by: 1 }, 3)).toBe(2);
    expect(reduceChoice(0, { type: 'move', by: -1 }, 3)).toBe(0);
    expect(reduceChoice(0, { type: 'pick', index: 7 }, 3)).toBe(2);
    expect(reduceChoice(1, { type: 'move', by: 1 }, 0)).toBe(0);
  });

  it('gives the option picked; an index past the end falls on the last', () => {
    expect(pickedOption(['a', 'b'], 1)).toBe('b');
    expect(pickedOption(['a', 'b'], 5)).toBe('b');
    expect(pickedOption([], 0)).toBeUndefined();
  });
});

describe('yes or no', () => {
  it('flips, or is set', () => {
    expect(reduceToggle(false, { type: 'toggle' })).toBe(true);
    expect(reduceToggle(true, { type: 'toggle' })).toBe(false);
    expect(reduceToggle(true, { type: 'set', on: true })).toBe(true);
  });
});

describe('a list of entries', () => {
  const run = (...actions: EntryListAction[]) => actions.reduce(reduceEntryList, entryList());

  it('starts its first entry when typed into while empty', () => {
    expect(run({ type: 'edit', text: 'arn:aws:iam::111111111111:root' })).toEqual({
      entries: ['arn:aws:iam::111111111111:root'],
      focus: 0,
    });
  });

  it('adds an empty entry after the focused one, and types into it', () => {
    const state = run(
      { type: 'edit', text: 'a' },
      { type: 'add' },
      { type: 'edit', text: 'c' },
      { type: 'move', by: -1 },
      { type: 'add' },
      { type: 'edit', text: 'b' },
    );
    expect(state).toEqual({ entries: ['a', 'b', 'c'], focus: 1 });
  });

  it('removes the focused entry; the focus stays in place, or on the new last', () => {
    const three = reduceEntryList(entryList(['a', 'b', 'c']), { type: 'move', by: 1 });
    expect(reduceEntryList(three, { type: 'remove' })).toEqual({ entries: ['a', 'c'], focus: 1 });
    const last = reduceEntryList(three, { type: 'move', by: 5 });
    expect(last.focus).toBe(2);
    expect(reduceEntryList(last, { type: 'remove' })).toEqual({ entries: ['a', 'b'], focus: 1 });
    const empty = run({ type: 'add' }, { type: 'remove' });
    expect(empty).toEqual({ entries: [], focus: 0 });
    expect(reduceEntryList(empty, { type: 'remove' })).toBe(empty);
  });

  it('gives the entries a document takes: trimmed, the empty ones left out', () => {
    expect(filledEntries(entryList([' a ', '', '  ', 'b']))).toEqual(['a', 'b']);
  });
});

describe('a JSON preview', () => {
  it('pretty-prints a document given as text or as a value, and shows text that is not JSON as it is', () => {
    const policy = { Version: '2012-10-17', Statement: [] };
    expect(jsonLines(JSON.stringify(policy))).toEqual(jsonLines(policy));
    expect(jsonLines(policy)).toEqual(['{', '  "Version": "2012-10-17",', '  "Statement": []', '}']);
    expect(jsonLines('{"Version": ')).toEqual(['{"Version": ']);
  });

  it('scrolls no further than fills its rows', () => {
    expect(previewOffset(0, 30, 10)).toBe(0);
    expect(previewOffset(25, 30, 10)).toBe(20);
    expect(previewOffset(-3, 30, 10)).toBe(0);
    expect(previewOffset(4, 5, 10)).toBe(0);
  });
});
