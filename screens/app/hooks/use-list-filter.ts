// The `/` filter of a long list, and its cursor: the query is a draft in the UI store (so it survives leaving the
// screen and a shell), the matches are worked out once per query, and while the person types,
// typed characters are the filter's. Only what changed is recomputed: with 10,000 roles a
// keystroke costs one fzf pass, and the screen then draws only its visible window. Given each
// item's ID, the cursor stays on its item when the list reorders (a favourite, a recent).
import { useLayoutEffect, useMemo, useState } from 'react';
import type { KeyBinding } from '../../../components/keymap';
import { type FilterMatches, fuzzyFilter } from '../../../src/filter/fuzzy-filter';
import { useUiActions, useUiState } from '../stores/ui-store';

export interface ListFilter<T> {
  query: string;
  typing: boolean;
  /** Best first; made into rows (`slice`) only for those drawn. */
  matches: FilterMatches<T>;
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
  /** The item's ID (an account's), to keep the cursor on it, not on its row number. */
  idOf?: (item: T) => string,
): ListFilter<T> {
  const { setDraft, clearDraft, moveSelection, selection, select, anchor } = useUiActions();
  const draftKey = `filter:${entryId}`;
  const query = useUiState((s) => s.drafts[draftKey] ?? '');
  const [typing, setTyping] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `text` is a pure function of the item; the items decide
  const filter = useMemo(() => fuzzyFilter(items, text), [items]);
  const matches = useMemo(() => filter.matches(query), [filter, query]);
  const row = useUiState((s) => s.selections[entryId] ?? 0);
  const anchored = useUiState((s) => s.anchors[entryId]);
  // The anchored item's row in the list as it is now; it moved if the list was reordered.
  const at = idOf && anchored !== undefined ? matches.findIndex((item) => idOf(item) === anchored) : -1;
  const cursor = at >= 0 ? at : Math.min(row, Math.max(0, matches.length - 1));
  // A layout effect: the store's row is the anchored item's before the next key is read.
  useLayoutEffect(() => {
    if (!idOf) return;
    if (at >= 0) {
      if (at !== row) select(entryId, at);
      return;
    }
    // No anchor yet, or its item is filtered out: the cursor's item is the one to follow now.
    const under = matches.at(cursor);
    if (under !== undefined) anchor(entryId, idOf(under));
  });
  const setQuery = (next: string) => {
    if (next) setDraft(draftKey, next);
    else clearDraft(draftKey);
    // A new query puts the cursor on the best match.
    select(entryId, 0);
    anchor(entryId, undefined);
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
    selected: () => matches.at(Math.min(selection(entryId), matches.length - 1)),
    move: (by) => {
      const landed = moveSelection(entryId, by, matches.length);
      const item = matches.at(landed);
      if (idOf && item !== undefined) anchor(entryId, idOf(item));
    },
    setQuery,
    keys,
  };
}
