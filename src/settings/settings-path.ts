// Where settings.json lives.
import envPaths from 'env-paths';

export const SETTINGS_FILE_NAME = 'settings.json';

/** ROLECALL_CONFIG_DIR, else the platform's config directory (~/.config/rolecall on Linux). */
export function settingsDir(env: NodeJS.ProcessEnv): string {
  return env.ROLECALL_CONFIG_DIR || envPaths('rolecall', { suffix: '' }).config;
}
