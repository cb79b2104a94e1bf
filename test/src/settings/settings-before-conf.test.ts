// Settings before conf is in: the interface draws its first frame before loading conf (about
// 380 KB with ajv), and anything read or written in that time must be what the file says and
// what the person did. Each test gets a fresh copy of the module, in which conf is not loaded
// (test-setup.ts loads it in the copy every other test uses).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';
import { tempConfigDir } from '../../helpers/temp-dirs';

type SettingsModule = typeof import('../../../src/settings/settings');
let fresh: SettingsModule;

beforeEach(async () => {
  vi.resetModules();
  fresh = await import('../../../src/settings/settings');
});

const ROLE = 'arn:aws:iam::222222222222:role/Admin';

function written(dir: string, values: object): string {
  const path = join(dir, 'settings.json');
  writeFileSync(path, JSON.stringify(values));
  return path;
}

describe('settings before conf is loaded', () => {
  it('reads the file’s values, hand-written forms as conf’s migration will read them', () => {
    const dir = tempConfigDir();
    written(dir, { defaultRegion: 'EU-WEST-2', favourites: ['1111-2222-3333'], someFutureKey: 1 });
    const settings = new fresh.Settings({ dir });
    const read = settings.read();
    expect(read.defaultRegion).toBe('eu-west-2');
    expect(read.favourites).toEqual(['111122223333']);
    expect(read.defaultSessionSeconds).toBe(DEFAULT_SETTINGS.defaultSessionSeconds);
    expect(settings.firstStart).toBe(false);
    expect(() => settings.open()).toThrow(/prepare/);
  });

  it('reads the defaults from a file it cannot use, and leaves its rescue to the open', async () => {
    const dir = tempConfigDir();
    const path = written(dir, { defaultSessionSeconds: 'abc', defaultRegion: 'eu-west-2' });
    const settings = new fresh.Settings({ dir });
    expect(settings.read()).toEqual(DEFAULT_SETTINGS);
    expect(settings.notices).toEqual([]);
    expect(existsSync(`${path}.bak`)).toBe(false);
    await settings.prepare();
    settings.open();
    expect(settings.notices.join('\n')).toMatch(/defaultSessionSeconds is "abc"/);
    expect(existsSync(`${path}.bak`)).toBe(true);
  });

  it('reads a write back at once, and has it in the file after the open', async () => {
    const dir = tempConfigDir();
    const path = written(dir, { defaultRegion: 'eu-west-2', accounts: { '444444444444': { label: 'dev' } } });
    const settings = new fresh.Settings({ dir });
    settings.update({ defaultSessionSeconds: 7200 });
    settings.toggleFavourite(ROLE);
    settings.labelAccount('333333333333', { label: 'prod' });
    const read = settings.read();
    expect(read.defaultSessionSeconds).toBe(7200);
    expect(read.favourites).toEqual([ROLE]);
    expect(read.accounts).toEqual({ '444444444444': { label: 'dev' }, '333333333333': { label: 'prod' } });
    // Not yet in the file: conf writes it, with its mode and its version.
    expect(JSON.parse(readFileSync(path, 'utf8')).defaultSessionSeconds).toBeUndefined();
    await settings.prepare();
    settings.open();
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file.defaultSessionSeconds).toBe(7200);
    expect(file.favourites).toEqual([ROLE]);
    expect(file.defaultRegion).toBe('eu-west-2');
    expect(file.accounts).toEqual({ '444444444444': { label: 'dev' }, '333333333333': { label: 'prod' } });
    expect(settings.read().defaultSessionSeconds).toBe(7200);
    expect(settings.notices).toEqual([]);
  });

  it('refuses a value the schema does not allow, as conf would, and keeps nothing of it', async () => {
    const dir = tempConfigDir();
    const settings = new fresh.Settings({ dir });
    expect(() => settings.update({ defaultSessionSeconds: 60 })).toThrow(/defaultSessionSeconds is 60/);
    expect(() => settings.update({ defaultRegion: 'Mars' })).toThrow(/defaultRegion/);
    expect(() => settings.saveTourProgress({ setup: { step: 7 } })).toThrow(/tour/);
    expect(settings.read()).toEqual(DEFAULT_SETTINGS);
    await settings.prepare();
    settings.open();
    expect(settings.read()).toEqual(DEFAULT_SETTINGS);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).defaultSessionSeconds).toBe(
      DEFAULT_SETTINGS.defaultSessionSeconds,
    );
  });
});
