// `doctor --fix`'s fixes to section headers of the config file, where what was meant is certain:
// a bare [dev] (the JS SDK drops it: in the config file it reads only [default] and
// [profile NAME], aws-reference.md section 1) becomes [profile dev]; "[profile dev" with no "]"
// (the SDK skips the line and gives the keys under it to the section above, section 9) gets its
// "]"; a comment glued to the "]" (the SDK sees a comment only after a space, so the line is not a
// header) gets its space; stray spaces in the brackets go. A header whose fixed name another
// section has already is left: the two would be merged, which is the person's call. A bare
// section becomes a profile only when all its settings are a profile's: [plugins] and [preview]
// are the AWS CLI's own, and other tools keep sections there too (profiles/bare-sections.ts).
import { type BareSection, bareSection } from '../profiles/bare-sections';
import { parseIniLines } from '../profiles/ini';
import { type FixesFound, withoutComment } from './config-fix';
import type { ConfigLines } from './config-fix-lines';

const NAME = '[\\w.@+%:/-]+';
/** What stands between the brackets of a header the SDK reads, once the spaces are tidied. */
const HEADER_INSIDE = new RegExp(`^(?:(profile|sso-session|services)\\s+)?(${NAME})$`);
const TYPES = new Set(['profile', 'sso-session', 'services']);

interface Target {
  /** parseIni's section name ("profile.dev", "default"). */
  section: string;
  header: string;
  /** Written without a type ("[dev"): a profile only if its settings say so. */
  bare?: string;
}

/** The header a section's inside meant, in the config file; undefined when it is not certain. */
function targetOf(inside: string): Target | undefined {
  const match = HEADER_INSIDE.exec(inside.trim());
  if (!match) return undefined;
  const [, type, name = ''] = match;
  if (name in Object.prototype || name === '__proto__') return undefined;
  if (type) return { section: `${type}.${name}`, header: `[${type} ${name}]` };
  if (TYPES.has(name)) return undefined;
  if (name === 'default') return { section: 'default', header: '[default]' };
  return { section: `profile.${name}`, header: `[profile ${name}]`, bare: name };
}

/** Why a bare section that is maybe a profile is not renamed. */
function notCertainWords(was: string, target: Target, kind: BareSection & { kind: 'mixed' }): string {
  const others = kind.others.join(', ');
  return `${was} may be the profile ${target.header}, but ${others} ${kind.others.length === 1 ? 'is not a setting' : 'are not settings'} of a profile, so it may be another tool's section: if it is a profile, rename it by hand.`;
}

/** One pass over the headers; run again until it finds nothing (a glued comment on a bare [dev] takes two). */
export function fixHeaders(doc: ConfigLines): FixesFound {
  const found: FixesFound = { fixed: [], left: [] };
  const ini = parseIniLines(doc.text());
  const lineOf = new Map<string, number>();
  for (const header of ini.headers)
    if (header.name && !lineOf.has(header.name)) lineOf.set(header.name, header.line);
  const made = new Set<string>();
  /** The fix is made unless its section exists already (or another fix makes it too). */
  const unless = (target: Target, line: number, profile: string, was: string): boolean => {
    const at = lineOf.get(target.section);
    if (at === undefined && !made.has(target.section)) {
      made.add(target.section);
      return true;
    }
    found.left.push({
      profile,
      line: doc.fileLine(line),
      what: `${was} would be ${target.header}, which ${at !== undefined ? `is on line ${doc.fileLine(at)} already` : 'another fix makes too'}: the two would become one profile, so which settings to keep is yours to decide.`,
    });
    return false;
  };

  for (const stray of ini.strays) {
    if (!stray.header) continue;
    const raw = doc.at(stray.line);
    const glued = /^(\s*\[[^\]]*\])([#;].*)$/.exec(raw);
    if (glued) {
      const [, head = '', comment = ''] = glued;
      const name = parseIniLines(head).headers[0]?.name;
      const target = name === undefined ? undefined : targetOf(head.trim().slice(1, -1));
      if (!target) continue;
      const profile = target.section.replace(/^profile\./, '');
      if (!unless({ ...target, section: name as string }, stray.line, profile, `"${raw.trim()}"`)) continue;
      doc.replace(stray.line, `${head} ${comment}`);
      found.fixed.push({
        profile,
        line: doc.fileLine(stray.line),
        what: `"${head.trim()}${comment}" → "${head.trim()} ${comment}": a comment after a header needs a space before it, else the line is not a header and the settings under it go to the section above.`,
      });
      continue;
    }
    const code = withoutComment(raw);
    const open = /^(\s*)\[([^\]]*?)(\s*)$/.exec(code);
    let target = open ? targetOf(open[2] ?? '') : undefined;
    if (!open || !target) continue;
    if (target.bare !== undefined) {
      const kind = bareSection(target.bare, stray.settings);
      if (kind.kind === 'mixed') {
        found.left.push({
          profile: target.bare,
          line: doc.fileLine(stray.line),
          what: notCertainWords(`"${code.trim()}"`, target, kind),
        });
        continue;
      }
      if (kind.kind === 'other') continue;
      // The AWS CLI's own section, unclosed: closed as it is.
      if (kind.kind === 'cli') target = { section: target.bare, header: `[${target.bare}]` };
    }
    const profile = target.section.replace(/^profile\./, '');
    if (!unless(target, stray.line, profile, `"${code.trim()}"`)) continue;
    const fixed = `${open[1]}${target.header}${open[3]}${raw.slice(code.length)}`;
    doc.replace(stray.line, fixed);
    found.fixed.push({
      profile,
      line: doc.fileLine(stray.line),
      what: `"${code.trim()}" → "${target.header}": without its "]" the line is not a header, and the settings under it went to the section above.`,
    });
  }

  for (const header of ini.headers) {
    const name = header.name;
    if (name === 'default' || (name !== undefined && /^(profile|sso-session|services)\./.test(name)))
      continue;
    const inside = header.text.slice(1, -1);
    const target = targetOf(inside);
    if (!target) continue;
    // A bare [dev] given twice is merged by parseIni into one section the SDK drops; which of
    // them is the profile is not certain.
    const times = name === undefined ? 1 : (ini.sections.get(name)?.headers.length ?? 1);
    const profile = target.section.replace(/^profile\./, '');
    if (target.bare !== undefined) {
      const kind = bareSection(target.bare, (name && ini.sections.get(name)?.settings) || []);
      if (kind.kind === 'cli' || kind.kind === 'other') continue;
      if (kind.kind === 'mixed') {
        if (ini.sections.get(name as string)?.headers[0] === header.line)
          found.left.push({
            profile,
            line: doc.fileLine(header.line),
            what: notCertainWords(header.text, target, kind),
          });
        continue;
      }
    }
    if (times > 1) {
      if (ini.sections.get(name as string)?.headers[0] === header.line)
        found.left.push({
          profile,
          line: doc.fileLine(header.line),
          what: `${header.text} is given ${times} times: rolecall does not pick which one becomes ${target.header}.`,
        });
      continue;
    }
    if (!unless(target, header.line, profile, header.text)) continue;
    const raw = doc.at(header.line);
    const parts = /^(\s*\[)[^\]]*(\].*)$/.exec(raw);
    if (!parts) continue;
    doc.replace(header.line, `${parts[1]}${target.header.slice(1, -1)}${parts[2]}`);
    const bare = inside === inside.trim() && !/\s/.test(inside);
    found.fixed.push({
      profile,
      line: doc.fileLine(header.line),
      what: bare
        ? `${header.text} → ${target.header}: in the config file the AWS SDKs read only [default] and [profile NAME], so [${inside}] and its settings were ignored.`
        : `${header.text} → ${target.header}: with spaces where they were, the AWS SDK for JavaScript ignored the section and its settings.`,
    });
  }
  return found;
}
