// Where settings.json lives.
import { homedir } from 'node:os';
import envPaths from 'env-paths';

export const SETTINGS_FILE_NAME = 'settings.json';

/** ROLECALL_CONFIG_DIR, else the platform's config directory (~/.config/rolecall on Linux). */
export function settingsDir(env: NodeJS.ProcessEnv): string {
  return env.ROLECALL_CONFIG_DIR || envPaths('rolecall', { suffix: '' }).config;
}

/** A path as a person would type it in messages: ~/… under the home directory. */
export function tildify(path: string): string {
  const home = homedir();
  return home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
