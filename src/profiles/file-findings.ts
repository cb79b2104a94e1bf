// What the AWS SDK for JavaScript's reading of a config or credentials file does that the person
// who wrote it would not expect, line by line, each with the fix. Where it may have changed what
// a profile does (keys taken from under a broken header, a value given twice, a file that is not
// text), the finding names the profiles rolecall must refuse: the SDK would use them silently,
// while the AWS CLI (botocore, checked with aws-cli 2.9.19) refuses the whole file ("Unable to
// parse config file") for a broken header, a section or a key given twice. One file, so each
// finding's test of the lines and its words and fix sit side by side.
import { bareSection } from './bare-sections';
import type { IniFile, IniSection, IniSetting } from './ini';

export interface FileRead {
  path: string;
  file: 'config' | 'credentials';
  /** The variable that named the path (AWS_CONFIG_FILE), when one did. */
  variable?: string;
  ini: IniFile;
  text?: string;
  /** NUL bytes make it binary; bytes that are not UTF-8 are read by the SDK as U+FFFD. */
  encoding?: 'utf8' | 'not-utf8' | { binaryAtLine: number };
  /** The error code when it exists but could not be read (EISDIR, EACCES). */
  unreadable?: string;
}

export interface FileFinding {
  /** The profile it is about; for a whole file, the file's name ("config"). */
  profile: string;
  file: 'config' | 'credentials';
  line?: number;
  problem: string;
  fix: string;
  /** Profiles rolecall will not use while this stands. */
  refuses: string[];
  /** A file that could not be read as text: what it would have said of any profile is unknown. */
  refusesAll?: boolean;
}

/** The profile a section of the SDK's map is, or undefined when the SDK keeps it as no profile. */
export function profileOfSection(section: string, file: 'config' | 'credentials'): string | undefined {
  if (file === 'credentials') return section.startsWith('profile.') ? undefined : section;
  if (section === 'default') return 'default';
  return section.startsWith('profile.') ? section.slice('profile.'.length) : undefined;
}

export function fileFindings(read: FileRead): FileFinding[] {
  const findings: FileFinding[] = [];
  const where = (line: number) => `line ${line} of ${read.path}`;
  const named = read.variable ? `${read.variable} (${read.path})` : read.path;
  const profileOf = (section: string | undefined) =>
    section === undefined ? undefined : profileOfSection(section, read.file);

  if (read.unreadable) {
    const isDirectory = read.unreadable === 'EISDIR';
    findings.push({
      profile: read.file,
      file: read.file,
      problem: isDirectory
        ? `${named} is a directory, not a file, so the AWS SDK reads it as empty.`
        : `${named} cannot be read (${read.unreadable === 'EACCES' ? 'permission denied' : read.unreadable}), so the AWS SDK reads it as empty.`,
      fix: `${isDirectory ? `Point ${read.variable ?? 'it'} at the ${read.file} file itself` : `Give yourself read access to it (chmod u+r ${read.path})`}; until then rolecall uses no profile, as any of them could read differently.`,
      refuses: [],
      refusesAll: true,
    });
    return findings;
  }
  if (typeof read.encoding === 'object') {
    findings.push({
      profile: read.file,
      file: read.file,
      line: read.encoding.binaryAtLine,
      problem: `${named} is not a text file (it holds a NUL byte on line ${read.encoding.binaryAtLine}).`,
      fix: `Point ${read.variable ?? 'it'} at your AWS ${read.file} file; until then rolecall uses no profile, as any of them could read differently.`,
      refuses: [],
      refusesAll: true,
    });
    return findings;
  }
  if (read.ini.protoLine !== undefined) {
    findings.push({
      profile: '__proto__',
      file: read.file,
      line: read.ini.protoLine,
      problem: `Line ${read.ini.protoLine} of ${read.path} names a section __proto__, on which the AWS SDK for JavaScript stops and reads the whole file as empty.`,
      fix: 'Rename or delete that section.',
      refuses: [],
    });
    return findings;
  }

  if (read.encoding === 'not-utf8') findings.push(...notUtf8(read, profileOf));

  for (const stray of read.ini.strays) {
    const into = profileOf(stray.into);
    if (!stray.header) {
      // The line is not echoed: in the credentials file it may hold a secret.
      findings.push({
        profile: into ?? `line ${stray.line}`,
        file: read.file,
        line: stray.line,
        problem: `${capital(where(stray.line))} is not "key = value" nor a [section] header, so the AWS SDK skips it.`,
        fix: 'Write it as key = value, or delete it.',
        refuses: [],
      });
      continue;
    }
    const shown = `"${stray.text.length > 60 ? `${stray.text.slice(0, 59)}…` : stray.text}"`;
    const guessed = /^\[\s*(?:profile\s+)?([^\]\s]+)/.exec(stray.text)?.[1];
    const base = `${capital(where(stray.line))}, ${shown}, is not a section header`;
    const fix = `Make it a header: ${headerFix(stray.text)}.`;
    const count = stray.settings.length;
    if (count === 0) {
      findings.push({
        profile: guessed ?? `line ${stray.line}`,
        file: read.file,
        line: stray.line,
        problem:
          stray.into === undefined
            ? `${base}; the AWS SDK skips it and the settings under it, and the AWS CLI refuses the file.`
            : `${base}; the AWS SDK skips it (no setting is under it), and the AWS CLI refuses the file.`,
        fix,
        refuses: [],
      });
      continue;
    }
    const settings = `${count === 1 ? 'the setting' : `the ${count} settings`} under it (${keysAndLines(stray.settings)})`;
    const target = sectionWords(stray.into ?? '', read.file);
    findings.push({
      profile: into ?? guessed ?? `line ${stray.line}`,
      file: read.file,
      line: stray.line,
      problem: into
        ? `${base}, so the AWS SDK for JavaScript merges ${settings} into ${target} above it; the AWS CLI refuses the file.`
        : `${base}, so the AWS SDK for JavaScript gives ${settings} to ${target} above it, a section it ignores, so they are lost; the AWS CLI refuses the file.`,
      fix: into ? `${fix} rolecall does not use ${into} until then.` : fix,
      refuses: into ? [into] : [],
    });
  }

  // A key that came from under a broken header is that header's finding, not a second one.
  const fromStrays = new Set(read.ini.strays.flatMap((s) => (s.header ? s.settings.map((k) => k.line) : [])));
  for (const section of read.ini.sections.values()) {
    const profile = profileOf(section.name);
    if (profile === undefined) continue;
    findings.push(...givenTwice(read, section, profile, fromStrays));
  }

  findings.push(...headerFindings(read));
  return findings;
}

/** A section given twice (merged), and a key given twice in one section (the last wins). */
function givenTwice(
  read: FileRead,
  section: IniSection,
  profile: string,
  fromStrays: ReadonlySet<number>,
): FileFinding[] {
  // Most sections: one header, no key twice; said at the cost of a Set.
  if (section.headers.length === 1) {
    const keys = new Set<string>();
    let twice = false;
    for (const { key } of section.settings) {
      if (keys.has(key)) {
        twice = true;
        break;
      }
      keys.add(key);
    }
    if (!twice) return [];
  }
  const findings: FileFinding[] = [];
  const words = sectionWords(section.name, read.file);
  const blockOf = (line: number) => {
    let block = 0;
    while (block + 1 < section.headers.length && (section.headers[block + 1] ?? 0) < line) block++;
    return block;
  };
  // Every setting of a key, by block, in file order.
  const byKey = new Map<string, Array<IniSetting & { block: number }>>();
  for (const setting of section.settings) {
    const list = byKey.get(setting.key) ?? [];
    list.push({ ...setting, block: blockOf(setting.line) });
    byKey.set(setting.key, list);
  }
  if (section.headers.length > 1) {
    const later = section.settings.filter((s) => blockOf(s.line) > 0);
    const replaced = [...byKey.values()].filter(
      (list) => new Set(list.map((s) => s.block)).size > 1 && new Set(list.map((s) => s.value)).size > 1,
    );
    const lines = andList(section.headers.map(String));
    const added = later.length
      ? `the AWS SDK for JavaScript merges them into one, taking ${keysAndLines(later)} from the later ${section.headers.length === 2 ? 'one' : 'ones'}`
      : 'the AWS SDK for JavaScript merges them into one';
    const conflicts = replaced.map((list) => {
      const last = list.at(-1) as IniSetting;
      return `${last.key} on line ${last.line} replaces the one on line ${list[0]?.line}`;
    });
    findings.push({
      profile,
      file: read.file,
      line: section.headers[1] ?? 0,
      problem: `${words} is given ${times(section.headers.length)} in ${read.path} (lines ${lines}): ${added}${conflicts.length ? `, and ${conflicts.join(', ')}` : ''}; the AWS CLI refuses the file.`,
      fix: `Keep one ${words} section, or rename the other${conflicts.length ? `; rolecall does not use ${profile} until then` : ''}.`,
      refuses: conflicts.length ? [profile] : [],
    });
  }
  for (const [key, list] of byKey) {
    for (let block = 0; block < section.headers.length; block++) {
      const here = list.filter((s) => s.block === block && !fromStrays.has(s.line));
      if (here.length < 2) continue;
      const last = here.at(-1) as IniSetting;
      const differ = new Set(here.map((s) => s.value)).size > 1;
      findings.push({
        profile,
        file: read.file,
        line: last.line,
        problem: `${key} is given ${times(here.length)} in ${words} in ${read.path} (lines ${andList(here.map((s) => String(s.line)))})${differ ? ' with different values' : ''}: the AWS SDK for JavaScript takes the one on line ${last.line}, and the AWS CLI refuses the file.`,
        fix: `Delete the ${key} you do not mean${differ ? `; rolecall does not use ${profile} until then` : ''}.`,
        refuses: differ ? [profile] : [],
      });
    }
  }
  return findings;
}

const PLAIN_NAME = /^[\w.@+%:/-]+$/;

/** Headers the SDK drops, or reads as a profile other tools cannot name. */
function headerFindings(read: FileRead): FileFinding[] {
  const findings: FileFinding[] = [];
  const seen = new Set<string>();
  for (const header of read.ini.headers) {
    const name = header.name;
    // The usual headers, [profile x] and [default] in the config file, [x] in credentials.
    if (name !== undefined && !(name in Object.prototype)) {
      if (
        read.file === 'config'
          ? name === 'default' || /^(profile|sso-session|services)\./.test(name)
          : PLAIN_NAME.test(name) && !name.startsWith('profile.')
      )
        continue;
    }
    if (seen.has(header.text)) continue;
    seen.add(header.text);
    const inner = header.text.slice(1, -1);
    const at = `${header.text} on line ${header.line} of ${read.path}`;
    if (read.file === 'credentials' && name?.startsWith('profile.')) {
      const bare = name.slice('profile.'.length);
      findings.push({
        profile: bare,
        file: 'credentials',
        line: header.line,
        problem: `${at} is read as a profile named "profile.${bare}" by the AWS SDK for JavaScript, not as ${bare}.`,
        fix: `Rename the section to [${bare}]: the credentials file names profiles without the word "profile".`,
        refuses: [],
      });
      continue;
    }
    if (name !== undefined && name in Object.prototype) {
      findings.push({
        profile: name,
        file: read.file,
        line: header.line,
        problem: `${at} names a built-in property of JavaScript objects, where the AWS SDK for JavaScript keeps its settings on a shared built-in function; rolecall does not read it as a profile.`,
        fix: `Rename the section (for example [${read.file === 'config' ? 'profile ' : ''}${name}-profile]).`,
        refuses: [],
      });
      continue;
    }
    const kept =
      name !== undefined &&
      (read.file === 'credentials' ||
        profileOfSection(name, 'config') !== undefined ||
        /^(sso-session|services)\./.test(name));
    if (!kept) {
      // A bare section in the config file may be the AWS CLI's own, or another tool's: said only
      // when its settings are a profile's (bare-sections.ts).
      const bare =
        read.file === 'config' && name !== undefined
          ? bareSection(name.trim(), read.ini.sections.get(name)?.settings ?? [])
          : undefined;
      if (bare?.kind === 'cli' || bare?.kind === 'other') continue;
      const asProfile = /^profile\s+(.*)$/.exec(inner)?.[1]?.trim() ?? inner.trim();
      const plain = /^[\w-]+$/.test(asProfile);
      findings.push({
        profile: asProfile || `line ${header.line}`,
        file: read.file,
        line: header.line,
        problem:
          read.file === 'config' && plain && !/^profile\s/.test(inner)
            ? `${at} is ignored by the AWS SDK for JavaScript, with the settings under it: in the config file it reads only [default] and [profile NAME].`
            : `${at} is ignored by the AWS SDK for JavaScript, with the settings under it: ${nameRule()}.`,
        fix:
          bare?.kind === 'mixed'
            ? `If it is a profile, rename the section to [profile ${suggestedName(asProfile)}] (${andList(bare.others)} ${bare.others.length === 1 ? 'is not a setting' : 'are not settings'} of a profile, so rolecall does not rename it for you).`
            : read.file === 'config'
              ? `Rename the section to [profile ${suggestedName(asProfile)}].`
              : `Rename the section to [${suggestedName(asProfile)}].`,
        refuses: [],
      });
      continue;
    }
    const profile = profileOfSection(name, read.file);
    if (read.file === 'credentials' && profile !== undefined && !PLAIN_NAME.test(profile)) {
      findings.push({
        profile,
        file: 'credentials',
        line: header.line,
        problem: `${at} names the profile "${profile}", with a space or a character other than letters, digits and - _ . @ + % : /: the SDK reads it here, but the config file cannot name it ([profile ${profile}] is ignored there) and other tools may not read it.`,
        fix: `Rename it, for example [${suggestedName(profile)}].`,
        refuses: [],
      });
    }
  }
  return findings;
}

/** Bytes that are not UTF-8: the file, and the profiles fed by a line that holds them. */
function notUtf8(
  read: FileRead,
  profileOf: (section: string | undefined) => string | undefined,
): FileFinding[] {
  const bad = new Set<number>();
  (read.text ?? '').split(/\r?\n/).forEach((text, index) => {
    if (text.includes('\uFFFD')) bad.add(index + 1);
  });
  const refuses: string[] = [];
  for (const section of read.ini.sections.values()) {
    const profile = profileOf(section.name);
    if (profile === undefined) continue;
    if (section.headers.some((l) => bad.has(l)) || section.settings.some((s) => bad.has(s.line)))
      refuses.push(profile);
  }
  const lines = andList([...bad].slice(0, 5).map(String));
  return [
    {
      profile: read.file,
      file: read.file,
      line: [...bad][0] ?? 1,
      problem: `${read.path} is not UTF-8 text (line${bad.size === 1 ? '' : 's'} ${lines}${bad.size > 5 ? ', …' : ''}): the AWS SDK reads those bytes as "\uFFFD".`,
      fix: `Save the file as UTF-8${refuses.length ? `; rolecall does not use ${refuses.join(', ')} until then` : ''}.`,
      refuses,
    },
  ];
}

function nameRule(): string {
  return 'a profile name is letters, digits and - _ . @ + % : / (no spaces, no accents), after one space from the word "profile"';
}

function suggestedName(name: string): string {
  const suggestion = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.@+%:/-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return suggestion || 'NAME';
}

/** "[profile x" → "[profile x]": the header the line most likely meant. */
function headerFix(text: string): string {
  const open = text.startsWith('[') ? text : `[${text}`;
  const close = open.indexOf(']');
  const inner = (close === -1 ? open.slice(1) : open.slice(1, close)).trim();
  return `[${inner || 'profile NAME'}]${close !== -1 && close < open.length - 1 ? ', alone on its line (a comment after it needs a space before # or ;)' : ''}`;
}

function sectionWords(section: string, file: 'config' | 'credentials'): string {
  const dot = section.indexOf('.');
  if (file === 'config' && dot > 0 && /^(profile|sso-session|services)\./.test(section))
    return `[${section.slice(0, dot)} ${section.slice(dot + 1)}]`;
  return `[${section}]`;
}

/** "role_arn, source_profile on lines 8–9". */
function keysAndLines(settings: readonly IniSetting[]): string {
  const keys = [...new Set(settings.map((s) => s.key))].join(', ');
  const first = settings[0]?.line ?? 0;
  const last = settings.at(-1)?.line ?? 0;
  return `${keys} on line${first === last ? ` ${first}` : `s ${first}–${last}`}`;
}

function times(count: number): string {
  return count === 2 ? 'twice' : `${count} times`;
}

function andList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
