import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSandboxTourProgress } from '../../../src/settings/sandbox-tour-progress';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';
import { SETTINGS_FILE_NAME, Settings, settingsDir } from '../../../src/settings/settings';
import { tempConfigDir } from '../../helpers/temp-dirs';

const ROLE = 'arn:aws:iam::222222222222:role/Admin';

function fileIn(dir: string) {
  return join(dir, SETTINGS_FILE_NAME);
}

function mode(path: string) {
  return statSync(path).mode & 0o777;
}

describe('settings', () => {
  it('starts with the defaults and creates the file readable by its owner only', () => {
    const dir = tempConfigDir();
    const settings = new Settings({ dir });
    expect(settings.read()).toEqual(DEFAULT_SETTINGS);
    expect(settings.notices).toEqual([]);
    expect(existsSync(fileIn(dir))).toBe(true);
    expect(mode(fileIn(dir))).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
  });

  it('knows a first start (no file yet) from a later one, for the walkthrough to open by itself', () => {
    const dir = tempConfigDir();
    expect(new Settings({ dir }).firstStart).toBe(true);
    expect(new Settings({ dir }).firstStart).toBe(false);
  });

  it('keeps the sandbox’s settings apart from the person’s, in sandbox/ beside them, owner only', () => {
    const dir = tempConfigDir();
    const env = { ROLECALL_CONFIG_DIR: dir };
    const sandbox = new Settings({ env, sandbox: true });
    sandbox.labelAccount('333333333333', { label: 'prod' });
    sandbox.update({ accountAliases: { '111111111111': 'identity' } });
    sandbox.noteRecent('333333333333');
    sandbox.toggleFavourite(ROLE);
    sandbox.saveTourProgress({ page: 'setup', sandboxSetup: { step: 3, sourceProfile: 'alice' } });
    expect(sandbox.path).toBe(join(dir, 'sandbox', SETTINGS_FILE_NAME));
    expect(mode(join(dir, 'sandbox'))).toBe(0o700);
    expect(mode(sandbox.path)).toBe(0o600);
    // The person's own file was never made, and theirs shows none of it.
    expect(existsSync(fileIn(dir))).toBe(false);
    expect(new Settings({ env }).read()).toEqual(DEFAULT_SETTINGS);
    // The rolecall that started a practice run reads back how far it got, without writing.
    expect(readSandboxTourProgress(env)).toEqual({
      page: 'setup',
      sandboxSetup: { step: 3, sourceProfile: 'alice' },
    });
  });

  it('reads no sandbox progress where there is none, or none it can use', () => {
    const dir = tempConfigDir();
    const env = { ROLECALL_CONFIG_DIR: dir };
    expect(readSandboxTourProgress(env)).toBeUndefined();
    expect(existsSync(join(dir, 'sandbox'))).toBe(false);
    mkdirSync(join(dir, 'sandbox'));
    writeFileSync(join(dir, 'sandbox', SETTINGS_FILE_NAME), '{ not json');
    expect(readSandboxTourProgress(env)).toBeUndefined();
    writeFileSync(
      join(dir, 'sandbox', SETTINGS_FILE_NAME),
      JSON.stringify({ tour: { sandboxSetup: { step: 9 } } }),
    );
    expect(readSandboxTourProgress(env)).toBeUndefined();
  });

  it('counts a first start on the sandbox only when the person’s own settings were not there either', () => {
    const fresh = { ROLECALL_CONFIG_DIR: tempConfigDir() };
    expect(new Settings({ env: fresh, sandbox: true }).firstStart).toBe(true);
    expect(new Settings({ env: fresh, sandbox: true }).firstStart).toBe(false);
    // The sandbox's first start spends none of the person's: rolecall on their accounts is new still.
    expect(new Settings({ env: fresh }).firstStart).toBe(true);

    const used = { ROLECALL_CONFIG_DIR: tempConfigDir() };
    new Settings({ env: used }).open();
    expect(new Settings({ env: used, sandbox: true }).firstStart).toBe(false);
  });

  it('keeps where the walkthrough was left across restarts, and refuses a step out of range', () => {
    const dir = tempConfigDir();
    new Settings({ dir }).saveTourProgress({
      page: 'setup',
      sandboxSetup: { step: 4, sourceProfile: 'alice', target: '333333333333', roleName: 'Work' },
    });
    expect(new Settings({ dir }).tourProgress()).toEqual({
      page: 'setup',
      sandboxSetup: { step: 4, sourceProfile: 'alice', target: '333333333333', roleName: 'Work' },
    });
    expect(() => new Settings({ dir }).saveTourProgress({ setup: { step: 7 } })).toThrow();
  });

  it('rescues a file whose walkthrough progress has no step, naming it', () => {
    const dir = tempConfigDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(fileIn(dir), JSON.stringify({ tour: { setup: { target: '333333333333' } } }));
    const settings = new Settings({ dir });
    expect(settings.tourProgress()).toEqual({});
    expect(settings.notices.join('\n')).toContain('tour.setup has no step');
  });

  it('lives in ROLECALL_CONFIG_DIR when that is set', () => {
    const dir = join(tempConfigDir(), 'nested');
    const settings = new Settings({ env: { ROLECALL_CONFIG_DIR: dir } });
    expect(settings.path).toBe(fileIn(dir));
    settings.update({ defaultRegion: 'eu-west-1' });
    expect(JSON.parse(readFileSync(fileIn(dir), 'utf8')).defaultRegion).toBe('eu-west-1');
  });

  it('lives in the platform’s config directory of the environment it is given, not of process.env', () => {
    const home = tempConfigDir();
    // The directory env-paths would choose from these variables, were they process.env's.
    expect(new Settings({ env: { HOME: home } }).path).toBe(
      join(home, '.config', 'rolecall', SETTINGS_FILE_NAME),
    );
    expect(new Settings({ env: { HOME: home, XDG_CONFIG_HOME: join(home, 'xdg') } }).path).toBe(
      join(home, 'xdg', 'rolecall', SETTINGS_FILE_NAME),
    );
    expect(settingsDir({ HOME: home }, 'darwin')).toBe(join(home, 'Library', 'Preferences', 'rolecall'));
    expect(settingsDir({ APPDATA: join(home, 'Roaming') }, 'win32')).toBe(
      join(home, 'Roaming', 'rolecall', 'Config'),
    );
  });

  it('keeps every kind of setting across a restart', () => {
    const dir = tempConfigDir();
    const first = new Settings({ dir });
    first.update({ defaultRegion: 'ap-southeast-2', defaultSessionSeconds: 7200, refreshLeadSeconds: 600 });
    first.update({ sessionNameTemplate: '{user}-{role}' });
    first.labelAccount('333333333333', { label: 'prod', colour: 'red' });
    expect(first.toggleFavourite('333333333333')).toBe(true);
    first.noteRecent(ROLE);
    first.noteRecent('333333333333');
    first.rememberExternalId(ROLE, 'dev-deploy-1b2c');

    const again = new Settings({ dir }).read();
    expect(again).toMatchObject({
      defaultRegion: 'ap-southeast-2',
      defaultSessionSeconds: 7200,
      refreshLeadSeconds: 600,
      sessionNameTemplate: '{user}-{role}',
      accounts: { '333333333333': { label: 'prod', colour: 'red' } },
      favourites: ['333333333333'],
      recents: ['333333333333', ROLE],
      externalIds: { [ROLE]: 'dev-deploy-1b2c' },
    });
  });

  it('un-stars a favourite, keeps recents to the last 20 and forgets an emptied label', () => {
    const settings = new Settings({ dir: tempConfigDir() });
    settings.toggleFavourite('111111111111');
    expect(settings.toggleFavourite('111111111111')).toBe(false);
    expect(settings.read().favourites).toEqual([]);
    for (let i = 0; i < 25; i++) settings.noteRecent(`1111111111${String(i).padStart(2, '0')}`);
    expect(settings.read().recents).toHaveLength(20);
    expect(settings.read().recents[0]).toBe('111111111124');
    settings.labelAccount('111111111111', { label: 'identity' });
    settings.labelAccount('111111111111', { label: '  ' });
    expect(settings.read().accounts).toEqual({});
  });

  it('refuses values the schema does not allow and keeps the file as it was', () => {
    const dir = tempConfigDir();
    const settings = new Settings({ dir }).open();
    const before = readFileSync(fileIn(dir), 'utf8');
    expect(() => settings.update({ defaultSessionSeconds: 60 })).toThrow(/defaultSessionSeconds/);
    expect(() => settings.update({ defaultRegion: 'Mars' })).toThrow(/defaultRegion/);
    expect(() => settings.labelAccount('1234', { label: 'x' })).toThrow(/12-digit/);
    expect(() => settings.toggleFavourite('not-an-id')).toThrow(/account ID nor an IAM role ARN/);
    expect(() => settings.rememberExternalId('arn:aws:iam::1:user/x', 'abc')).toThrow(/role ARN/);
    expect(() => settings.rememberExternalId(ROLE, 'has space')).toThrow(/external ID is 2 to 1224/);
    expect(readFileSync(fileIn(dir), 'utf8')).toBe(before);
  });

  it('moves a file that is not JSON aside, says so, and starts from the defaults', () => {
    const dir = tempConfigDir();
    writeFileSync(fileIn(dir), '{"defaultRegion": "eu-west-1",');
    const settings = new Settings({ dir });
    expect(settings.read()).toEqual(DEFAULT_SETTINGS);
    expect(settings.notices).toEqual([
      `Settings file ${fileIn(dir)} was not valid JSON (line 1); it is now settings.json.bak and defaults are in use.`,
    ]);
    expect(readFileSync(`${fileIn(dir)}.bak`, 'utf8')).toBe('{"defaultRegion": "eu-west-1",');
    // The new file works as usual.
    settings.update({ defaultRegion: 'eu-west-2' });
    expect(new Settings({ dir }).read().defaultRegion).toBe('eu-west-2');
  });

  it('moves aside a file with values rolecall cannot use, naming them', () => {
    const dir = tempConfigDir();
    writeFileSync(fileIn(dir), JSON.stringify({ defaultSessionSeconds: 'one hour' }));
    const settings = new Settings({ dir });
    expect(settings.read().defaultSessionSeconds).toBe(3600);
    expect(settings.notices.join(' ')).toMatch(/held values rolecall cannot use \(.*defaultSessionSeconds/);
    expect(existsSync(`${fileIn(dir)}.bak`)).toBe(true);
  });

  it('moves aside a file with values of the wrong type as the user wrote it, naming the field and the value', () => {
    const dir = tempConfigDir();
    // Hand-written: no version yet, so the migration would run on it; odd spacing; mode 0644.
    const written =
      '{\n    "defaultRegion": "eu-west-1",\n    "defaultSessionSeconds": "abc",\n    "favourites": ["111111111111"]\n}\n';
    writeFileSync(fileIn(dir), written);
    chmodSync(fileIn(dir), 0o644);
    const settings = new Settings({ dir });
    expect(settings.read()).toEqual(DEFAULT_SETTINGS);
    expect(settings.notices).toEqual([
      `Settings file ${fileIn(dir)} held values rolecall cannot use (defaultSessionSeconds is "abc"; expected a number of seconds from 900 to 43200); it is now settings.json.bak and defaults are in use.`,
    ]);
    expect(readFileSync(`${fileIn(dir)}.bak`, 'utf8')).toBe(written);
    expect(mode(`${fileIn(dir)}.bak`)).toBe(0o644);
    expect(mode(fileIn(dir))).toBe(0o600);
  });

  it.each([
    ['null', 'held null'],
    ['[]', 'held []'],
    ['42', 'held 42'],
    ['"eu-west-1"', 'held "eu-west-1"'],
    ['', 'was empty'],
  ])(
    'moves aside a file holding %j, with a backup and a notice, instead of writing over it',
    (text, said) => {
      const dir = tempConfigDir();
      writeFileSync(fileIn(dir), text);
      const settings = new Settings({ dir });
      expect(settings.read()).toEqual(DEFAULT_SETTINGS);
      expect(settings.notices).toHaveLength(1);
      expect(settings.notices[0]).toContain(`Settings file ${fileIn(dir)} ${said}`);
      expect(settings.notices[0]).toMatch(/it is now settings\.json\.bak and defaults are in use\.$/);
      expect(readFileSync(`${fileIn(dir)}.bak`, 'utf8')).toBe(text);
    },
  );

  it('a file edited to null while rolecall runs is moved aside before the next write, not written over', () => {
    const dir = tempConfigDir();
    const settings = new Settings({ dir }).open();
    const heard: string[] = [];
    settings.onNotice((notice) => heard.push(notice));
    writeFileSync(fileIn(dir), 'null');
    settings.update({ defaultRegion: 'eu-west-2' });
    expect(heard).toEqual([
      `Settings file ${fileIn(dir)} held null, not the object of settings rolecall writes ({"defaultRegion": …}); it is now settings.json.bak and defaults are in use.`,
    ]);
    expect(readFileSync(`${fileIn(dir)}.bak`, 'utf8')).toBe('null');
    expect(new Settings({ dir }).read().defaultRegion).toBe('eu-west-2');
  });

  it('never overwrites an earlier backup', () => {
    const dir = tempConfigDir();
    writeFileSync(fileIn(dir), 'first broken file');
    new Settings({ dir }).open();
    writeFileSync(fileIn(dir), 'second broken file');
    const settings = new Settings({ dir }).open();
    expect(readFileSync(`${fileIn(dir)}.bak`, 'utf8')).toBe('first broken file');
    expect(readFileSync(`${fileIn(dir)}.1.bak`, 'utf8')).toBe('second broken file');
    expect(settings.notices.join(' ')).toContain('settings.json.1.bak');
  });

  it('recovers the same way when the file breaks while rolecall runs, and says so as it happens', () => {
    const dir = tempConfigDir();
    const settings = new Settings({ dir }).open();
    const heard: string[] = [];
    settings.onNotice((notice) => heard.push(notice));
    writeFileSync(fileIn(dir), 'edited by hand, badly');
    expect(settings.read()).toEqual(DEFAULT_SETTINGS);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(/was not valid JSON; it is now settings\.json\.bak/);
    expect(readFileSync(`${fileIn(dir)}.bak`, 'utf8')).toBe('edited by hand, badly');
  });

  it('falls back to defaults in memory when the directory is a file, and says so in words', () => {
    const parent = tempConfigDir();
    const blocker = join(parent, 'not-a-dir');
    writeFileSync(blocker, 'a file where the directory should be');
    const settings = new Settings({ env: { ROLECALL_CONFIG_DIR: blocker } });
    expect(settings.read()).toEqual(DEFAULT_SETTINGS);
    settings.update({ defaultRegion: 'eu-north-1' });
    expect(settings.read().defaultRegion).toBe('eu-north-1');
    expect(settings.notices).toEqual([
      `The settings directory ${blocker} (ROLECALL_CONFIG_DIR) is a file, not a directory: move it away, or set ROLECALL_CONFIG_DIR to a directory rolecall may use. Defaults are in use until rolecall exits.`,
    ]);
    expect(readFileSync(blocker, 'utf8')).toBe('a file where the directory should be');
  });

  it('names the file in the way when it is a parent of the settings directory', () => {
    const blocker = join(tempConfigDir(), 'a-file');
    writeFileSync(blocker, 'x');
    const settings = new Settings({ dir: join(blocker, 'rolecall') }).open();
    expect(settings.notices).toEqual([
      `${blocker} is a file, where the settings directory ${join(blocker, 'rolecall')} should be: move it away, or set ROLECALL_CONFIG_DIR to a directory rolecall may use. Defaults are in use until rolecall exits.`,
    ]);
  });

  it('says when settings.json is a directory', () => {
    const dir = tempConfigDir();
    mkdirSync(fileIn(dir));
    const settings = new Settings({ dir }).open();
    expect(settings.notices).toEqual([
      `The settings file ${fileIn(dir)} is a directory: move it away. Defaults are in use until rolecall exits.`,
    ]);
  });

  it('tightens a hand-written file to mode 0600', () => {
    const dir = tempConfigDir();
    writeFileSync(fileIn(dir), JSON.stringify({ defaultRegion: 'us-west-2' }));
    chmodSync(fileIn(dir), 0o644);
    expect(new Settings({ dir }).read().defaultRegion).toBe('us-west-2');
    expect(mode(fileIn(dir))).toBe(0o600);
  });

  describe('migration of a file written before settings had a version', () => {
    it('normalises console-style account IDs and capitalised regions, and records the version', () => {
      const dir = tempConfigDir();
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        fileIn(dir),
        JSON.stringify({
          defaultRegion: 'EU-WEST-1',
          accounts: { '3333-3333-3333': { label: 'prod' } },
          favourites: ['3333 3333 3333', ROLE],
          recents: ['3333-3333-3333'],
        }),
      );
      const settings = new Settings({ dir }).open();
      expect(settings.notices).toEqual([]);
      expect(settings.read()).toMatchObject({
        defaultRegion: 'eu-west-1',
        accounts: { '333333333333': { label: 'prod' } },
        favourites: ['333333333333', ROLE],
        recents: ['333333333333'],
      });
      const onDisk = JSON.parse(readFileSync(fileIn(dir), 'utf8'));
      expect(onDisk.__internal__.migrations.version).toBe('1.0.0');
    });

    it('does not run again on a file that already has the version', () => {
      const dir = tempConfigDir();
      new Settings({ dir }).open();
      const onDisk = JSON.parse(readFileSync(fileIn(dir), 'utf8'));
      // A label that only the migration would rewrite stays as the user wrote it.
      onDisk.favourites = ['3333-3333-3333'];
      writeFileSync(fileIn(dir), JSON.stringify(onDisk));
      expect(new Settings({ dir }).read().favourites).toEqual(['3333-3333-3333']);
    });
  });
});
