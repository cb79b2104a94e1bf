// Adding a profile to the text of an AWS config file without touching a byte of what is there:
// the person's order, comments, blank lines and line endings stay as they were, and the new
// section goes at the end. The text is the file's; this returns the new text or why not.

/** The profile names rolecall writes: what the AWS CLI and SDKs read back unchanged, no spaces. */
const PROFILE_NAME = /^[\w+=,.@-]{1,128}$/;

/**
 * The profile names a config file's headers define, as the JS SDK reads them (aws-reference.md
 * section 1): `[profile x]` is x and `[default]` is default. A bare `[x]` is dropped by the SDK
 * but is still taken as a clash here: adding x beside it would confuse a person reading the file.
 */
export function configProfileNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[\s*([^\]]*?)\s*\]/.exec(line);
    if (!header) continue;
    const inside = header[1] ?? '';
    const profile = /^profile\s+(.+)$/.exec(inside);
    names.add(profile ? (profile[1] ?? '').trim() : inside);
  }
  return names;
}

export type SectionResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * The text with `[profile NAME]` and its keys appended; refuses a name the file has already, or
 * one of `taken`: the profiles of the credentials file too, as loaded. The SDK merges a
 * credentials profile and a config profile of one name into one profile (aws-reference.md
 * section 1), so a new role profile named like a key profile would carry its static keys, which
 * win over role_arn.
 */
export function addProfileSection(
  text: string,
  name: string,
  keys: ReadonlyArray<readonly [string, string]>,
  taken: Iterable<string> = [],
): SectionResult {
  if (!PROFILE_NAME.test(name)) {
    return {
      ok: false,
      message: `"${name}" cannot be a profile name here: use letters, digits and + = , . @ _ - (at most 128).`,
    };
  }
  if (configProfileNames(text).has(name)) {
    return { ok: false, message: `The config file has a profile ${name} already; choose another name.` };
  }
  if (new Set(taken).has(name)) {
    return {
      ok: false,
      message: `There is a profile ${name} already (in the credentials file); choose another name.`,
    };
  }
  for (const [key, value] of keys) {
    if (/[\r\n]/.test(value) || /[\r\n=[\]]/.test(key)) {
      return { ok: false, message: `The value of ${key} cannot hold a line break or be a section.` };
    }
  }
  // The file's own line ending: CRLF when it uses it (a file from Windows).
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let head = text;
  if (head.length > 0 && !head.endsWith('\n')) head += eol;
  // One blank line between the last section and the new one, unless there is one already.
  if (head.length > 0 && !head.endsWith(`${eol}${eol}`)) head += eol;
  const header = name === 'default' ? '[default]' : `[profile ${name}]`;
  const body = keys.map(([key, value]) => `${key} = ${value}${eol}`).join('');
  return { ok: true, text: `${head}${header}${eol}${body}` };
}

/**
 * `base`, or base-2, base-3…: the first name neither the file nor `taken` (every profile loaded,
 * the credentials file's too) has yet. Names differing only in case are distinct to the SDKs but
 * not to a person reading a list (dev-admin, dev-Admin), so a suggestion avoids those too.
 */
export function freeProfileName(text: string, base: string, taken: Iterable<string> = []): string {
  const names = new Set([...configProfileNames(text), ...taken].map((n) => n.toLowerCase()));
  const clean = base.replace(/[^\w+=,.@-]/g, '-').slice(0, 120) || 'profile';
  const free = (name: string) => !names.has(name.toLowerCase());
  if (free(clean)) return clean;
  for (let n = 2; n < 10_000; n++) if (free(`${clean}-${n}`)) return `${clean}-${n}`;
  return `${clean}-${Date.now()}`;
}
