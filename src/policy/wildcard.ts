// IAM's wildcards: `*` any run of characters, `?` any one character, nothing else special.

const cache = new Map<string, RegExp>();

/** Whether `value` matches `pattern`; `ignoreCase` for action names, which IAM compares case-insensitively. */
export function matchesWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = cache.get(cacheKey);
  if (!regex) {
    const body = [...pattern]
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (cache.size > 10_000) cache.clear();
    cache.set(cacheKey, regex);
  }
  return regex.test(value);
}
