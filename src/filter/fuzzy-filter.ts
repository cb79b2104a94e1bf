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
// order), without allocating per name; positions are worked out when asked for. Names with other
// characters, and queries with them (fzf folds accents: "é" finds "e"), go to fzf itself.
// test/src/filter/fuzzy-filter.test.ts checks both give the same, query by query.
import { byLengthAsc, Fzf } from 'fzf';

export interface FilterMatch<T> {
  item: T;
  /** Character positions in the item's text that matched, for highlighting. */
  readonly positions: ReadonlySet<number>;
}

export interface FuzzyFilter<T> {
  /**
   * The items that match, best first; all of them, in their own order, for an empty query. The
   * list is shared with the next find of the same query: do not change it.
   */
  find(query: string): FilterMatch<T>[];
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

/** A match found here: its positions are worked out only if something reads them. */
class AsciiMatch<T> implements FilterMatch<T> {
  readonly item: T;
  readonly #text: string;
  readonly #pattern: string;
  readonly #caseSensitive: boolean;
  #positions: Set<number> | undefined;
  constructor(item: T, text: string, pattern: string, caseSensitive: boolean) {
    this.item = item;
    this.#text = text;
    this.#pattern = pattern;
    this.#caseSensitive = caseSensitive;
  }
  get positions(): ReadonlySet<number> {
    if (!this.#positions) {
      const hay = this.#caseSensitive ? this.#text : this.#text.toLowerCase();
      const span = matchSpan(hay, [...this.#pattern]);
      this.#positions = new Set();
      spanScore(
        this.#text,
        this.#pattern,
        this.#caseSensitive,
        Math.floor(span / 65536),
        span % 65536,
        this.#positions,
      );
    }
    return this.#positions;
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
  let everything: FilterMatch<T>[] | undefined;
  const kept = new Map<string, FilterMatch<T>[]>();

  function search(typed: string): FilterMatch<T>[] {
    // As fzf reads it: composed (NFC), where the Kelvin sign is a K.
    const normal = typed.normalize();
    if (!isAscii(normal)) {
      // fzf folds the query's accents (its normalizeRune), which only fzf knows.
      allFzf ??= fzfOver(texts.map((t, index) => ({ index, text: t })));
      return allFzf
        .find(typed)
        .map((entry) => ({ item: items[entry.item.index] as T, positions: entry.positions }));
    }
    const query = normal;
    const caseSensitive = query.toLowerCase() !== query;
    const chars = [...query];
    const m = query.length;
    // Sorted by one number each: score (highest first), then rank.
    const ceiling = MOST_A_CHARACTER * m;
    const keys: number[] = [];
    const fromFzf = new Map<number, ReadonlySet<number>>();
    for (const index of here) {
      const t = texts[index] as string;
      if (t.length < m) continue;
      const span = matchSpan(caseSensitive ? t : (lowered[index] as string), chars);
      if (span < 0) continue;
      const score = spanScore(t, query, caseSensitive, Math.floor(span / 65536), span % 65536);
      keys.push((ceiling - score) * n + (rank[index] as number));
    }
    if (elsewhere.length > 0) {
      elsewhereFzf ??= fzfOver(elsewhere);
      for (const entry of elsewhereFzf.find(query)) {
        keys.push((ceiling - entry.score) * n + (rank[entry.item.index] as number));
        fromFzf.set(entry.item.index, entry.positions);
      }
    }
    const sorted = Float64Array.from(keys).sort();
    const matches: FilterMatch<T>[] = new Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      const index = byLength[(sorted[i] as number) % n] as number;
      const positions = fromFzf.get(index);
      matches[i] = positions
        ? { item: items[index] as T, positions }
        : new AsciiMatch(items[index] as T, texts[index] as string, query, caseSensitive);
    }
    return matches;
  }

  return {
    find(query) {
      const trimmed = query.trim();
      if (trimmed === '') {
        everything ??= Object.freeze(items.map((item) => ({ item, positions: NONE }))) as FilterMatch<T>[];
        return everything;
      }
      let matches = kept.get(trimmed);
      if (matches) kept.delete(trimmed);
      else matches = Object.freeze(search(trimmed)) as FilterMatch<T>[];
      kept.set(trimmed, matches);
      if (kept.size > KEPT_QUERIES) kept.delete(kept.keys().next().value as string);
      return matches;
    },
  };
}
