// `rolecall doctor --fix` in a real terminal: it asks before writing, "n" (or Ctrl-C) writes
// nothing, "y" writes with a backup; the question goes to stderr, so with stdout in a file it is
// still asked on the terminal, after the diff shown there too, and the file holds the report and
// diff without it; with stderr
// not a terminal, or without a terminal at all, and without --yes it writes nothing and says
// how; --yes without --fix and --json with --fix are bad usage.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBuiltBin, runBuiltBin } from '../helpers/built-bin';
import { NOWHERE } from '../helpers/nowhere';
import { runInPty } from '../helpers/pty';
import { tempConfigDir } from '../helpers/temp-dirs';

const BROKEN = '# mine\n[dev]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = alice\n';
const FIXED = BROKEN.replace('[dev]', '[profile dev]');
const CREDENTIALS =
  '[alice]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

function home() {
  const dir = tempConfigDir();
  writeFileSync(join(dir, 'config'), BROKEN);
  writeFileSync(join(dir, 'credentials'), CREDENTIALS);
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    ROLECALL_CONFIG_DIR: tempConfigDir(),
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    // The network checks end at once: nothing listens there.
    AWS_ENDPOINT_URL: NOWHERE,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const backups = () => readdirSync(dir).filter((f) => f.startsWith('config.rolecall-backup-'));
  return { dir, env, backups, config: () => readFileSync(join(dir, 'config'), 'utf8') };
}

const question = (dir: string) => `Write these fixes to ${join(dir, 'config')}? [y/N]`;

describe('doctor --fix asks on the terminal', () => {
  it('"n": nothing is written, no backup', async () => {
    const { dir, env, backups, config } = home();
    const tui = runInPty(process.execPath, [requireBuiltBin(), 'doctor', '--fix'], { env, columns: 200 });
    await tui.waitForText(question(dir));
    tui.type('n\r');
    await tui.waitForText('Nothing was written.');
    await tui.exited;
    expect(config()).toBe(BROKEN);
    expect(backups()).toEqual([]);
  });

  it('Ctrl-C at the question: nothing is written, and it ends', async () => {
    const { dir, env, backups, config } = home();
    const tui = runInPty(process.execPath, [requireBuiltBin(), 'doctor', '--fix'], { env, columns: 200 });
    await tui.waitForText(question(dir));
    tui.type('\u0003');
    await tui.exited;
    expect(config()).toBe(BROKEN);
    expect(backups()).toEqual([]);
  });

  it('"y": the fixes are written, with the backup named', async () => {
    const { dir, env, backups, config } = home();
    const tui = runInPty(process.execPath, [requireBuiltBin(), 'doctor', '--fix'], { env, columns: 200 });
    await tui.waitForText(question(dir));
    tui.type('y\r');
    await tui.waitForText('Checked again after the fixes:');
    await tui.exited;
    expect(config()).toBe(FIXED);
    expect(backups()).toHaveLength(1);
    expect(readFileSync(join(dir, backups()[0] as string), 'utf8')).toBe(BROKEN);
    expect(tui.screenText().replace(/\s+/g, '')).toContain(
      `the file as it was is at ${join(dir, backups()[0] as string)}.`.replace(/\s+/g, ''),
    );
  });
});

/** The built bin in the pty through sh, with `redirect` (e.g. `> out`) applied to it. */
function redirected(env: NodeJS.ProcessEnv, dir: string, redirect: string) {
  return runInPty(
    '/bin/sh',
    ['-c', `exec "$0" "$1" doctor --fix ${redirect}`, process.execPath, requireBuiltBin()],
    { env, columns: 200, cwd: dir },
  );
}

describe('doctor --fix with stdout or stderr redirected', () => {
  it('stdout in a file: the diff shown and asked on the terminal; the file has the diff and the report, not the question', async () => {
    const { dir, env, backups, config } = home();
    const tui = redirected(env, dir, '> report.txt');
    await tui.waitForText(question(dir));
    // The diff went to the file, and to the terminal too, before the question: what is approved is what was seen.
    const lines = tui.screen();
    const asked = lines.findIndex((line) => line.includes(question(dir)));
    const shown = lines.slice(0, asked);
    expect(shown).toContain(`Fixes to ${join(dir, 'config')}:`);
    expect(shown).toContain('-[dev]');
    expect(shown).toContain('+[profile dev]');
    // Only the fixes: the findings of the check are in the file alone.
    expect(tui.screenText()).not.toContain('Errors (these break an assume)');
    tui.type('y\r');
    // What came of the answer is said on the terminal too, not only in the file.
    await tui.waitForText(`the file as it was is at ${join(dir, 'config.rolecall-backup-')}`);
    await tui.exited;
    const report = readFileSync(join(dir, 'report.txt'), 'utf8');
    expect(report).toContain('-[dev]');
    expect(report).toContain('+[profile dev]');
    expect(report).toContain(`the file as it was is at ${join(dir, backups()[0] as string)}.`);
    expect(report).not.toContain('Write these fixes');
    expect(config()).toBe(FIXED);
  });

  it('stderr not a terminal: nothing asked, nothing written, and the --yes hint', async () => {
    const { dir, env, backups, config } = home();
    const tui = redirected(env, dir, '2> errors.txt');
    await tui.waitForText('Run rolecall doctor --fix --yes to write these fixes.');
    await tui.exited;
    expect(tui.screenText()).not.toContain('Write these fixes');
    expect(readFileSync(join(dir, 'errors.txt'), 'utf8')).toBe('');
    expect(config()).toBe(BROKEN);
    expect(backups()).toEqual([]);
  });
});

describe('doctor --fix without a terminal', () => {
  it('without --yes: the diff is shown, nothing written, and it says to rerun with --yes', async () => {
    const { env, backups, config } = home();
    const run = await runBuiltBin(['doctor', '--fix'], env);
    expect(run.stdout).toContain('-[dev]');
    expect(run.stdout).toContain('+[profile dev]');
    expect(run.stdout).toContain('Run rolecall doctor --fix --yes to write these fixes.');
    expect(config()).toBe(BROKEN);
    expect(backups()).toEqual([]);
  });

  it('--yes without --fix, and --json with --fix: bad usage, exit 2, nothing written', async () => {
    const { env, config } = home();
    const yes = await runBuiltBin(['doctor', '--yes'], env);
    expect(yes.stderr).toContain('--yes goes with --fix');
    expect(yes.code).toBe(2);
    const json = await runBuiltBin(['doctor', '--fix', '--json'], env);
    expect(json.stderr).toContain('--json and --fix do not go together');
    expect(json.code).toBe(2);
    expect(config()).toBe(BROKEN);
  });
});
