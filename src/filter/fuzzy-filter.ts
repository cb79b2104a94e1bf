// The `/` filter of long lists (accounts, 10,000 roles): fzf's matching, as people know it from
// the fzf command. Its v1 algorithm: v2 places highlights better but costs about three times as
// long on the short queries that match most of 10,000 names (p95 per keystroke 5.7 against
// 16.9 ms in bench/filter.mjs), and a keystroke must fit in a frame. Smart case, as in fzf: a
// capital in the query makes the match case-sensitive.
//
// The fzf package finds the same matches, with the same scores, in the same order, but spends
// a keystroke's frame doing it over 10,000 names: per name it makes arrays, a result object and
// a Set of positions that no screen draws, and the collector works the rest. So names in ASCII
// (IAM's role names and paths are; profile names nearly always) are matched here, with fzf's v1
// scoring ported as it is (fzf 0.5.2: fuzzyMatchV1, calculateScore, the --tiebreak=length
// order), without allocating per name: a query's matches are one array of numbers, and a match
// with its positions is made only for the rows a screen draws. Names with other
// characters, and queries with them (fzf folds accents: "é" finds "e"), go to fzf itself.
// test/src/filter/fuzzy-filter.test.ts checks both give the same, query by query.
import { byLengthAsc, Fzf } from 'fzf';

export interface FilterMatch<T> {
  item: T;
  /** Character positions in the item's text that matched, for highlighting. */
  readonly positions: ReadonlySet<number>;
}

/** A query's matches, best first, made into match objects only for the rows drawn. */
export interface FilterMatches<T> {
  readonly length: number;
  /** The item of the match at `index`, or undefined past the end. */
  at(index: number): T | undefined;
  /** The matches from `start` to `end` (not included), with their positions. */
  slice(start: number, end: number): FilterMatch<T>[];
  /** Where the first match whose item passes `test` is, or -1. */
  findIndex(test: (item: T) => boolean): number;
}

export interface FuzzyFilter<T> {
  /** The items that match, best first; all of them, in their own order, for an empty query. */
  find(query: string): FilterMatch<T>[];
  /** The same, as `find`; the last few queries' are kept, so Backspace finds them at once. */
  matches(query: string): FilterMatches<T>;
}

const NONE: ReadonlySet<number> = new Set();

interface Row {
  index: number;
  text: string;
}

// fzf's scores (fzf 0.5.2, from the fzf command's algo.go).
const SCORE_MATCH = 16;
const SCORE_GAP_START = -3;
const SCORE_GAP_EXTENSION = -1;
const BONUS_BOUNDARY = SCORE_MATCH / 2;
const BONUS_NON_WORD = SCORE_MATCH / 2;
const BONUS_CAMEL_123 = BONUS_BOUNDARY + SCORE_GAP_EXTENSION;
const BONUS_CONSECUTIVE = -(SCORE_GAP_START + SCORE_GAP_EXTENSION);
const BONUS_FIRST_CHAR_MULTIPLIER = 2;
/** No score is higher than this many points a query character (a match, doubled first bonus). */
const MOST_A_CHARACTER = SCORE_MATCH + BONUS_BOUNDARY * BONUS_FIRST_CHAR_MULTIPLIER;

enum CharClass {
  NonWord = 0,
  Lower = 1,
  Upper = 2,
  Number = 4,
}

function charClassOf(code: number): CharClass {
  if (code >= 97 && code <= 122) return CharClass.Lower;
  if (code >= 65 && code <= 90) return CharClass.Upper;
  if (code >= 48 && code <= 57) return CharClass.Number;
  return CharClass.NonWord;
}

function bonusFor(previous: CharClass, current: CharClass): number {
  if (previous === CharClass.NonWord && current !== CharClass.NonWord) return BONUS_BOUNDARY;
  if (
    (previous === CharClass.Lower && current === CharClass.Upper) ||
    (previous !== CharClass.Number && current === CharClass.Number)
  )
    return BONUS_CAMEL_123;
  if (current === CharClass.NonWord) return BONUS_NON_WORD;
  return 0;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** A character as the query is compared with it: A-Z lowered unless the match is case-sensitive. */
const folded = (code: number, caseSensitive: boolean) =>
  !caseSensitive && code >= 65 && code <= 90 ? code + 32 : code;

/**
 * fzf's v1 match of an ASCII text: the first place the query's characters all occur in order,
 * narrowed from its end back to the latest start; -1 for none, or the span as
 * start * 65536 + end (texts are shorter than that; longer ones go to fzf). `hay` is the text
 * as the query is compared with it (lowered unless case-sensitive), `chars` the query's
 * characters: the scans are indexOf's, fast before the JIT has seen a keystroke.
 */
function matchSpan(hay: string, chars: readonly string[]): number {
  let at = -1;
  for (const char of chars) {
    at = hay.indexOf(char, at + 1);
    if (at < 0) return -1;
  }
  const end = at + 1;
  // From the last character back: each found left of the one after it (always, as they all
  // occur in order before `end`).
  for (let p = chars.length - 2; p >= 0; p--) at = hay.lastIndexOf(chars[p] as string, at - 1);
  return at * 65536 + end;
}

/** fzf's calculateScore over the span; adds the matched positions to `positions` when given. */
function spanScore(
  text: string,
  pattern: string,
  caseSensitive: boolean,
  start: number,
  end: number,
  positions?: Set<number>,
): number {
  let p = 0;
  let score = 0;
  let inGap = false;
  let consecutive = 0;
  let firstBonus = 0;
  let previous = start > 0 ? charClassOf(text.charCodeAt(start - 1)) : CharClass.NonWord;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const current = charClassOf(code);
    if (folded(code, caseSensitive) === pattern.charCodeAt(p)) {
      positions?.add(i);
      score += SCORE_MATCH;
      let bonus = bonusFor(previous, current);
      if (consecutive === 0) firstBonus = bonus;
      else {
        if (bonus === BONUS_BOUNDARY) firstBonus = bonus;
        bonus = Math.max(bonus, firstBonus, BONUS_CONSECUTIVE);
      }
      score += p === 0 ? bonus * BONUS_FIRST_CHAR_MULTIPLIER : bonus;
      inGap = false;
      consecutive++;
      p++;
    } else {
      score += inGap ? SCORE_GAP_EXTENSION : SCORE_GAP_START;
      inGap = true;
      consecutive = 0;
      firstBonus = 0;
    }
    previous = current;
  }
  return score;
}

/** What a query's matches need to be read: the order found, and how positions are worked out. */
interface Found {
  /** The items' indexes, best match first; undefined for all of them in their own order. */
  order: Int32Array | undefined;
  /** The query as matched, its case-sensitivity, and the positions fzf found for the names it matched. */
  query: string;
  caseSensitive: boolean;
  fromFzf: ReadonlyMap<number, ReadonlySet<number>>;
}

/** A match, whose positions are worked out if something reads them (no screen draws them yet). */
class Match<T> implements FilterMatch<T> {
  readonly item: T;
  #positions: ReadonlySet<number> | (() => ReadonlySet<number>);
  constructor(item: T, positions: () => ReadonlySet<number>) {
    this.item = item;
    this.#positions = positions;
  }
  get positions(): ReadonlySet<number> {
    if (typeof this.#positions === 'function') this.#positions = this.#positions();
    return this.#positions;
  }
}

class Matches<T> implements FilterMatches<T> {
  readonly #items: readonly T[];
  readonly #texts: readonly string[];
  readonly #found: Found;
  constructor(items: readonly T[], texts: readonly string[], found: Found) {
    this.#items = items;
    this.#texts = texts;
    this.#found = found;
  }
  get length(): number {
    return this.#found.order?.length ?? this.#items.length;
  }
  #indexAt(at: number): number {
    const { order } = this.#found;
    return order ? (order[at] as number) : at;
  }
  at(at: number): T | undefined {
    return at >= 0 && at < this.length ? this.#items[this.#indexAt(at)] : undefined;
  }
  slice(start: number, end: number): FilterMatch<T>[] {
    const from = Math.max(0, start);
    const to = Math.min(this.length, end);
    const slice: FilterMatch<T>[] = [];
    for (let at = from; at < to; at++) {
      const index = this.#indexAt(at);
      slice.push(new Match(this.#items[index] as T, () => this.#positionsOf(index)));
    }
    return slice;
  }
  findIndex(test: (item: T) => boolean): number {
    for (let at = 0; at < this.length; at++) if (test(this.#items[this.#indexAt(at)] as T)) return at;
    return -1;
  }
  #positionsOf(index: number): ReadonlySet<number> {
    const { order, query, caseSensitive, fromFzf } = this.#found;
    if (!order) return NONE;
    const found = fromFzf.get(index);
    if (found) return found;
    const text = this.#texts[index] as string;
    const span = matchSpan(caseSensitive ? text : text.toLowerCase(), [...query]);
    const positions = new Set<number>();
    spanScore(text, query, caseSensitive, Math.floor(span / 65536), span % 65536, positions);
    return positions;
  }
}

/** How many queries' matches are kept: typing back (Backspace) finds them again at once. */
const KEPT_QUERIES = 8;

export function fuzzyFilter<T>(items: readonly T[], text: (item: T) => string): FuzzyFilter<T> {
  const n = items.length;
  const texts = items.map(text);
  // Which items are matched here, and which by fzf: ASCII and shorter than a span can say.
  const here: number[] = [];
  const lowered: string[] = [];
  const elsewhere: Row[] = [];
  texts.forEach((t, index) => {
    if (t.length < 65536 && isAscii(t)) {
      here.push(index);
      lowered[index] = t.toLowerCase();
    } else elsewhere.push({ index, text: t });
  });
  // fzf's order for equal scores: the shorter text first (--tiebreak=length), then the list's
  // own order. Each item's rank in that order, so a match sorts by one number.
  const byLength = Array.from(texts.keys()).sort(
    (a, b) => (texts[a] as string).length - (texts[b] as string).length || a - b,
  );
  const rank = new Float64Array(n);
  byLength.forEach((index, r) => {
    rank[index] = r;
  });
  const fzfOver = (rows: readonly Row[]) =>
    // Rows of a concrete type: fzf's option types cannot be resolved for a generic item.
    new Fzf(rows, {
      selector: (row: Row) => row.text,
      fuzzy: 'v1',
      casing: 'smart-case',
      limit: Number.POSITIVE_INFINITY,
      // Equal scores go to the shorter name, as the fzf command's default --tiebreak=length does:
      // "ReadOnlyAccess" typed whole puts ReadOnlyAccess before AWSCloudTrail_ReadOnlyAccess.
      tiebreakers: [byLengthAsc],
    });
  let elsewhereFzf: Fzf<readonly Row[]> | undefined;
  let allFzf: Fzf<readonly Row[]> | undefined;
  // Each match's sort key, written here on every search rather than made anew.
  let keys: Float64Array | undefined;
  const everything = new Matches(items, texts, {
    order: undefined,
    query: '',
    caseSensitive: false,
    fromFzf: new Map(),
  });
  const kept = new Map<string, Matches<T>>();

  function search(typed: string): Found {
    // As fzf reads it: composed (NFC), where the Kelvin sign is a K.
    const query = typed.normalize();
    if (!isAscii(query)) {
      // fzf folds the query's accents (its normalizeRune), which only fzf knows.
      allFzf ??= fzfOver(texts.map((t, index) => ({ index, text: t })));
      const entries = allFzf.find(typed);
      return {
        order: Int32Array.from(entries, (entry) => entry.item.index),
        query,
        caseSensitive: false,
        fromFzf: new Map(entries.map((entry) => [entry.item.index, entry.positions])),
      };
    }
    const caseSensitive = query.toLowerCase() !== query;
    const chars = [...query];
    const m = query.length;
    // Sorted by one number each: score (highest first), then rank.
    const ceiling = MOST_A_CHARACTER * m;
    keys ??= new Float64Array(n);
    let count = 0;
    for (const index of here) {
      const t = texts[index] as string;
      if (t.length < m) continue;
      const span = matchSpan(caseSensitive ? t : (lowered[index] as string), chars);
      if (span < 0) continue;
      const score = spanScore(t, query, caseSensitive, Math.floor(span / 65536), span % 65536);
      keys[count++] = (ceiling - score) * n + (rank[index] as number);
    }
    const fromFzf = new Map<number, ReadonlySet<number>>();
    if (elsewhere.length > 0) {
      elsewhereFzf ??= fzfOver(elsewhere);
      for (const entry of elsewhereFzf.find(query)) {
        keys[count++] = (ceiling - entry.score) * n + (rank[entry.item.index] as number);
        fromFzf.set(entry.item.index, entry.positions);
      }
    }
    const sorted = keys.subarray(0, count).sort();
    const order = new Int32Array(count);
    for (let i = 0; i < count; i++) order[i] = byLength[(sorted[i] as number) % n] as number;
    return { order, query, caseSensitive, fromFzf };
  }

  function matches(query: string): Matches<T> {
    const trimmed = query.trim();
    if (trimmed === '') return everything;
    let found = kept.get(trimmed);
    if (found) kept.delete(trimmed);
    else found = new Matches(items, texts, search(trimmed));
    kept.set(trimmed, found);
    if (kept.size > KEPT_QUERIES) kept.delete(kept.keys().next().value as string);
    return found;
  }

  return {
    matches,
    find(query) {
      const all = matches(query);
      return all.slice(0, all.length);
    },
  };
}
