// IAM's wildcards: `*` any run of characters, `?` any one character, nothing else special.
// Matched in linear time with the classic two-pointer walk: a pattern such as "*a*a*a*b" must
// not cost exponential backtracking on a long value (a RegExp would), since anyone who may save
// a policy chooses its patterns.

/** Whether `value` matches `pattern`; `ignoreCase` for action names, which IAM compares case-insensitively. */
export function matchesWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  let pi = 0;
  let vi = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      starAt = pi++;
      resumeAt = vi;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      vi = ++resumeAt;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}
