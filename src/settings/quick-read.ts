// Settings for a one-shot command (`rolecall env`), read without conf: conf compiles its JSON
// schema with ajv on open (~40 ms), a third of such a command's time. A file that is missing
// gives the defaults; one that does not read cleanly goes through the full Settings, which
// moves it aside and says so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EDITABLE_SETTINGS } from './fields';
import { DEFAULT_SETTINGS, type SettingsData } from './schema';
import { SETTINGS_FILE_NAME, settingsDir } from './settings-path';

export type CommandSettings = Pick<
  SettingsData,
  | 'defaultRegion'
  | 'defaultSessionSeconds'
  | 'sessionNameTemplate'
  | 'connectTimeoutSeconds'
  | 'requestTimeoutSeconds'
>;

export async function readSettingsForCommand(
  env: NodeJS.ProcessEnv,
): Promise<{ settings: CommandSettings; notices: string[] }> {
  let text: string;
  try {
    text = readFileSync(join(settingsDir(env), SETTINGS_FILE_NAME), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { settings: DEFAULT_SETTINGS, notices: [] };
    return fullRead(env);
  }
  try {
    const stored = { ...DEFAULT_SETTINGS, ...JSON.parse(text) } as SettingsData;
    // Each value must be one the settings screen would accept, as typed.
    const clean = EDITABLE_SETTINGS.filter((f) => f.key !== 'refreshLeadSeconds').every(
      (field) => field.parse(field.show(stored)).ok,
    );
    if (clean) return { settings: stored, notices: [] };
  } catch {
    // not JSON: the full read rescues it
  }
  return fullRead(env);
}

async function fullRead(env: NodeJS.ProcessEnv): Promise<{ settings: CommandSettings; notices: string[] }> {
  const { Settings } = await import('./settings');
  const settings = new Settings({ env }).open();
  return { settings: settings.read(), notices: settings.notices };
}
