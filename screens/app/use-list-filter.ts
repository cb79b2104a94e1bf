// The `/` filter of a long list: the query is a draft in the UI store (so it survives leaving the
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
  setQuery(query: string): void;
  /** The filter's keys: `/` to type; while typing, Enter keeps the filter and Esc clears it. */
  keys: KeyBinding[];
}

export function useListFilter<T>(
  entryId: string,
  items: readonly T[],
  text: (item: T) => string,
  onChange: () => void,
): ListFilter<T> {
  const { setDraft, clearDraft } = useUiActions();
  const draftKey = `filter:${entryId}`;
  const query = useUiState((s) => s.drafts[draftKey] ?? '');
  const [typing, setTyping] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `text` is a pure function of the item; the items decide
  const filter = useMemo(() => fuzzyFilter(items, text), [items]);
  const matches = useMemo(() => filter.find(query), [filter, query]);
  const setQuery = (next: string) => {
    if (next) setDraft(draftKey, next);
    else clearDraft(draftKey);
    onChange();
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
  return { query, typing, matches, setQuery, keys };
}
