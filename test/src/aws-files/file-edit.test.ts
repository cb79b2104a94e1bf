import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addProfileSection, freeProfileName } from '../../../src/aws-files/config-section';
import { configFilePath, prepareEdit, readForEdit, writeEdit } from '../../../src/aws-files/file-edit';
import { fileErrorWords } from '../../../src/file-error-words';
import { loadProfiles } from '../../../src/profiles/load';
import { removeTempDirs, tempConfigDir } from '../../helpers/temp-dirs';

afterAll(removeTempDirs);

const clock = { now: () => Date.parse('2026-11-30T05:12:09.123Z') };
const KEYS: Array<[string, string]> = [
  ['role_arn', 'arn:aws:iam::333333333333:role/Deploy'],
  ['source_profile', 'identity'],
  ['mfa_serial', 'arn:aws:iam::111111111111:mfa/alice'],
];
const ORIGINAL = [
  '# my profiles, in my order',
  '[profile zeta]',
  'region = eu-west-1 ; the one we use',
  '',
  '[default]',
  'region = us-east-1',
  '',
  '[profile identity]',
  'aws_access_key_id = AKIAEXAMPLE',
  '; keep this comment',
].join('\n');

function add(text: string, name = 'prod-Deploy') {
  const result = addProfileSection(text, name, KEYS);
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

async function prepared(path: string, after: (text: string) => string) {
  const current = await readForEdit(path);
  const result = prepareEdit(path, current, after(current.text));
  if (!result.ok) throw new Error(result.message);
  return result.edit;
}

async function writeNew(path: string, name = 'prod-Deploy', at = clock) {
  const edit = await prepared(path, (text) => add(text, name));
  return { edit, result: await writeEdit(edit, at) };
}

describe('adding a profile to the config text', () => {
  it('keeps every byte before it, and adds a final newline the file lacked', () => {
    const after = add(ORIGINAL);
    expect(after.startsWith(`${ORIGINAL}\n`)).toBe(true);
    expect(after.slice(ORIGINAL.length)).toBe(
      '\n\n[profile prod-Deploy]\nrole_arn = arn:aws:iam::333333333333:role/Deploy\nsource_profile = identity\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\n',
    );
  });

  it('writes CRLF into a CRLF file', () => {
    const crlf = `${ORIGINAL.replaceAll('\n', '\r\n')}\r\n`;
    const after = add(crlf);
    expect(after.startsWith(crlf)).toBe(true);
    expect(after.slice(crlf.length)).not.toMatch(/[^\r]\n/);
    expect(after.endsWith('mfa/alice\r\n')).toBe(true);
  });

  it('refuses a profile name the file has, default included, and names it', () => {
    expect(addProfileSection(ORIGINAL, 'zeta', KEYS)).toEqual({
      ok: false,
      message: 'The config file has a profile zeta already; choose another name.',
    });
    expect(addProfileSection(ORIGINAL, 'default', KEYS).ok).toBe(false);
    expect(addProfileSection(ORIGINAL, 'has space', KEYS).ok).toBe(false);
    expect(freeProfileName(ORIGINAL, 'zeta')).toBe('zeta-2');
    expect(freeProfileName(ORIGINAL, 'prod-Deploy')).toBe('prod-Deploy');
    expect(freeProfileName(ORIGINAL, 'Zeta')).toBe('Zeta-2');
  });
});

describe('writing the config', () => {
  it('finds the file from AWS_CONFIG_FILE, else ~/.aws/config', () => {
    expect(configFilePath({ AWS_CONFIG_FILE: '/x/cfg', HOME: '/home/p' })).toBe('/x/cfg');
    expect(configFilePath({ HOME: '/home/p' })).toBe('/home/p/.aws/config');
  });

  it('backs up the bytes first, keeps mode 0640, and the SDK reads the new profile back', async () => {
    const dir = tempConfigDir();
    const path = join(dir, 'config');
    writeFileSync(path, ORIGINAL);
    chmodSync(path, 0o640);
    const { edit, result } = await writeNew(path);
    expect(result).toEqual({
      ok: true,
      path,
      written: edit.after,
      backup: `${path}.rolecall-backup-2026-11-30T05-12-09.123Z`,
    });
    if (!result.ok || !result.backup) return;
    expect(readFileSync(result.backup, 'utf8')).toBe(ORIGINAL);
    expect(statSync(result.backup).mode & 0o777).toBe(0o600);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(edit.diff.filter((l) => l.kind === 'removed')).toEqual([
      { kind: 'removed', text: '; keep this comment' },
    ]);
    expect(edit.diff.filter((l) => l.kind === 'added').map((l) => l.text)).toContain('[profile prod-Deploy]');
    const set = await loadProfiles({
      env: { AWS_CONFIG_FILE: path, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') },
    });
    const profile = set.profiles.get('prod-Deploy');
    expect(profile).toMatchObject({
      roleArn: 'arn:aws:iam::333333333333:role/Deploy',
      sourceProfile: 'identity',
      mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
    });
    expect(set.profiles.get('zeta')?.region).toBe('eu-west-1');
  });

  it('writes through a symlink to its target, leaving the link, and backs up beside the link', async () => {
    const dir = tempConfigDir();
    mkdirSync(join(dir, 'dotfiles'));
    const target = join(dir, 'dotfiles', 'aws-config');
    writeFileSync(target, ORIGINAL);
    const link = join(dir, 'config');
    symlinkSync(target, link);
    const { result } = await writeNew(link);
    expect(result.ok && result.path).toBe(target);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toMatch(/\[profile prod-Deploy\]/);
    // The dotfiles repository gets no backup file to commit by mistake; ~/.aws does.
    expect(readdirSync(join(dir, 'dotfiles'))).toEqual(['aws-config']);
    expect(readdirSync(dir).sort()).toEqual([
      'config',
      'config.rolecall-backup-2026-11-30T05-12-09.123Z',
      'dotfiles',
    ]);
    expect(readFileSync(join(dir, 'config.rolecall-backup-2026-11-30T05-12-09.123Z'), 'utf8')).toBe(ORIGINAL);
  });

  it('refuses when the file changed after the diff was made, and writes nothing', async () => {
    const dir = tempConfigDir();
    const path = join(dir, 'config');
    writeFileSync(path, ORIGINAL);
    const edit = await prepared(path, add);
    writeFileSync(path, `${ORIGINAL}\n[profile someone-else]\n`);
    const result = await writeEdit(edit, clock);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/changed since the change was shown; nothing was written/),
    });
    expect(readFileSync(path, 'utf8')).toBe(`${ORIGINAL}\n[profile someone-else]\n`);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('keeps a Latin-1 file’s bytes as they were, and compares bytes', async () => {
    const dir = tempConfigDir();
    const path = join(dir, 'config');
    // "# café" in Latin-1: 0xE9 is not UTF-8, and decoding it would make it U+FFFD.
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n[default]\n')]);
    writeFileSync(path, latin1);
    const { result } = await writeNew(path);
    expect(result.ok).toBe(true);
    const written = readFileSync(path);
    expect(written.subarray(0, latin1.length).equals(latin1)).toBe(true);
    expect(written.subarray(latin1.length).toString('utf8')).toMatch(/^\n\[profile prod-Deploy\]\n/);
    // Another Latin-1 byte in place of it is a change, though both decode to U+FFFD.
    const edit = await prepared(path, (text) => add(text, 'other'));
    written[5] = 0xe8;
    writeFileSync(path, written);
    expect(await writeEdit(edit, clock)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/changed since/),
    });
    // A change that is not an addition at the end is refused on it, in words.
    const current = await readForEdit(path);
    expect(prepareEdit(path, current, current.text.replace('[default]', '[profile x]'))).toEqual({
      ok: false,
      message: `${path} is not UTF-8 text: rolecall changes it only by adding to its end. Change it by hand.`,
    });
  });

  it('makes a second backup in the same second (and the same millisecond), each 0600 from a 0644 file', async () => {
    const dir = tempConfigDir();
    const path = join(dir, 'config');
    writeFileSync(path, ORIGINAL);
    chmodSync(path, 0o644);
    const first = await writeNew(path, 'one');
    const second = await writeNew(path, 'two');
    expect(first.result).toMatchObject({
      ok: true,
      backup: `${path}.rolecall-backup-2026-11-30T05-12-09.123Z`,
    });
    expect(second.result).toMatchObject({
      ok: true,
      backup: `${path}.rolecall-backup-2026-11-30T05-12-09.123Z-2`,
    });
    const later = await writeNew(path, 'three', { now: () => Date.parse('2026-11-30T05:12:09.456Z') });
    expect(later.result).toMatchObject({
      ok: true,
      backup: `${path}.rolecall-backup-2026-11-30T05-12-09.456Z`,
    });
    for (const { result } of [first, second, later]) {
      if (!result.ok || !result.backup) throw new Error('backed up');
      expect(statSync(result.backup).mode & 0o777).toBe(0o600);
    }
    if (second.result.ok && second.result.backup)
      expect(readFileSync(second.result.backup, 'utf8')).toBe(first.edit.after);
  });

  it('says in words why it could not read the file', async () => {
    const dir = tempConfigDir();
    const edit = await prepared(join(dir, 'config'), add);
    mkdirSync(join(dir, 'config'));
    expect(await writeEdit(edit, clock)).toMatchObject({ ok: false });
    expect(
      fileErrorWords(
        Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' }),
      ),
    ).toBe('it is a folder, not a file');
  });

  it('makes a missing config 0600 in a new 0700 directory, with no backup', async () => {
    const dir = tempConfigDir();
    const path = join(dir, '.aws', 'config');
    const { result } = await writeNew(path);
    expect(result).toMatchObject({ ok: true, path });
    expect(result.ok && result.backup).toBeUndefined();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '.aws')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toMatch(/^\[profile prod-Deploy\]\nrole_arn = /);
  });
});

const CORPUS: Record<string, string> = {
  empty: '',
  'one blank line': '\n',
  'ends in a blank line': '[profile a]\nregion = eu-west-1\n\n',
  'sso session and services': [
    '[sso-session corp]',
    'sso_start_url = https://corp.awsapps.com/start',
    'sso_region = eu-west-1',
    '',
    '[services local]',
    'sts =',
    '  endpoint_url = http://127.0.0.1:4566',
    '',
    '[profile sso]',
    'sso_session = corp',
    'sso_account_id = 111111111111',
    'sso_role_name = Dev',
    's3 =',
    '  max_concurrent_requests = 10',
  ].join('\n'),
  'comments of both kinds, tabs':
    '# top\n[profile a]\t# after the header\n\tregion = us-west-2 ; why\n; end\n',
  'CRLF, no final newline': '[default]\r\nregion = us-east-1\r\n[profile b]\r\noutput = json',
};

describe('adding a profile to a corpus of config files', () => {
  for (const [name, text] of Object.entries(CORPUS)) {
    it(`${name}: keeps the file as it was before the new section, and the SDK reads the same profiles plus the new one`, async () => {
      const dir = tempConfigDir();
      const path = join(dir, 'config');
      writeFileSync(path, text);
      const env = { AWS_CONFIG_FILE: path, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };
      const before = await loadProfiles({ env });
      const { result } = await writeNew(path);
      expect(result.ok).toBe(true);
      const written = readFileSync(path, 'utf8');
      expect(written.startsWith(text)).toBe(true);
      const after = await loadProfiles({ env });
      for (const [profile, read] of before.profiles) {
        expect({ ...after.profiles.get(profile), problemAt: undefined }).toEqual({
          ...read,
          problemAt: undefined,
        });
      }
      expect(after.profiles.get('prod-Deploy')).toMatchObject({
        roleArn: KEYS[0]?.[1],
        sourceProfile: 'identity',
      });
      expect(after.fileFindings).toEqual(before.fileFindings);
    });
  }
});
