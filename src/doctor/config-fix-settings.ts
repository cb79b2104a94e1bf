// `doctor --fix`'s fixes to settings whose meaning is certain, each checked against how the SDKs
// read a profile (aws-reference.md section 1):
// - source_profile naming no profile, where exactly one profile was meant ("profile dev", a
//   quoted "dev", or Dev where only dev exists: the SDKs match names exactly);
// - mfa_serial on a profile with static keys, where the SDKs ignore it (it is read only on the
//   profile with role_arn): moved to the role profiles whose source_profile it is;
// - duration_seconds above 3600 on a role reached by role chaining, which AWS caps at one hour
//   (the JS SDK always sends duration_seconds, so the assume fails).
// Only lines of the config file change, and only a key the credentials file does not set too
// (it would win); ~/.aws/credentials is never rewritten.
import { ROLE_CHAINING_MAX_SECONDS } from '../aws-shapes/session-limits';
import type { IniSetting } from '../profiles/ini';
import { type FixesFound, withoutComment } from './config-fix';
import type { ConfigLines } from './config-fix-lines';
import type { FixProfiles } from './config-fix-profiles';

/** The line with its value (as parsed: after "=", before a comment, trimmed) replaced. */
function withValue(raw: string, value: string, next: string): string {
  const at = raw.indexOf(value, raw.indexOf('=') + 1);
  return `${raw.slice(0, at)}${next}${raw.slice(at + value.length)}`;
}

const inCredentialsWords = (key: string, profile: string) =>
  `${key} of ${profile} is set in the credentials file, which rolecall never rewrites (and which wins over the config file): change it there by hand.`;

export function fixSourceProfiles(doc: ConfigLines, files: FixProfiles): FixesFound {
  const found: FixesFound = { fixed: [], left: [] };
  const names = [...files.profiles.keys()];
  for (const profile of files.profiles.values()) {
    const wanted = profile.sourceProfile;
    if (profile.kind !== 'assume-role' || wanted === undefined || files.profiles.has(wanted)) continue;
    const inner = /^(["'])(.*)\1$/.exec(wanted)?.[2] ?? wanted;
    const bare = /^profile\s+(.+)$/.exec(inner)?.[1]?.trim() ?? inner;
    const exact = files.profiles.has(bare) ? [bare] : [];
    const matches = exact.length ? exact : names.filter((n) => n.toLowerCase() === bare.toLowerCase()).sort();
    if (matches.length === 0) continue;
    if (files.inCredentials(profile.name, 'source_profile')) {
      found.left.push({ profile: profile.name, what: inCredentialsWords('source_profile', profile.name) });
      continue;
    }
    const setting = files.configSetting(profile.name, 'source_profile');
    if (!setting) continue;
    if (matches.length > 1 || matches[0] === profile.name) {
      found.left.push({
        profile: profile.name,
        line: doc.fileLine(setting.line),
        what:
          matches.length > 1
            ? `source_profile ${wanted} names no profile, and ${matches.join(' and ')} differ from it only in case: which one you mean is yours to say.`
            : `source_profile ${wanted} would name ${profile.name} itself: set the profile whose keys it starts from by hand.`,
      });
      continue;
    }
    const name = matches[0] as string;
    doc.replace(setting.line, withValue(doc.at(setting.line), setting.value, name));
    found.fixed.push({
      profile: profile.name,
      line: doc.fileLine(setting.line),
      what: `source_profile ${wanted} → ${name}: the SDKs look a source_profile up by its exact name, without the word "profile" or quotes, and ${name} is the one profile it can mean.`,
    });
  }
  return found;
}

export function moveMfaSerials(doc: ConfigLines, files: FixProfiles): FixesFound {
  const found: FixesFound = { fixed: [], left: [] };
  for (const source of files.profiles.values()) {
    if (source.kind !== 'static' || source.mfaSerial === undefined) continue;
    const serial = source.mfaSerial;
    const left = (what: string, line?: number) =>
      found.left.push({
        profile: source.name,
        ...(line !== undefined ? { line: doc.fileLine(line) } : {}),
        what,
      });
    if (files.inCredentials(source.name, 'mfa_serial')) {
      left(inCredentialsWords('mfa_serial', source.name));
      continue;
    }
    const settings = files.configSettings(source.name, 'mfa_serial');
    const setting = settings.at(-1);
    if (!setting) continue;
    if (settings.length > 1) {
      left(
        `mfa_serial is given ${settings.length} times in ${source.name}: keep one first, then it can be moved.`,
        setting.line,
      );
      continue;
    }
    const users = [...files.profiles.values()].filter(
      (p) => p.kind === 'assume-role' && p.sourceProfile === source.name && p.name !== source.name,
    );
    if (users.length === 0) {
      left(
        `mfa_serial on ${source.name}, a profile with static keys, is ignored by the AWS SDKs, and no role profile has source_profile = ${source.name} to move it to: add it to the role profiles you make from ${source.name}, then delete it here.`,
        setting.line,
      );
      continue;
    }
    if (withoutComment(doc.at(setting.line)) !== doc.at(setting.line)) {
      left(
        `mfa_serial of ${source.name} has a comment on its line: move it by hand, with its comment.`,
        setting.line,
      );
      continue;
    }
    const needing = users.filter((u) => u.mfaSerial === undefined);
    const homes = needing.map((u) => ({
      user: u.name,
      under: files.configSetting(u.name, 'source_profile'),
    }));
    const homeless = homes.filter((h) => h.under === undefined).map((h) => h.user);
    if (homeless.length) {
      left(
        `mfa_serial of ${source.name} would move to ${homeless.join(', ')}, whose source_profile is set in the credentials file, which rolecall never rewrites: move it by hand.`,
        setting.line,
      );
      continue;
    }
    for (const { under } of homes) {
      const line = (under as IniSetting).line;
      const raw = doc.at(line);
      // Written as that profile writes its source_profile: the same indent and "=" spacing.
      const style = /^(\s*)source_profile(\s*=\s*)/.exec(raw);
      doc.insertAfter(line, `${style?.[1] ?? ''}mfa_serial${style?.[2] ?? ' = '}${serial}`);
    }
    doc.remove(setting.line);
    const kept = users.filter((u) => u.mfaSerial !== undefined).map((u) => u.name);
    found.fixed.push({
      profile: source.name,
      line: doc.fileLine(setting.line),
      what: `mfa_serial ${serial} moved from ${source.name} (static keys, where the AWS SDKs ignore it) to ${needing.length ? needing.map((u) => u.name).join(', ') : 'no profile'}, the role profile${needing.length === 1 ? '' : 's'} with source_profile = ${source.name}${kept.length ? `; ${kept.join(', ')} keep${kept.length === 1 ? 's' : ''} its own` : ''}.`,
    });
  }
  return found;
}

export function capChainedDurations(doc: ConfigLines, files: FixProfiles): FixesFound {
  const found: FixesFound = { fixed: [], left: [] };
  for (const profile of files.profiles.values()) {
    if (profile.kind !== 'assume-role' || (profile.durationSeconds ?? 0) <= ROLE_CHAINING_MAX_SECONDS)
      continue;
    const chain = files.chain(profile.name);
    if (!chain.chained) continue;
    if (files.inCredentials(profile.name, 'duration_seconds')) {
      found.left.push({ profile: profile.name, what: inCredentialsWords('duration_seconds', profile.name) });
      continue;
    }
    const setting = files.configSetting(profile.name, 'duration_seconds');
    if (!setting) continue;
    doc.replace(
      setting.line,
      withValue(doc.at(setting.line), setting.value, String(ROLE_CHAINING_MAX_SECONDS)),
    );
    found.fixed.push({
      profile: profile.name,
      line: doc.fileLine(setting.line),
      what: `duration_seconds ${setting.value} → ${ROLE_CHAINING_MAX_SECONDS}: ${profile.name} is reached by role chaining (${chain.visited.join(' → ')}), which AWS caps at one hour, so the assume failed.`,
    });
  }
  return found;
}
