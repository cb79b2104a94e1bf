// The user's settings: a conf store with a schema, migrations and mode 0600, that never crashes
// the app and never drops a file silently. A file rolecall cannot read is moved aside to a
// .bak and defaults are used; the person is told through `onNotice` (and `notices`).
import { chmodSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Conf, { type Options } from 'conf';
import { ACCOUNT_ID, EXTERNAL_ID, ROLE_ARN } from '../aws/identifiers';
import { SETTINGS_MIGRATIONS, SETTINGS_VERSION } from './migrations';
import { SETTINGS_FILE_NAME, settingsDir } from './settings-path';

export { SETTINGS_FILE_NAME, settingsDir };

import {
  type AccountLabel,
  DEFAULT_SETTINGS,
  RECENTS_KEPT,
  SETTINGS_SCHEMA,
  type SettingsData,
} from './schema';

export interface OpenSettingsOptions {
  /** Directory that holds settings.json; defaults to ROLECALL_CONFIG_DIR, then the platform's. */
  dir?: string;
  env?: NodeJS.ProcessEnv;
}

export class Settings {
  /** Things the person should be told about how the file was read (a backup made, say). */
  readonly notices: string[] = [];
  readonly #listeners = new Set<(notice: string) => void>();
  readonly path: string;
  readonly #dir: string;
  #opened = false;
  #store: Conf<SettingsData> | undefined;
  /** Used when the file could not be opened at all; changes then last until exit. */
  #memory: SettingsData | undefined;

  /** Opening is deferred to the first use: checking the file against its schema takes ~40 ms. */
  constructor(options: OpenSettingsOptions = {}) {
    this.#dir = options.dir ?? settingsDir(options.env ?? process.env);
    this.path = join(this.#dir, SETTINGS_FILE_NAME);
  }

  /**
   * Calls `listener` with each notice from now on: a file can go bad while rolecall runs (edited
   * by hand), and its rescue must be told as loudly as one at start. Returns the unsubscribe.
   */
  onNotice(listener: (notice: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the file now (creating, migrating or rescuing it), so `notices` are known. */
  open(): this {
    if (!this.#opened) {
      this.#opened = true;
      this.#store = this.#open(this.#dir);
    }
    return this;
  }

  /** A snapshot of every setting. */
  read(): SettingsData {
    this.open();
    if (this.#memory) return structuredClone(this.#memory);
    try {
      return { ...DEFAULT_SETTINGS, ...this.#conf().store };
    } catch (error) {
      // The file went bad while we were running (edited by hand, say): same rescue as at start.
      this.#store = this.#recover(this.path, error);
      return this.read();
    }
  }

  /** Writes the given settings; a value the schema refuses throws before anything is written. */
  update(patch: Partial<SettingsData>): void {
    this.open();
    if (this.#memory) {
      this.#memory = { ...this.#memory, ...patch };
      return;
    }
    this.#conf().set(patch);
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

  rememberExternalId(roleArn: string, externalId: string): void {
    if (!ROLE_ARN.test(roleArn)) throw new Error(`"${roleArn}" is not an IAM role ARN.`);
    if (!EXTERNAL_ID.test(externalId)) {
      throw new Error('An external ID is 2 to 1224 letters, digits or + = , . @ : / _ - characters.');
    }
    this.update({ externalIds: { ...this.read().externalIds, [roleArn]: externalId } });
  }

  #conf(): Conf<SettingsData> {
    if (!this.#store) throw new Error('settings store is not open');
    return this.#store;
  }

  #open(dir: string): Conf<SettingsData> | undefined {
    try {
      const store = createStore(dir);
      store.store; // read once now, so a bad file is found at start and not mid-session
      return store;
    } catch (error) {
      return this.#recover(this.path, error);
    }
  }

  #recover(path: string, error: unknown): Conf<SettingsData> | undefined {
    const reason = describeReadError(error);
    const shown = tildify(path);
    if (!reason.movable || !existsSync(path)) {
      return this.#inMemory(`Settings could not be opened (${message(error)}).`);
    }
    const backup = freeBackupPath(path);
    try {
      renameSync(path, backup);
    } catch (moveError) {
      return this.#inMemory(
        `Settings file ${shown} ${reason.text}, and moving it aside failed: ${message(moveError)}.`,
      );
    }
    const moved = `Settings file ${shown} ${reason.text}; it is now ${basename(backup)}`;
    try {
      const store = createStore(dirname(path));
      this.#say(`${moved} and defaults are in use.`);
      return store;
    } catch (createError) {
      return this.#inMemory(`${moved}, but a new one could not be made (${message(createError)}).`);
    }
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
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const store = new Conf<SettingsData>({
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

function describeReadError(error: unknown): { movable: boolean; text: string } {
  const text = message(error);
  if (error instanceof Error && error.name === 'SyntaxError')
    return { movable: true, text: 'was not valid JSON' };
  if (text.startsWith('Config schema violation:')) {
    return {
      movable: true,
      text: `held values rolecall cannot use (${text.replace(/^Config schema violation: /, '')})`,
    };
  }
  if (text.startsWith('Something went wrong during the migration')) {
    return { movable: true, text: 'could not be upgraded to this version' };
  }
  return { movable: false, text };
}

/** settings.json.bak, or settings.json.1.bak and so on, so an earlier backup is never overwritten. */
function freeBackupPath(path: string): string {
  let candidate = `${path}.bak`;
  for (let n = 1; existsSync(candidate); n++) candidate = `${path}.${n}.bak`;
  return candidate;
}

/** ~/.config/rolecall/settings.json rather than /home/someone/.config/…: shorter, and no username. */
function tildify(path: string): string {
  const home = homedir();
  return home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function assertAccountOrRole(id: string): void {
  if (!ACCOUNT_ID.test(id) && !ROLE_ARN.test(id)) {
    throw new Error(`"${id}" is neither a 12-digit account ID nor an IAM role ARN.`);
  }
}
