// A list of text entries a form grows and shrinks (a trust policy's principals, its conditions'
// values): which entry has the focus, adding one after it, removing it, editing it. Pure.

export interface EntryListState {
  entries: readonly string[];
  /** The entry being typed in; 0 when the list is empty. */
  focus: number;
}

export type EntryListAction =
  /** A new, empty entry after the focused one, which takes the focus. */
  | { type: 'add' }
  /** The focused entry goes; the focus stays at its place (the next entry), or the new last. */
  | { type: 'remove' }
  | { type: 'edit'; text: string }
  | { type: 'move'; by: number };

export function entryList(entries: readonly string[] = []): EntryListState {
  return { entries, focus: 0 };
}

export function reduceEntryList(state: EntryListState, action: EntryListAction): EntryListState {
  const { entries, focus } = state;
  switch (action.type) {
    case 'add': {
      const at = entries.length === 0 ? 0 : focus + 1;
      return { entries: [...entries.slice(0, at), '', ...entries.slice(at)], focus: at };
    }
    case 'remove': {
      if (entries.length === 0) return state;
      const left = entries.filter((_, i) => i !== focus);
      return { entries: left, focus: Math.min(focus, Math.max(0, left.length - 1)) };
    }
    case 'edit':
      // Typing into an empty list starts its first entry.
      if (entries.length === 0) return { entries: [action.text], focus: 0 };
      return { entries: entries.map((entry, i) => (i === focus ? action.text : entry)), focus };
    case 'move':
      return { entries, focus: Math.min(Math.max(0, focus + action.by), Math.max(0, entries.length - 1)) };
  }
}

/** The entries as a document takes them: trimmed, the empty ones left out. */
export function filledEntries(state: EntryListState): string[] {
  return state.entries.map((entry) => entry.trim()).filter(Boolean);
}
