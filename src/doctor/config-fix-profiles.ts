// The profiles of a config text (as `doctor --fix` has edited it so far) and the credentials
// file's text, merged as load.ts merges the files (the SDK's way: key by key, the credentials
// file winning each key), and where each key of a profile comes from: a fix may change only a
// line of the config file, and only where the credentials file does not override that key.
import type { ProfileChain } from '../profiles/chain';
import { resolveChain } from '../profiles/chain';
import { type IniFile, type IniSection, type IniSetting, parseIniLines } from '../profiles/ini';
import { sdkProfiles } from '../profiles/load';
import { classifyProfile, type Profile } from '../profiles/profile';

export interface FixProfiles {
  profiles: Map<string, Profile>;
  config: IniFile;
  /** The last config line that sets `key` for `profile`, when the credentials file does not set it too. */
  configSetting(profile: string, key: string): IniSetting | undefined;
  /** The credentials file sets `key` for `profile` (and so wins over the config file). */
  inCredentials(profile: string, key: string): boolean;
  /** Every config line that sets `key` for `profile` (more than one: given twice). */
  configSettings(profile: string, key: string): IniSetting[];
  chain(profile: string): ProfileChain;
}

export function fixProfiles(configText: string, credentialsText: string): FixProfiles {
  const config = parseIniLines(configText);
  const credentials = parseIniLines(credentialsText);
  const merged = new Map<string, { keys: Record<string, string>; definedIn: Profile['definedIn'] }>();
  for (const [ini, file] of [
    [config, 'config'],
    [credentials, 'credentials'],
  ] as const) {
    for (const [name, keys] of sdkProfiles(ini, file)) {
      const existing = merged.get(name);
      merged.set(
        name,
        existing
          ? { keys: { ...existing.keys, ...keys }, definedIn: [...existing.definedIn, file] }
          : { keys, definedIn: [file] },
      );
    }
  }
  const profiles = new Map<string, Profile>();
  for (const [name, { keys, definedIn }] of merged)
    profiles.set(name, classifyProfile(name, keys, definedIn));

  const configSection = (profile: string): IniSection | undefined => {
    // [profile default] replaces [default] whole when it has a setting (load.ts sdkProfiles).
    if (profile === 'default') {
      const named = config.sections.get('profile.default');
      return named?.settings.length ? named : config.sections.get('default');
    }
    return config.sections.get(`profile.${profile}`);
  };
  const inCredentials = (profile: string, key: string) =>
    credentials.protoLine === undefined &&
    (credentials.sections.get(profile)?.settings.some((s) => s.key === key) ?? false);
  const configSettings = (profile: string, key: string) =>
    configSection(profile)?.settings.filter((s) => s.key === key) ?? [];
  return {
    profiles,
    config,
    configSettings,
    inCredentials,
    configSetting: (profile, key) =>
      inCredentials(profile, key) ? undefined : configSettings(profile, key).at(-1),
    chain: (profile) => resolveChain({ profiles }, profile),
  };
}
