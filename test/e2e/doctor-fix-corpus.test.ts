// `rolecall doctor --fix --yes` from the built bin on the corpus of broken configs in
// fixtures/doctor-fix: each <case>/config, once fixed, is byte for byte <case>/expected (written
// by hand: comments, order, blank lines, CRLF and indentation kept); the backup beside it is the
// original byte for byte and 0600 (none when there was nothing to write); the file keeps its
// mode; the credentials file is never touched; no secret is printed. The check runs against the
// sandbox as alice's exported keys, so the exit status is the profiles' after the fixes.
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltBin } from '../helpers/built-bin';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const CORPUS = join(import.meta.dirname, 'fixtures', 'doctor-fix');
const CASES = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const BACKUP = /^config\.rolecall-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

interface CaseNotes {
  exit: number;
  says: string[];
  /** What must not be printed (a section rolecall must leave alone, named as a profile). */
  never?: string[];
}

describe('doctor --fix --yes on the corpus of broken configs', () => {
  it("has a case for every fix, a mixed file, one with nothing to fix, one with only what cannot be fixed, and one with the AWS CLI's own sections", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(8);
    expect(CASES).toEqual(
      expect.arrayContaining(['mixed', 'nothing-to-fix', 'only-unfixable', 'cli-sections']),
    );
  });

  it.each(CASES)('%s', async (name) => {
    const dir = tempConfigDir();
    cpSync(join(CORPUS, name), dir, { recursive: true });
    const config = join(dir, 'config');
    const credentials = join(dir, 'credentials');
    // A mode other than the usual, to see it kept.
    chmodSync(config, 0o640);
    const original = readFileSync(config);
    const expected = readFileSync(join(dir, 'expected'));
    const credentialsBefore = existsSync(credentials) ? readFileSync(credentials) : undefined;
    const notes = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseNotes;
    const alice = sandbox.seeded.keys.alice;

    const run = await runBuiltBin(['doctor', '--fix', '--yes'], {
      PATH: process.env.PATH,
      HOME: dir,
      XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
      ROLECALL_CONFIG_DIR: tempConfigDir(),
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_ENDPOINT_URL: sandbox.endpoint,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: alice.accessKeyId,
      AWS_SECRET_ACCESS_KEY: alice.secretAccessKey,
    });

    expect(run.stderr).toBe('');
    expect(readFileSync(config).equals(expected), `${name}: the fixed config differs from expected`).toBe(
      true,
    );
    expect(statSync(config).mode & 0o777).toBe(0o640);
    const backups = readdirSync(dir).filter((file) => file.startsWith('config.rolecall-backup-'));
    if (original.equals(expected)) {
      expect(backups).toEqual([]);
    } else {
      expect(backups).toHaveLength(1);
      const backup = join(dir, backups[0] as string);
      expect(backups[0]).toMatch(BACKUP);
      expect(readFileSync(backup).equals(original)).toBe(true);
      expect(statSync(backup).mode & 0o777).toBe(0o600);
      expect(run.stdout).toContain(`the file as it was is at ${backup}.`);
    }
    if (credentialsBefore) expect(readFileSync(credentials).equals(credentialsBefore)).toBe(true);
    for (const phrase of notes.says) expect(run.stdout).toContain(phrase);
    for (const phrase of notes.never ?? []) expect(run.stdout).not.toContain(phrase);
    // No secret on screen: the credentials file's, the config's, nor the exported one.
    const secrets = [
      alice.secretAccessKey,
      ...`${original}\n${credentialsBefore ?? ''}`.matchAll(/aws_secret_access_key\s*=\s*(\S+)/g),
    ].map((s) => (typeof s === 'string' ? s : (s[1] as string)));
    for (const secret of secrets) expect(run.stdout).not.toContain(secret);
    expect(run.code).toBe(notes.exit);
  });
});
