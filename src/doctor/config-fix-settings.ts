// `doctor --fix`'s fixes to settings whose meaning is certain, each checked against how the SDKs
// read a profile (aws-reference.md section 1):
// - source_profile naming no profile, where exactly one profile was meant ("profile dev", a
//   quoted "dev", or Dev where only dev exists: the SDKs match names exactly);
// - duration_seconds above 3600 on a role reached by role chaining, which AWS caps at one hour
//   (the JS SDK always sends duration_seconds, so the assume fails).
// Only lines of the config file change, and only a key the credentials file does not set too
// (it would win); ~/.aws/credentials is never rewritten. mfa_serial on a profile with static
// keys is not certain, so it is only said (mfaSerialsOnKeys).
import { ROLE_CHAINING_MAX_SECONDS } from '../aws-shapes/session-limits';
import { mfaSerialOnKeysWords } from '../profiles/lint';
import type { FixesFound } from './config-fix';
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

/**
 * mfa_serial on a profile with static keys is not moved: a role whose trust policy does not ask
 * for MFA would start asking for a code (a script under --fix --yes would break), and aws-vault
 * reads it where it is. Left, naming the role profiles that would need it (lint.ts's words).
 */
export function mfaSerialsOnKeys(doc: ConfigLines, files: FixProfiles): FixesFound {
  const found: FixesFound = { fixed: [], left: [] };
  for (const source of files.profiles.values()) {
    if (source.kind !== 'static' || source.mfaSerial === undefined) continue;
    const setting = files.configSettings(source.name, 'mfa_serial').at(-1);
    const { fix } = mfaSerialOnKeysWords(files, source.name, source.mfaSerial);
    found.left.push({
      profile: source.name,
      ...(setting && !files.inCredentials(source.name, 'mfa_serial')
        ? { line: doc.fileLine(setting.line) }
        : {}),
      what: `mfa_serial is not moved for you: which roles need it depends on each role's trust policy. ${fix}`,
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
