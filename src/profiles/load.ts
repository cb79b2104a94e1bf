// Reading ~/.aws/config and ~/.aws/credentials with the AWS SDK's own parser (@smithy/core's
// shared-ini-file-loader), so rolecall sees exactly the profiles the SDK and rolecall's own
// AWS calls will. Files are merged key by key, the credentials file winning each key, as the
// SDK does (aws-reference.md section 1). A missing file is an empty one; nothing here throws.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { classifyProfile, type Profile } from './profile';

export interface ProfileFiles {
  configFile: string;
  credentialsFile: string;
}

export interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ProfileSet {
  files: ProfileFiles;
  profiles: ReadonlyMap<string, Profile>;
  /** AWS_PROFILE, else "default" (the JS SDK never reads AWS_DEFAULT_PROFILE). */
  selected: string;
  /** Section names the JS SDK drops: a bare [x] in the config file, [profile x] in the credentials file. */
  ignoredSections: Array<{ file: 'config' | 'credentials'; section: string; name: string }>;
  /** Lines that look like a section header but are not one: the SDK drops them and the keys under them. */
  brokenHeaders: Array<{ file: 'config' | 'credentials'; line: number; text: string }>;
  /** A file that exists but could not be read. */
  unreadable: Array<{ file: string; reason: string }>;
  /** The keys of a profile with static keys; read only when credentials are needed. */
  staticKeys(name: string): StaticKeys | undefined;
}

export function profileFiles(env: NodeJS.ProcessEnv = process.env): ProfileFiles {
  const expand = (path: string) => (path.startsWith('~/') ? join(homedir(), path.slice(2)) : path);
  return {
    configFile: expand(env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials')),
  };
}

export async function loadProfiles(
  options: { env?: NodeJS.ProcessEnv; ignoreCache?: boolean } = {},
): Promise<ProfileSet> {
  const env = options.env ?? process.env;
  const files = profileFiles(env);
  const unreadable: ProfileSet['unreadable'] = [];
  const [configText, credentialsText] = await Promise.all(
    [files.configFile, files.credentialsFile].map((file) =>
      readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') unreadable.push({ file, reason: error.code ?? error.message });
        return '';
      }),
    ),
  );
  // The SDK caches reads per path; after rolecall writes a file (or on refresh) ignoreCache rereads.
  const parsed = await loadSharedConfigFiles({
    configFilepath: files.configFile,
    filepath: files.credentialsFile,
    ignoreCache: options.ignoreCache ?? true,
  }).catch(() => ({ configFile: {}, credentialsFile: {} }));

  const configProfiles = Object.entries(parsed.configFile).filter(
    ([name]) => !/^(sso-session|services)\./.test(name),
  );
  const credentialProfiles = Object.entries(parsed.credentialsFile).filter(
    ([name]) => !name.startsWith('profile.'),
  );
  const merged = new Map<string, { keys: Record<string, string>; definedIn: Profile['definedIn'] }>();
  for (const [name, keys] of configProfiles) merged.set(name, { keys: defined(keys), definedIn: ['config'] });
  for (const [name, keys] of credentialProfiles) {
    const existing = merged.get(name);
    merged.set(name, {
      keys: { ...existing?.keys, ...defined(keys) },
      definedIn: existing ? [...existing.definedIn, 'credentials'] : ['credentials'],
    });
  }

  const profiles = new Map<string, Profile>();
  for (const [name, { keys, definedIn }] of [...merged].sort(([a], [b]) => a.localeCompare(b))) {
    profiles.set(name, classifyProfile(name, keys, definedIn));
  }

  return {
    files,
    profiles,
    selected: env.AWS_PROFILE || 'default',
    ignoredSections: [
      ...bareConfigSections(configText ?? ''),
      ...prefixedCredentialSections(credentialsText ?? ''),
    ],
    brokenHeaders: [
      ...brokenHeaders(configText ?? '', 'config'),
      ...brokenHeaders(credentialsText ?? '', 'credentials'),
    ],
    unreadable,
    staticKeys(name) {
      const keys = merged.get(name)?.keys;
      if (!keys?.aws_access_key_id || !keys.aws_secret_access_key) return undefined;
      return {
        accessKeyId: keys.aws_access_key_id,
        secretAccessKey: keys.aws_secret_access_key,
        ...(keys.aws_session_token ? { sessionToken: keys.aws_session_token } : {}),
      };
    },
  };
}

/** The parser's values, without the keys it left undefined. */
function defined(keys: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(keys).filter((e): e is [string, string] => e[1] !== undefined));
}

const SECTION = /^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/gm;

/** [x] in the config file, which the JS SDK drops (only [default] and [profile x] are profiles). */
function bareConfigSections(text: string): ProfileSet['ignoredSections'] {
  return [...text.matchAll(SECTION)]
    .map((m) => (m[1] ?? '').trim())
    .filter((section) => section !== 'default' && !/^(profile|sso-session|services)\s/.test(section))
    .map((section) => ({ file: 'config' as const, section: `[${section}]`, name: section }));
}

/** [profile x] in the credentials file, which the SDK reads as a profile named "profile x". */
function prefixedCredentialSections(text: string): ProfileSet['ignoredSections'] {
  return [...text.matchAll(SECTION)]
    .map((m) => (m[1] ?? '').trim())
    .filter((section) => /^profile\s/.test(section))
    .map((section) => ({
      file: 'credentials' as const,
      section: `[${section}]`,
      name: section.replace(/^profile\s+/, ''),
    }));
}

/** "[profile a" with no "]": not a section to the SDK, so it and the keys after it are dropped. */
function brokenHeaders(text: string, file: 'config' | 'credentials'): ProfileSet['brokenHeaders'] {
  return text
    .split(/\r?\n/)
    .map((line, index) => ({ file, line: index + 1, text: line.trim() }))
    .filter(({ text: line }) => line.startsWith('[') && !/^\[[^\]]+\]\s*(?:[#;].*)?$/.test(line));
}
