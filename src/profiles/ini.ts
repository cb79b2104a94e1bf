// One AWS shared config or credentials file read line by line exactly as the JS SDK's parser
// (@smithy/core 3.41, shared-ini-file-loader/parseIni.js) reads it, keeping where every value
// came from: the SDK's map alone cannot say that a key was taken from under a broken header.
// test/src/profiles/ini.test.ts holds this to the SDK's own loadSharedConfigFiles.

/** One `key = value` the SDK keeps, with the section it lands in. */
export interface IniSetting {
  key: string;
  value: string;
  line: number;
}

/** A section as the SDK's map holds it: every setting given to it, in file order (the last of a key wins). */
export interface IniSection {
  /** parseIni's name: "profile.x", "default", "sso-session.x", or the bare text between the brackets. */
  name: string;
  /** Every header line that opened it: more than one when the section is given twice. */
  headers: number[];
  settings: IniSetting[];
}

/** A header line, and what the SDK made of it. */
export interface IniHeader {
  line: number;
  /** The line without its comment, trimmed. */
  text: string;
  /** The section the keys under it go to; undefined when the SDK drops them (an unknown prefix). */
  name: string | undefined;
}

/** A line the SDK skips: not a header and not `key = value`. */
export interface IniStray {
  line: number;
  text: string;
  /** It looks like a header ("[profile x" with no "]"): the keys under it were meant for another section. */
  header: boolean;
  /** The section the SDK gives the keys under it to (undefined: it drops them). */
  into: string | undefined;
  /** The settings from this line to the next header, which the SDK gives to `into`. */
  settings: IniSetting[];
}

export interface IniFile {
  sections: Map<string, IniSection>;
  headers: IniHeader[];
  strays: IniStray[];
  /**
   * parseIni throws on [__proto__] and [profile __proto__]; the SDK then reads the whole file as
   * empty (loadSharedConfigFiles swallows the error). The line, when it did.
   */
  protoLine?: number;
}

const PREFIX_KEY = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const SECTION_TYPES = new Set(['profile', 'sso-session', 'services']);
const BLOCKED = new Set(['__proto__', 'profile __proto__']);

export function parseIniLines(text: string): IniFile {
  const steps = parseIniInSteps(text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Lines between the points where parseIniInSteps lets its caller do something else. */
const LINES_A_STEP = 4096;

/**
 * parseIniLines a few thousand lines at a time: it yields how many section headers it has read,
 * so that a caller can let the event loop run (keys, frames) during a file of 50,000
 * profiles, which takes a few hundred milliseconds to read.
 */
export function* parseIniInSteps(text: string): Generator<{ headers: number }, IniFile> {
  const sections = new Map<string, IniSection>();
  const headers: IniHeader[] = [];
  const strays: IniStray[] = [];
  let current: string | undefined;
  let subSection: string | undefined;
  let stray: IniStray | undefined;
  let protoLine: number | undefined;
  // parseIni splits on /\r?\n/; a split on "\n" then one "\r" off the end is the same, and cheaper.
  // Line by line, not text.split('\n'): the array of a 5 MiB file's 250,000 lines is one long
  // stretch with no pause, and garbage the size of the file.
  let next = 0;
  for (let index = 0; next <= text.length; index++) {
    if (index % LINES_A_STEP === LINES_A_STEP - 1) yield { headers: headers.length };
    const end = text.indexOf('\n', next);
    const whole = text.slice(next, end === -1 ? text.length : end);
    next = end === -1 ? text.length + 1 : end + 1;
    const raw = whole.endsWith('\r') ? whole.slice(0, -1) : whole;
    const line = index + 1;
    // Most lines hold no comment: the split (parseIni's own expression) only when one might.
    const trimmed = (
      raw.includes('#') || raw.includes(';') ? (raw.split(/(^|\s)[;#]/)[0] ?? '') : raw
    ).trim();
    if (trimmed[0] === '[' && trimmed[trimmed.length - 1] === ']') {
      current = undefined;
      subSection = undefined;
      stray = undefined;
      const sectionName = trimmed.substring(1, trimmed.length - 1);
      const matches = PREFIX_KEY.exec(sectionName);
      if (matches) {
        const [, prefix = '', , name = ''] = matches;
        if (SECTION_TYPES.has(prefix)) current = `${prefix}.${name}`;
      } else {
        current = sectionName;
      }
      if (BLOCKED.has(sectionName)) {
        protoLine ??= line;
        current = undefined;
      }
      headers.push({ line, text: trimmed, name: current || undefined });
      if (current) {
        const existing = sections.get(current);
        if (existing) existing.headers.push(line);
        else sections.set(current, { name: current, headers: [line], settings: [] });
      }
      continue;
    }
    const equals = trimmed.indexOf('=');
    if (equals === 0 || equals === -1) {
      if (trimmed === '') continue;
      const header = trimmed.startsWith('[') || trimmed.endsWith(']');
      const found: IniStray = { line, text: trimmed, header, into: current || undefined, settings: [] };
      strays.push(found);
      // Keys after a broken header belong to it until the next real header.
      if (header) stray = found;
      continue;
    }
    // An empty section name ("[]") is falsy to parseIni: the keys under it are dropped.
    if (!current) continue;
    const key = trimmed.substring(0, equals).trim();
    const value = trimmed.substring(equals + 1).trim();
    if (value === '') {
      subSection = key;
      continue;
    }
    if (subSection && raw.trimStart() === raw) subSection = undefined;
    const setting = { key: subSection ? `${subSection}.${key}` : key, value, line };
    const section = sections.get(current);
    // parseIni's map is a plain object: a name such as "constructor" finds Object's own property
    // there, takes the keys, and is never listed by Object.entries, so the SDK loses the section.
    if (section && !(current in Object.prototype)) section.settings.push(setting);
    stray?.settings.push(setting);
  }
  return { sections, headers, strays, ...(protoLine !== undefined ? { protoLine } : {}) };
}

/** A section's values as the SDK's map holds them: the last of each key. */
export function valuesOf(section: IniSection): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { key, value } of section.settings) values[key] = value;
  return values;
}
