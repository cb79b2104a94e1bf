// `doctor --fix`'s fix to a key given twice in one section with the same value: the earlier
// copies go. The JS SDK takes the last and the AWS CLI refuses the file ("Unable to parse config
// file"), so with one value there is nothing to choose. With different values which one the
// person means is not certain: left.

import { profileOfSection } from '../profiles/file-findings';
import type { IniSetting } from '../profiles/ini';
import { parseIniLines } from '../profiles/ini';
import { type FixesFound, withoutComment } from './config-fix';
import type { ConfigLines } from './config-fix-lines';

export function fixKeysGivenTwice(doc: ConfigLines): FixesFound {
  const found: FixesFound = { fixed: [], left: [] };
  const ini = parseIniLines(doc.text());
  // Keys under a broken header are that header's finding (file-findings.ts does the same).
  const fromStrays = new Set(ini.strays.flatMap((s) => (s.header ? s.settings.map((k) => k.line) : [])));
  for (const section of ini.sections.values()) {
    const profile = profileOfSection(section.name, 'config');
    if (profile === undefined) continue;
    // Per header: the same key in two sections of one name is the section given twice, not this.
    const blockOf = (line: number) => section.headers.filter((h) => h < line).length;
    const groups = new Map<string, IniSetting[]>();
    for (const setting of section.settings) {
      if (fromStrays.has(setting.line)) continue;
      const key = `${blockOf(setting.line)}\n${setting.key}`;
      groups.set(key, [...(groups.get(key) ?? []), setting]);
    }
    for (const copies of groups.values()) {
      if (copies.length < 2) continue;
      const last = copies.at(-1) as IniSetting;
      const lines = copies.map((c) => doc.fileLine(c.line));
      const key = last.key;
      if (new Set(copies.map((c) => c.value)).size > 1) {
        found.left.push({
          profile,
          line: doc.fileLine(last.line),
          what: `${key} is given ${copies.length} times with different values (lines ${lines.join(', ')}): which one you mean is yours to say.`,
        });
        continue;
      }
      const earlier = copies.slice(0, -1);
      // A comment on a copy would go with it: the person's words are not rolecall's to delete.
      const commented = earlier.find((c) => withoutComment(doc.at(c.line)) !== doc.at(c.line));
      if (commented) {
        found.left.push({
          profile,
          line: doc.fileLine(commented.line),
          what: `${key} is given ${copies.length} times with the same value, but line ${doc.fileLine(commented.line)} holds a comment too: delete the copy you do not want by hand.`,
        });
        continue;
      }
      for (const copy of earlier) doc.remove(copy.line);
      found.fixed.push({
        profile,
        line: lines[0] ?? 1,
        what: `${key} was given ${copies.length} times with the same value (lines ${lines.join(', ')}): the copy on line${earlier.length > 1 ? 's' : ''} ${lines.slice(0, -1).join(', ')} removed, the one the SDK took kept (the AWS CLI refuses a key given twice).`,
      });
    }
  }
  return found;
}
