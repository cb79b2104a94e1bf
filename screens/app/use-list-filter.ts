// The `/` filter of a long list, and its cursor: the query is a draft in the UI store (so it survives leaving the
// screen and a shell), the matches are worked out once per query, and while the person types,
// typed characters are the filter's. Only what changed is recomputed: with 10,000 roles a
// keystroke costs one fzf pass, and the screen then draws only its visible window.
import { useMemo, useState } from 'react';
import type { KeyBinding } from '../../components/keymap';
import { type FilterMatch, fuzzyFilter } from '../../src/filter/fuzzy-filter';
import { useUiActions, useUiState } from './ui-store';

export interface ListFilter<T> {
  query: string;
  typing: boolean;
  matches: FilterMatch<T>[];
  /** The cursor's row among the matches, as drawn. */
  cursor: number;
  /** The item under the cursor now; key handlers use this, as keys can come before a redraw. */
  selected(): T | undefined;
  /** Moves the cursor by `by` matches. */
  move(by: number): void;
  setQuery(query: string): void;
  /** The filter's keys: `/` to type; while typing, Enter keeps the filter and Esc clears it. */
  keys: KeyBinding[];
}

export function useListFilter<T>(
  entryId: string,
  items: readonly T[],
  text: (item: T) => string,
): ListFilter<T> {
  const { setDraft, clearDraft, moveSelection, selection, select } = useUiActions();
  const draftKey = `filter:${entryId}`;
  const query = useUiState((s) => s.drafts[draftKey] ?? '');
  const [typing, setTyping] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `text` is a pure function of the item; the items decide
  const filter = useMemo(() => fuzzyFilter(items, text), [items]);
  const matches = useMemo(() => filter.find(query), [filter, query]);
  const cursor = Math.min(
    useUiState((s) => s.selections[entryId] ?? 0),
    Math.max(0, matches.length - 1),
  );
  const setQuery = (next: string) => {
    if (next) setDraft(draftKey, next);
    else clearDraft(draftKey);
    // A new query puts the cursor on the best match.
    select(entryId, 0);
  };
  const keys: KeyBinding[] = typing
    ? [
        {
          keys: ['enter'],
          label: 'done',
          description: 'Stop typing; keep the filter',
          run: () => setTyping(false),
        },
        {
          keys: ['escape'],
          label: 'clear',
          description: 'Clear the filter',
          run: () => {
            setQuery('');
            setTyping(false);
          },
        },
      ]
    : [
        {
          keys: ['/'],
          label: 'filter',
          description: 'Filter the list (fuzzy, as fzf)',
          run: () => setTyping(true),
        },
        ...(query
          ? [
              {
                keys: ['backspace'],
                label: 'clear filter',
                description: 'Clear the filter',
                run: () => setQuery(''),
              },
            ]
          : []),
      ];
  return {
    query,
    typing,
    matches,
    cursor,
    selected: () => matches[Math.min(selection(entryId), matches.length - 1)]?.item,
    move: (by) => moveSelection(entryId, by, matches.length),
    setQuery,
    keys,
  };
}
