// Where settings.json lives.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const SETTINGS_FILE_NAME = 'settings.json';

/**
 * ROLECALL_CONFIG_DIR, else the platform's config directory as env-paths 4 names it
 * (~/.config/rolecall on Linux, under XDG_CONFIG_HOME when that is set), read from `env`: the
 * env-paths package would read process.env itself.
 */
export function settingsDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.ROLECALL_CONFIG_DIR) return env.ROLECALL_CONFIG_DIR;
  // os.homedir() is HOME when set, on every POSIX system.
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', 'rolecall');
  if (platform === 'win32')
    return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'rolecall', 'Config');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'rolecall');
}

/**
 * rolecall on its own sandbox (`--sandbox`, the walkthrough's practice) keeps its settings here,
 * beside the person's: the sandbox's example accounts' aliases, labels, recents and favourites
 * are not theirs, and must never be shown among their real accounts.
 */
export const SANDBOX_SETTINGS_DIR_NAME = 'sandbox';

export function sandboxSettingsDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  return join(settingsDir(env, platform), SANDBOX_SETTINGS_DIR_NAME);
}

/** A path as a person would type it in messages: ~/… under the home directory. */
export function tildify(path: string): string {
  const home = homedir();
  return home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
