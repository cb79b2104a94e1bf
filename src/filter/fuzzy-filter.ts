// The `/` filter of long lists (accounts, 10,000 roles): fzf's matching, as people know it from
// the fzf command. Its v1 algorithm: v2 places highlights better but costs about three times as
// long on the short queries that match most of 10,000 names (p95 per keystroke 5.7 against
// 16.9 ms in bench/filter.mjs), and a keystroke must fit in a frame. Smart case, as in fzf: a
// capital in the query makes the match case-sensitive.
import { byLengthAsc, Fzf } from 'fzf';

export interface FilterMatch<T> {
  item: T;
  /** Character positions in the item's text that matched, for highlighting. */
  positions: ReadonlySet<number>;
}

export interface FuzzyFilter<T> {
  /** The items that match, best first; all of them, in their own order, for an empty query. */
  find(query: string): FilterMatch<T>[];
}

const NONE: ReadonlySet<number> = new Set();

interface Row {
  index: number;
  text: string;
}

export function fuzzyFilter<T>(items: readonly T[], text: (item: T) => string): FuzzyFilter<T> {
  // Rows of a concrete type: fzf's option types cannot be resolved for a generic item.
  const rows: readonly Row[] = items.map((item, index) => ({ index, text: text(item) }));
  const fzf = new Fzf(rows, {
    selector: (row: Row) => row.text,
    fuzzy: 'v1',
    casing: 'smart-case',
    limit: Number.POSITIVE_INFINITY,
    // Equal scores go to the shorter name, as the fzf command's default --tiebreak=length does:
    // "ReadOnlyAccess" typed whole puts ReadOnlyAccess before AWSCloudTrail_ReadOnlyAccess.
    tiebreakers: [byLengthAsc],
  });
  return {
    find(query) {
      const trimmed = query.trim();
      if (trimmed === '') return items.map((item) => ({ item, positions: NONE }));
      return fzf
        .find(trimmed)
        .map((entry) => ({ item: items[entry.item.index] as T, positions: entry.positions }));
    },
  };
}
