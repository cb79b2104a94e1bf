import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('never write the file: one that is broken or holds a value rolecall cannot use gives defaults and one line', async () => {
    for (const [content, notice] of [
      ['{ not json', /^Settings file \S+ was not valid JSON \(line 1\); the default settings are used\.$/],
      [
        JSON.stringify({ defaultRegion: 'Mars', defaultSessionSeconds: 7200 }),
        /^Settings file \S+: defaultRegion is "Mars"; expected a region name such as us-east-1; the default is used for it\.$/,
      ],
      ['null', /^Settings file \S+ held null, not the object of settings rolecall writes/],
    ] as const) {
      const dir = tempConfigDir();
      writeFileSync(join(dir, 'settings.json'), content);
      const { settings, notices } = await readSettingsForCommand({ ROLECALL_CONFIG_DIR: dir });
      expect(settings.defaultRegion).toBe('us-east-1');
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(notice);
      expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(content);
      expect(readdirSync(dir)).toEqual(['settings.json']);
    }
  });

  it('use the good values of a file with a bad one', async () => {
    const dir = tempConfigDir();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ defaultRegion: 'eu-west-2', defaultSessionSeconds: 'abc' }),
    );
    const { settings, notices } = await readSettingsForCommand({ ROLECALL_CONFIG_DIR: dir });
    expect(settings).toMatchObject({ defaultRegion: 'eu-west-2', defaultSessionSeconds: 3600 });
    expect(notices).toEqual([
      `Settings file ${join(dir, 'settings.json')}: defaultSessionSeconds is "abc"; expected a number of seconds from 900 to 43200; the default is used for it.`,
    ]);
  });

  it('say nothing of a bad value the command does not use', async () => {
    const dir = tempConfigDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ favourites: 'all of them' }));
    expect((await readSettingsForCommand({ ROLECALL_CONFIG_DIR: dir })).notices).toEqual([]);
  });
});
