// The user's settings: a conf store with a schema, migrations and mode 0600, that never crashes
// the app and never drops a file silently. A file rolecall cannot use is moved aside whole, as the
// user's own bytes with their mode (settings.json.bak), before conf reads or writes it, and
// defaults are used; the person is told through `onNotice` (and `notices`), with the field and
// the value at fault. Only the interface opens this store: one-shot commands read the file with
// quick-read.ts and never write it. Over 300 lines as one file: the store, its rescue and its
// notices share one conf instance and the moment it is opened.
//
// conf itself (with ajv, about 380 KB of modules) is loaded after the interface's first frame
// (`prepare`): until it is in, reads answer from the file with the same check quick-read.ts uses,
// and writes are checked against the schema the same way, kept, and written when it opens.
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { default as Conf, Options } from 'conf';
import { ACCOUNT_ID, ROLE_ARN } from '../aws-shapes/arn';
import { EXTERNAL_ID } from '../aws-shapes/request-fields';
import { checkSettingsText, describeProblems, valueProblem } from './file-check';
import { SETTINGS_MIGRATIONS, SETTINGS_VERSION } from './migrations';
import { SETTINGS_FILE_NAME, sandboxSettingsDir, settingsDir, tildify } from './settings-path';

export { SETTINGS_FILE_NAME, settingsDir };

import {
  type AccountLabel,
  DEFAULT_SETTINGS,
  RECENTS_KEPT,
  SETTINGS_SCHEMA,
  type SettingsData,
  type TourProgress,
} from './schema';

/**
 * The directory that holds settings.json, or the environment it is found from (ROLECALL_CONFIG_DIR,
 * else the platform's: XDG_CONFIG_HOME and HOME on Linux). `sandbox`: the settings of rolecall on
 * its own sandbox, in their own directory beside the person's (settings-path.ts says why).
 */
/** conf's class, once loaded; until then every Settings answers from the file (see `prepare`). */
let ConfClass: typeof Conf | undefined;
let confLoading: Promise<void> | undefined;

/**
 * Loads conf, once per process: the interface does so just after its first frame. Settings made
 * before or after it use it from then on.
 */
export function settingsReady(): Promise<void> {
  confLoading ??= import('conf').then((loaded) => {
    ConfClass = loaded.default;
  });
  return confLoading;
}

export type OpenSettingsOptions = { dir: string } | { env: NodeJS.ProcessEnv; sandbox?: boolean };

export class Settings {
  /** Things the person should be told about how the file was read (a backup made, say). */
  readonly notices: string[] = [];
  readonly #listeners = new Set<(notice: string) => void>();
  readonly path: string;
  readonly #dir: string;
  /** Whether the directory is ROLECALL_CONFIG_DIR's, so that a message about it can say so. */
  readonly #dirFromEnv: boolean;
  /** The person's own settings file, when these are the sandbox's: first start is theirs to decide. */
  readonly #realPath: string | undefined;
  #opened = false;
  #firstStart = false;
  #store: Conf<SettingsData> | undefined;
  /** The file as it was when last found usable (see fileStamp). */
  #checkedStamp: string | undefined;
  /** Used when the file could not be opened at all; changes then last until exit. */
  #memory: SettingsData | undefined;
  /** Writes made before conf was in: read back at once, written to the file when it opens. */
  #pending: Partial<SettingsData> | undefined;
  /** The file's values as read before conf was in, and the file they were read from. */
  #early: { stamp: string | undefined; values: SettingsData } | undefined;

  /** Opening is deferred to the first use: checking the file against its schema takes ~40 ms. */
  constructor(options: OpenSettingsOptions) {
    const sandbox = 'env' in options && options.sandbox === true;
    this.#dir =
      'dir' in options ? options.dir : sandbox ? sandboxSettingsDir(options.env) : settingsDir(options.env);
    this.#dirFromEnv = 'env' in options && Boolean(options.env.ROLECALL_CONFIG_DIR);
    this.path = join(this.#dir, SETTINGS_FILE_NAME);
    this.#realPath =
      'env' in options && sandbox ? join(settingsDir(options.env), SETTINGS_FILE_NAME) : undefined;
  }

  /**
   * Calls `listener` with each notice from now on: a file can go bad while rolecall runs (edited
   * by hand), and its rescue must be told as loudly as one at start. Returns the unsubscribe.
   */
  onNotice(listener: (notice: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Whether there was no settings file when it was opened: rolecall's very first start here, on
   * which the walkthrough opens by itself. For the sandbox's settings, only when the person's own
   * file was not there either: someone who has used rolecall is not new to it on its sandbox.
   */
  get firstStart(): boolean {
    if (this.#beforeConf()) return this.#noFileYet();
    this.open();
    return this.#firstStart;
  }

  /** Loads conf, which `open` needs; the interface awaits it after its first frame. */
  prepare(): Promise<void> {
    return settingsReady();
  }

  /**
   * Reads the file now (creating, migrating or rescuing it), so `notices` are known, and writes
   * what was changed before conf was in. Only once `prepare` has resolved.
   */
  open(): this {
    if (!this.#opened) {
      if (!ConfClass) throw new Error('Settings are opened once conf is loaded: await prepare() first.');
      this.#opened = true;
      this.#store = this.#open();
      this.#writePending();
    }
    return this;
  }

  /** A snapshot of every setting. */
  read(): SettingsData {
    if (this.#beforeConf()) return this.#readEarly();
    let store = this.#current();
    // Bounded: a file that goes bad again between the rescue and the read is left to the next one.
    for (let attempt = 0; store && attempt < 2; attempt++) {
      try {
        return { ...DEFAULT_SETTINGS, ...store.store };
      } catch (error) {
        store = this.#store = this.#afterConfError(error);
      }
    }
    return structuredClone(this.#memory ?? DEFAULT_SETTINGS);
  }

  /** Writes the given settings; a value the schema refuses throws before anything is written. */
  update(patch: Partial<SettingsData>): void {
    if (this.#beforeConf()) {
      this.#keepEarly(patch);
      return;
    }
    const store = this.#current();
    if (!store) {
      this.#memory = { ...(this.#memory ?? DEFAULT_SETTINGS), ...patch };
      return;
    }
    store.set(patch);
  }

  /** Stars or un-stars an account ID or role ARN; returns whether it is now a favourite. */
  toggleFavourite(id: string): boolean {
    assertAccountOrRole(id);
    const favourites = this.read().favourites;
    const starred = !favourites.includes(id);
    this.update({ favourites: starred ? [...favourites, id] : favourites.filter((f) => f !== id) });
    return starred;
  }

  /** Puts an account ID or role ARN first in the recents list. */
  noteRecent(id: string): void {
    assertAccountOrRole(id);
    const recents = [id, ...this.read().recents.filter((r) => r !== id)].slice(0, RECENTS_KEPT);
    this.update({ recents });
  }

  labelAccount(accountId: string, label: AccountLabel): void {
    if (!ACCOUNT_ID.test(accountId)) throw new Error(`"${accountId}" is not a 12-digit AWS account ID.`);
    const accounts = { ...this.read().accounts };
    const cleaned: AccountLabel = {};
    if (label.label?.trim()) cleaned.label = label.label.trim();
    if (label.colour) cleaned.colour = label.colour;
    if (Object.keys(cleaned).length === 0) delete accounts[accountId];
    else accounts[accountId] = cleaned;
    this.update({ accounts });
  }

  /** Where the walkthrough was left. */
  tourProgress(): TourProgress {
    return this.read().tour;
  }

  /** Keeps where the walkthrough is, replacing what was kept; a value the schema refuses throws. */
  saveTourProgress(progress: TourProgress): void {
    this.update({ tour: progress });
  }

  rememberExternalId(roleArn: string, externalId: string): void {
    if (!ROLE_ARN.test(roleArn)) throw new Error(`"${roleArn}" is not an IAM role ARN.`);
    if (!EXTERNAL_ID.test(externalId)) {
      throw new Error('An external ID is 2 to 1224 letters, digits or + = , . @ : / _ - characters.');
    }
    this.update({ externalIds: { ...this.read().externalIds, [roleArn]: externalId } });
  }

  /** Whether conf is not in yet, so the file is read (and writes kept) without it. */
  #beforeConf(): boolean {
    return !this.#opened && !ConfClass;
  }

  /** Whether no settings file is there, nor (for the sandbox's) the person's own: see firstStart. */
  #noFileYet(): boolean {
    return !existsSync(this.path) && !(this.#realPath && existsSync(this.#realPath));
  }

  /**
   * The file's values, checked as quick-read.ts checks them, with the writes kept on top. A file
   * that cannot be used gives the defaults: conf's open moves it aside and says so.
   */
  #readEarly(): SettingsData {
    const stamp = fileStamp(this.path);
    if (!this.#early || this.#early.stamp !== stamp) this.#early = { stamp, values: this.#fileValues() };
    return structuredClone({ ...this.#early.values, ...this.#pending });
  }

  #fileValues(): SettingsData {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return DEFAULT_SETTINGS;
    }
    const check = checkSettingsText(text);
    if (check.kind !== 'object' || check.problems.length > 0) return DEFAULT_SETTINGS;
    // conf's own bookkeeping, which its store keeps out of sight too.
    const { __internal__: _internal, ...values } = check.values;
    return { ...DEFAULT_SETTINGS, ...(values as Partial<SettingsData>) };
  }

  /** A write before conf is in: refused as conf's schema would refuse it, else kept. */
  #keepEarly(patch: Partial<SettingsData>): void {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
        throw new TypeError(`Setting a value of type \`${typeof value}\` for key \`${key}\` is not allowed`);
      }
      const problem = valueProblem(key, value);
      if (problem) throw new Error(`Config schema violation: ${problem}`);
    }
    this.#pending = { ...this.#pending, ...structuredClone(patch) };
  }

  /** What was written before conf was in, into the store (or memory) it opened. */
  #writePending(): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (!pending) return;
    // Bounded: after a failed write the store is rescued or in memory, which takes any write.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        this.update(pending);
        return;
      } catch (error) {
        this.#store = this.#afterConfError(error);
      }
    }
  }

  /**
   * The store, after a look at the file as it is now: it can go bad while rolecall runs (edited
   * by hand), and conf reads `null` or `[]` as an empty store that its next write replaces.
   */
  #current(): Conf<SettingsData> | undefined {
    this.open();
    if (this.#memory) return undefined;
    // Checked again only when the file changed: read() runs on many keystrokes.
    const stamp = fileStamp(this.path);
    if (stamp !== this.#checkedStamp) {
      const problem = this.#problem();
      if (problem) this.#store = this.#rescue(problem);
      this.#checkedStamp = problem ? undefined : stamp;
    }
    return this.#store;
  }

  #open(): Conf<SettingsData> | undefined {
    // Before conf writes its defaults: a file that is not there yet means rolecall never ran here.
    this.#firstStart = this.#noFileYet();
    const problem = this.#problem();
    if (problem) return this.#rescue(problem);
    try {
      const store = createStore(this.#dir);
      store.store; // read once now, so a bad file is found at start and not mid-session
      return store;
    } catch (error) {
      return this.#afterConfError(error);
    }
  }

  /** Why the file, as it is now, cannot be used; undefined when it can (or is not there yet). */
  #problem(): { movable: boolean; reason: string } | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      if (code === 'EACCES' || code === 'EPERM') {
        const shown = tildify(this.path);
        return {
          movable: false,
          reason: `rolecall is not allowed to read ${shown}: check its owner and mode.`,
        };
      }
      return { movable: false, reason: this.#placeProblem(error) };
    }
    const check = checkSettingsText(bytes.toString('utf8'));
    if (check.kind === 'empty') return { movable: true, reason: 'was empty' };
    if (check.kind === 'unusable') return { movable: true, reason: check.reason };
    if (check.problems.length === 0) return undefined;
    return { movable: true, reason: `held values rolecall cannot use (${describeProblems(check.problems)})` };
  }

  /** The file moved aside as it is (the user's bytes and mode) and a new one made, or defaults in memory. */
  #rescue(problem: { movable: boolean; reason: string }): Conf<SettingsData> | undefined {
    if (!problem.movable) return this.#inMemory(problem.reason);
    const shown = tildify(this.path);
    let backup: string;
    try {
      backup = moveAside(this.path);
    } catch (moveError) {
      return this.#inMemory(
        `Settings file ${shown} ${problem.reason}, and moving it aside failed: ${this.#placeProblem(moveError)}`,
      );
    }
    const moved = `Settings file ${shown} ${problem.reason}; it is now ${basename(backup)}`;
    try {
      const store = createStore(this.#dir);
      this.#say(`${moved} and defaults are in use.`);
      return store;
    } catch (createError) {
      return this.#inMemory(`${moved}, but a new one could not be made: ${this.#placeProblem(createError)}`);
    }
  }

  /** conf failed on a file the check passed: it changed since, or the place cannot be written. */
  #afterConfError(error: unknown): Conf<SettingsData> | undefined {
    const problem = this.#problem();
    if (problem) return this.#rescue(problem);
    return this.#inMemory(this.#placeProblem(error));
  }

  /** A sentence on what is wrong with where settings live, and what to do; never `EEXIST: … mkdir`. */
  #placeProblem(error: unknown): string {
    const code = (error as NodeJS.ErrnoException)?.code;
    const dir = tildify(this.#dir);
    const named = this.#dirFromEnv ? `${dir} (ROLECALL_CONFIG_DIR)` : dir;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      const blocker = fileInTheWay(this.#dir);
      const what =
        blocker === undefined || blocker === this.#dir
          ? `The settings directory ${named} is a file, not a directory`
          : `${tildify(blocker)} is a file, where the settings directory ${named} should be`;
      return `${what}: move it away, or set ROLECALL_CONFIG_DIR to a directory rolecall may use.`;
    }
    if (code === 'EISDIR') return `The settings file ${tildify(this.path)} is a directory: move it away.`;
    if (code === 'EACCES' || code === 'EPERM') {
      return `rolecall is not allowed to use the settings directory ${named}: check its owner and mode, or set ROLECALL_CONFIG_DIR to a directory rolecall may use.`;
    }
    if (code === 'EROFS') return `The settings directory ${named} is on a read-only file system.`;
    if (code === 'ENOSPC') return `The disk that holds ${named} is full.`;
    return `Settings could not be opened (${code ?? message(error)}).`;
  }

  #inMemory(reason: string): undefined {
    this.#say(`${reason} Defaults are in use until rolecall exits.`);
    this.#memory = structuredClone(DEFAULT_SETTINGS);
    return undefined;
  }

  #say(notice: string): void {
    this.notices.push(notice);
    for (const listener of this.#listeners) listener(notice);
  }
}

function createStore(dir: string): Conf<SettingsData> {
  if (!ConfClass) throw new Error('conf is not loaded: await settingsReady() first.');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const store = new ConfClass<SettingsData>({
    projectName: 'rolecall',
    cwd: dir,
    configName: 'settings',
    schema: SETTINGS_SCHEMA,
    // conf's type also lists dotted keys (`accounts.<id>`); top-level defaults are all it needs.
    defaults: DEFAULT_SETTINGS as Options<SettingsData>['defaults'],
    projectVersion: SETTINGS_VERSION,
    migrations: SETTINGS_MIGRATIONS,
    configFileMode: 0o600,
    clearInvalidConfig: false,
  });
  // A file the user made by hand keeps its own mode until rolecall first writes it.
  if (existsSync(store.path)) chmodSync(store.path, 0o600);
  return store;
}

/**
 * Moves the file to settings.json.bak, or settings.json.1.bak and so on, never over an earlier
 * backup: a hard link where the file system has them (it fails rather than replace, and keeps
 * the very file, bytes and mode), else a rename to a name not taken.
 */
function moveAside(path: string): string {
  for (let n = 0; n < 1000; n++) {
    const backup = n === 0 ? `${path}.bak` : `${path}.${n}.bak`;
    try {
      linkSync(path, backup);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
      if (existsSync(backup)) continue;
      renameSync(path, backup);
      return backup;
    }
    unlinkSync(path);
    return backup;
  }
  throw new Error('there are a thousand backups of it already; remove some');
}

/** Which file, how long, last changed when: a file that changed has a new stamp. */
function fileStamp(path: string): string | undefined {
  try {
    const { ino, size, mtimeMs, ctimeMs } = statSync(path);
    return `${ino}:${size}:${mtimeMs}:${ctimeMs}`;
  } catch {
    return undefined;
  }
}

/** The nearest of `dir` and its parents that exists as something other than a directory. */
function fileInTheWay(dir: string): string | undefined {
  for (let path = dir; ; path = dirname(path)) {
    try {
      if (!statSync(path).isDirectory()) return path;
    } catch {
      // not there: look further up
    }
    if (dirname(path) === path) return undefined;
  }
}

/** ~/.config/rolecall/settings.json rather than /home/someone/.config/…: shorter, and no username. */
function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function assertAccountOrRole(id: string): void {
  if (!ACCOUNT_ID.test(id) && !ROLE_ARN.test(id)) {
    throw new Error(`"${id}" is neither a 12-digit account ID nor an IAM role ARN.`);
  }
}
