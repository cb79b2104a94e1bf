import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettingsForCommand } from '../../../src/settings/quick-read';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';
import { tempConfigDir } from '../../helpers/temp-dirs';

describe('settings for a one-shot command', () => {
  it('are the defaults when there is no file, and no file is made', async () => {
    const dir = tempConfigDir();
    expect(await readSettingsForCommand({ ROLECALL_CONFIG_DIR: dir })).toEqual({
      settings: DEFAULT_SETTINGS,
      notices: [],
    });
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });

  it('are read from a clean file', async () => {
    const dir = tempConfigDir();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ defaultRegion: 'eu-west-2', sessionNameTemplate: '{user}-cli' }),
    );
    const { settings, notices } = await readSettingsForCommand({ ROLECALL_CONFIG_DIR: dir });
    expect(settings).toMatchObject({
      defaultRegion: 'eu-west-2',
      sessionNameTemplate: '{user}-cli',
      defaultSessionSeconds: 3600,
    });
    expect(notices).toEqual([]);
  });

  it('go through the full rescue when the file is broken or holds a value rolecall cannot use', async () => {
    for (const content of ['{ not json', JSON.stringify({ defaultRegion: 'Mars' })]) {
      const dir = tempConfigDir();
      writeFileSync(join(dir, 'settings.json'), content);
      const { settings, notices } = await readSettingsForCommand({ ROLECALL_CONFIG_DIR: dir });
      expect(settings.defaultRegion).toBe('us-east-1');
      expect(notices.join(' ')).toMatch(/it is now settings\.json\.bak/);
      expect(existsSync(join(dir, 'settings.json.bak'))).toBe(true);
    }
  });
});
