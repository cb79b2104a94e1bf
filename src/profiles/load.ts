// Reading ~/.aws/config and ~/.aws/credentials as the AWS SDK for JavaScript reads them
// (ini.ts follows @smithy/core's parser line by line), so rolecall sees exactly the profiles the
// SDK and rolecall's own AWS calls will, and knows which lines fed each one. Files are merged key
// by key, the credentials file winning each key, as the SDK does (aws-reference.md section 1).
// A missing file is an empty one; nothing here throws. What the SDK's reading does that a person
// would not expect is a finding (file-findings.ts); where it may have changed what a profile
// does, the profile is refused, and says why.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import { refusedThrough } from './chain';
import { type FileFinding, type FileRead, fileFindings, profileOfSection } from './file-findings';
import { type IniFile, parseIniInSteps, valuesOf } from './ini';
import { classifyProfile, type Profile } from './profile';
import type { ProfileFiles, ProfileSet } from './profile-set';
import { timeSlices } from './time-slices';

export type { FileFinding } from './file-findings';

export function profileFiles(env: NodeJS.ProcessEnv): ProfileFiles {
  const home = homeOf(env);
  const expand = (path: string) => (path.startsWith('~/') ? join(home, path.slice(2)) : path);
  return {
    configFile: expand(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')),
  };
}

/** The home the SDK finds the files in (@smithy/core getHomeDir), from `env`, not process.env. */
function homeOf(env: NodeJS.ProcessEnv): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? `C:${sep}`}${env.HOMEPATH}`;
  return homedir();
}

/** How far a read has got: sections (profiles, mostly) read of those the files hold. */
export interface LoadProgress {
  done: number;
  total: number;
}

export interface LoadOptions {
  /** Where AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and AWS_PROFILE are read from. */
  env: NodeJS.ProcessEnv;
  /** Told as the reading goes on, a few times for a file of thousands of profiles. */
  onProgress?: (progress: LoadProgress) => void;
}

/**
 * The profiles of the AWS files. The reading lets the event loop run every few milliseconds
 * (time-slices.ts), so an interface stays answering keys while it reads 50,000 profiles.
 */
export async function loadProfiles(options: LoadOptions): Promise<ProfileSet> {
  const { env } = options;
  const files = profileFiles(env);
  const unreadable: ProfileSet['unreadable'] = [];
  const slices = timeSlices();
  const texts = await Promise.all([
    readText(files.configFile, 'config', env.AWS_CONFIG_FILE ? 'AWS_CONFIG_FILE' : undefined),
    readText(
      files.credentialsFile,
      'credentials',
      env.AWS_SHARED_CREDENTIALS_FILE ? 'AWS_SHARED_CREDENTIALS_FILE' : undefined,
    ),
  ]);
  const total = texts.reduce((sum, read) => sum + headerCount(read.text), 0);
  let before = 0;
  const reads: FileRead[] = [];
  for (const read of texts) {
    const steps = parseIniInSteps(read.text ?? '');
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        reads.push({ ...read, ini: step.value });
        before += step.value.headers.length;
        break;
      }
      options.onProgress?.({ done: before + step.value.headers, total });
      await slices.pause();
    }
  }
  const [config, credentials] = reads as [FileRead, FileRead];
  for (const read of [config, credentials]) {
    if (read.unreadable) unreadable.push({ file: read.path, reason: read.unreadable });
  }

  const merged = new Map<string, { keys: Record<string, string>; definedIn: Profile['definedIn'] }>();
  const selected = env.AWS_PROFILE || 'default';
  const selectedKeys: Array<Record<string, string>> = [];
  let merging = 0;
  for (const read of [config, credentials]) {
    for (const [name, keys] of sdkProfileEntries(read.ini, read.file)) {
      if (++merging % 256 === 0) await slices.pause();
      if (name === selected) selectedKeys.unshift(keys);
      const existing = merged.get(name);
      merged.set(
        name,
        existing
          ? { keys: { ...existing.keys, ...keys }, definedIn: [...existing.definedIn, read.file] }
          : { keys, definedIn: [read.file] },
      );
    }
  }

  await slices.pause();
  const findings = [...fileFindings(config)];
  await slices.pause();
  findings.push(...fileFindings(credentials));
  const refusals = new Map<string, FileFinding>();
  const everyProfile = findings.find((f) => f.refusesAll);
  for (const finding of findings) {
    for (const name of finding.refuses) if (!refusals.has(name)) refusals.set(name, finding);
  }

  const profiles = new Map<string, Profile>();
  await slices.pause();
  const names = [...merged.keys()].sort(byName);
  let classified = 0;
  for (const name of names) {
    if (++classified % 256 === 0) await slices.pause();
    const { keys, definedIn } = merged.get(name) as {
      keys: Record<string, string>;
      definedIn: Profile['definedIn'];
    };
    const profile = classifyProfile(name, keys, definedIn);
    // The line of the setting a problem is in: the credentials file's, when it wins the key.
    if (profile.problemKey) {
      const at =
        settingLine(credentials, name, profile.problemKey) ?? settingLine(config, name, profile.problemKey);
      if (at) {
        profile.problem = `${profile.problem} (line ${at.line} of ${at.path})`;
        profile.problemAt = { file: at.file, line: at.line };
      }
    }
    const refusal = refusals.get(name) ?? everyProfile;
    profiles.set(
      name,
      refusal ? { ...profile, refusal: { problem: refusal.problem, fix: refusal.fix } } : profile,
    );
  }

  // A profile whose source_profile chain goes through a refused one is refused with it, so a
  // roles screen says so on its row (the chain, not the row's own lines, is what changed).
  if (refusals.size > 0 || everyProfile) {
    for (const [name, refused] of refusedThrough({ profiles })) {
      const profile = profiles.get(name) as Profile;
      const root = profiles.get(refused)?.refusal as NonNullable<Profile['refusal']>;
      profiles.set(name, {
        ...profile,
        refusal: {
          problem: `Its source_profile chain goes through ${refused}, which rolecall refuses: ${root.problem}`,
          fix: root.fix,
          through: refused,
        },
      });
    }
  }

  return {
    files,
    profiles,
    selected,
    clientKeys: { selected: Object.assign({}, ...selectedKeys), services: sectionsNamed('services', config) },
    ssoSessions: sectionsNamed('sso-session', config),
    ssoKeys(name) {
      const keys = merged.get(name)?.keys;
      if (!keys) return undefined;
      return Object.fromEntries(Object.entries(keys).filter(([key]) => key.startsWith('sso_')));
    },
    fileFindings: findings,
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

/**
 * The profiles of one file as loadSharedConfigFiles gives them: sections with at least one
 * setting, [profile x] as x in the config file, where [profile default] replaces [default] whole
 * wherever each stands (getConfigData); nothing at all when the parse threw.
 */
export function sdkProfiles(
  ini: IniFile,
  file: 'config' | 'credentials',
): Map<string, Record<string, string>> {
  return new Map(sdkProfileEntries(ini, file));
}

/** sdkProfiles one at a time, for a reader that lets the event loop run between them. */
function* sdkProfileEntries(
  ini: IniFile,
  file: 'config' | 'credentials',
): Generator<[string, Record<string, string>]> {
  if (ini.protoLine !== undefined) return;
  const profileDefault = file === 'config' && (ini.sections.get('profile.default')?.settings.length ?? 0) > 0;
  for (const section of ini.sections.values()) {
    const name = profileOfSection(section.name, file);
    if (name === undefined || section.settings.length === 0) continue;
    if (profileDefault && section.name === 'default') continue;
    yield [name, valuesOf(section)];
  }
}

/** The config file's [services x] or [sso-session x] sections, by name, as the SDK's map holds them; none when it read the file as empty. */
function sectionsNamed(
  type: 'services' | 'sso-session',
  read: FileRead,
): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  if (read.ini.protoLine !== undefined) return sections;
  for (const section of read.ini.sections.values()) {
    if (section.name.startsWith(`${type}.`) && section.settings.length > 0)
      sections.set(section.name.slice(type.length + 1), valuesOf(section));
  }
  return sections;
}

/** The line that set `key` for `profile` in a file (the last, which the SDK takes). */
function settingLine(
  read: FileRead,
  profile: string,
  key: string,
): { file: FileRead['file']; path: string; line: number } | undefined {
  const section =
    read.file === 'credentials'
      ? read.ini.sections.get(profile)
      : profile === 'default' && !(read.ini.sections.get('profile.default')?.settings.length ?? 0)
        ? read.ini.sections.get('default')
        : read.ini.sections.get(`profile.${profile}`);
  const setting = section?.settings.findLast((s) => s.key === key);
  return setting ? { file: read.file, path: read.path, line: setting.line } : undefined;
}

/** Plain code-unit order: as stable as localeCompare for the names a config holds, and far cheaper. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The file as the SDK reads it (fs.readFile with "utf8": bytes that are not UTF-8 become U+FFFD),
 * with what rolecall must know besides: that it could not be read, or is not UTF-8 text.
 */
async function readText(
  path: string,
  file: 'config' | 'credentials',
  variable: string | undefined,
): Promise<Omit<FileRead, 'ini'>> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => error);
  if (bytes instanceof Error) {
    const code = (bytes as NodeJS.ErrnoException).code;
    const read = { path, file, ...(variable ? { variable } : {}) };
    return code === 'ENOENT' ? read : { ...read, unreadable: code ?? bytes.message };
  }
  const text = bytes.toString('utf8');
  const nul = bytes.indexOf(0);
  let encoding: FileRead['encoding'] = 'utf8';
  if (nul !== -1) encoding = { binaryAtLine: lineAt(bytes, nul) };
  // Only bytes that are not UTF-8, or a U+FFFD written as such, decode to U+FFFD: tell them apart.
  else if (text.includes('\uFFFD')) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      encoding = 'not-utf8';
    }
  }
  return { path, file, ...(variable ? { variable } : {}), text, encoding };
}

/** About how many sections a file holds (lines that start with "["): the progress's whole. */
function headerCount(text: string | undefined): number {
  if (!text) return 0;
  let count = text.startsWith('[') ? 1 : 0;
  for (let at = text.indexOf('\n['); at !== -1; at = text.indexOf('\n[', at + 2)) count++;
  return count;
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}
