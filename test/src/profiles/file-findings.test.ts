// What a person did not mean, in their AWS files, is said with its file, line and fix; where it may
// have changed what a profile does, rolecall refuses the profile (and every chain through it),
// in the same words for the CLI (resolveChain's problem) and the TUI (lint, the row's verdict).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveChain } from '../../../src/profiles/chain';
import { lintProfiles } from '../../../src/profiles/lint';
import { loadProfiles } from '../../../src/profiles/load';
import { roleRows } from '../../../src/role-listing/role-rows';
import { rowVerdict } from '../../../src/verdicts/row-verdict';
import { tempConfigDir } from '../../helpers/temp-dirs';

const ALICE_KEYS =
  '[alice]\naws_access_key_id = AKIAALICEEXAMPLE0001\naws_secret_access_key = alice-secret\n';
const PROD = `[profile prod-readonly]
role_arn = arn:aws:iam::333333333333:role/ReadOnly
source_profile = alice
`;

async function load(config: string | Buffer, credentials: string | Buffer = ALICE_KEYS) {
  const dir = tempConfigDir();
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), credentials);
  const env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  const set = await loadProfiles({ env });
  const findings = lintProfiles(set);
  return {
    set,
    dir,
    findings,
    about: (profile: string) =>
      findings.filter((f) => f.profile === profile).map((f) => `${f.problem} ${f.fix}`),
    refusal: (profile: string) => resolveChain(set, profile).problem,
  };
}

describe('a broken header', () => {
  const BROKEN = `${PROD}[profile broken
role_arn = arn:aws:iam::222222222222:role/Developer
source_profile = alice

[profile next]
region = eu-west-1
`;

  it('refuses the profile the SDK merges its keys into, naming the line, the keys and the fix', async () => {
    const { about, refusal, set } = await load(BROKEN);
    // The SDK takes the second role_arn: prod-readonly would be Developer in 222222222222.
    expect(set.profiles.get('prod-readonly')?.roleArn).toBe('arn:aws:iam::222222222222:role/Developer');
    expect(about('prod-readonly')).toEqual([
      expect.stringMatching(
        /^Line 4 of \S+config, "\[profile broken", is not a section header, so the AWS SDK for JavaScript merges the 2 settings under it \(role_arn, source_profile on lines 5–6\) into \[profile prod-readonly\] above it; the AWS CLI refuses the file\. Make it a header: \[profile broken\]\. rolecall does not use prod-readonly until then\.$/,
      ),
    ]);
    expect(refusal('prod-readonly')).toMatch(
      /^prod-readonly is refused: line 4 of \S+config, "\[profile broken"/,
    );
    // The next valid header ends what the broken line could change.
    expect(about('next')).toEqual([]);
    expect(set.profiles.get('next')?.refusal).toBeUndefined();
  });

  it('works as before without the broken line', async () => {
    const { findings, refusal } = await load(`${PROD}\n[profile next]\nregion = eu-west-1\n`);
    expect(findings).toEqual([]);
    expect(refusal('prod-readonly')).toBeUndefined();
  });

  it('refuses every chain through the profile it changed, and the row says so, never assumable', async () => {
    const { set, refusal } = await load(
      `${BROKEN}[profile via-prod]\nrole_arn = arn:aws:iam::444444444444:role/Next\nsource_profile = prod-readonly\n`,
    );
    expect(refusal('via-prod')).toMatch(
      /^via-prod is refused: Its source_profile chain goes through prod-readonly, which rolecall refuses: Line 4 /,
    );
    const profile = set.profiles.get('via-prod');
    expect(profile?.refusal?.problem).toMatch(
      /^Its source_profile chain goes through prod-readonly, which rolecall refuses: Line 4/,
    );
    const [row] = roleRows('444444444444', profile ? [profile] : [], []);
    if (!row) throw new Error('no row');
    const verdict = rowVerdict(row, undefined, { durationSeconds: 3600, now: 0 });
    expect(verdict.kind).toBe('refused');
    expect(verdict.text).toMatch(
      /^rolecall refuses the profile via-prod\. Its source_profile chain goes through prod-readonly/,
    );
  });

  it('passes a refusal down chains as resolveChain walks them: keys at a later hop end the chain', async () => {
    const { set, refusal } = await load(
      `${BROKEN}[profile mid]\nrole_arn = arn:aws:iam::444444444444:role/Mid\nsource_profile = prod-readonly\n[profile top]\nrole_arn = arn:aws:iam::444444444444:role/Top\nsource_profile = mid\n[profile deep]\nrole_arn = arn:aws:iam::444444444444:role/Deep\nsource_profile = top\n`,
      `${ALICE_KEYS}[mid]\naws_access_key_id = AKIAMIDEXAMPLE000001\naws_secret_access_key = m\n`,
    );
    // mid is assumed from prod-readonly (its own role wins at the first hop); top and deep take
    // mid's keys, where the chain ends before prod-readonly.
    expect(refusal('mid')).toMatch(/^mid is refused: Its source_profile chain goes through prod-readonly/);
    expect(set.profiles.get('top')?.refusal).toBeUndefined();
    expect(refusal('top')).toBeUndefined();
    expect(refusal('deep')).toBeUndefined();
  });

  it('says the keys are lost when the section above is one the SDK drops, and refuses nothing', async () => {
    const { about, findings, set } = await load(`[bare]\nregion = x\n[profile lost\nregion = eu-west-1\n`);
    expect(about('bare')[0]).toMatch(/is ignored by the AWS SDK for JavaScript/);
    expect(about('lost')[0]).toMatch(
      /gives the setting under it \(region on line 4\) to \[bare\] above it, a section it ignores, so they are lost/,
    );
    expect(findings.every((f) => !/does not use/.test(f.fix))).toBe(true);
    expect([...set.profiles.values()].some((p) => p.refusal)).toBe(false);
  });

  it('catches a comment glued to a header, which the SDK does not take for a header', async () => {
    const { about, refusal } = await load(`${PROD}[profile other]#mine\nregion = eu-west-1\n`);
    expect(about('prod-readonly')[0]).toMatch(
      /"\[profile other\]#mine", is not a section header.*merges the setting under it \(region on line 5\).*Make it a header: \[profile other\], alone on its line \(a comment after it needs a space before # or ;\)/,
    );
    expect(refusal('prod-readonly')).toMatch(/is refused/);
  });
});

describe('a section or a key given twice', () => {
  it('says which keys a second section merges in, and refuses only when it changes a value', async () => {
    const merged = await load(
      `${PROD}[profile other]\nregion = a\n[profile prod-readonly]\nregion = eu-west-1\noutput = json\n`,
    );
    expect(merged.about('prod-readonly')).toEqual([
      expect.stringMatching(
        /^\[profile prod-readonly\] is given twice in \S+config \(lines 1 and 6\): the AWS SDK for JavaScript merges them into one, taking region, output on lines 7–8 from the later one; the AWS CLI refuses the file\. Keep one \[profile prod-readonly\] section, or rename the other\.$/,
      ),
    ]);
    expect(merged.refusal('prod-readonly')).toBeUndefined();

    const changed = await load(
      `${PROD}[profile prod-readonly]\nrole_arn = arn:aws:iam::222222222222:role/Admin\n`,
    );
    expect(changed.about('prod-readonly')[0]).toMatch(
      /taking role_arn on line 5 from the later one, and role_arn on line 5 replaces the one on line 2; .* rolecall does not use prod-readonly until then\.$/,
    );
    expect(changed.refusal('prod-readonly')).toMatch(
      /^prod-readonly is refused: \[profile prod-readonly\] is given twice/,
    );
  });

  it('says which of a key given twice the SDK takes, and refuses when the two differ', async () => {
    const same = await load(`${PROD}region = eu-west-1\nregion = eu-west-1\n`);
    expect(same.about('prod-readonly')).toEqual([
      expect.stringMatching(
        /^region is given twice in \[profile prod-readonly\] in \S+config \(lines 4 and 5\): the AWS SDK for JavaScript takes the one on line 5, and the AWS CLI refuses the file\. Delete the region you do not mean\.$/,
      ),
    ]);
    expect(same.refusal('prod-readonly')).toBeUndefined();

    const differ = await load(
      `${PROD}source_profile = bob\n`,
      `${ALICE_KEYS}[bob]\naws_access_key_id = AKIABOBEXAMPLE000001\naws_secret_access_key = b\n`,
    );
    expect(differ.set.profiles.get('prod-readonly')?.sourceProfile).toBe('bob');
    expect(differ.about('prod-readonly')[0]).toMatch(
      /source_profile is given twice .* with different values: the AWS SDK for JavaScript takes the one on line 4/,
    );
    expect(differ.refusal('prod-readonly')).toMatch(/is refused/);
  });
});

describe('profile names', () => {
  it('says the config file drops a name with a space or an accent, and what to call it', async () => {
    const { about, set } = await load('[profile my prod]\nregion = a\n[profile café]\nregion = b\n');
    expect(set.profiles.size).toBe(1); // only alice, from the credentials file
    expect(about('my prod')[0]).toMatch(
      /^\[profile my prod\] on line 1 of \S+config is ignored by the AWS SDK for JavaScript, with the settings under it: a profile name is letters, digits .* Rename the section to \[profile my-prod\]\.$/,
    );
    expect(about('café')[0]).toMatch(/ignored .* Rename the section to \[profile cafe\]\.$/);
  });

  it('says a credentials name with a space or an accent reads here but nowhere else', async () => {
    const { about, set } = await load(
      '',
      `${ALICE_KEYS}[my own keys]\naws_access_key_id = AKIAX\naws_secret_access_key = y\n[clé]\naws_access_key_id = AKIAX\naws_secret_access_key = y\n`,
    );
    expect(set.profiles.has('my own keys')).toBe(true);
    expect(about('my own keys')[0]).toMatch(
      /names the profile "my own keys", with a space .* Rename it, for example \[my-own-keys\]\.$/,
    );
    expect(about('clé')[0]).toMatch(/names the profile "clé"/);
  });

  it('drops a credentials section named like a built-in of JavaScript objects, and says so', async () => {
    const { about, set } = await load(
      '',
      `${ALICE_KEYS}[toString]\naws_access_key_id = AKIAX\naws_secret_access_key = y\n`,
    );
    expect(set.profiles.has('toString')).toBe(false);
    expect(about('toString')[0]).toMatch(/names a built-in property of JavaScript objects/);
  });

  it('says a [__proto__] section makes the SDK read the whole file as empty', async () => {
    const { about, set } = await load(`${PROD}[profile __proto__]\nregion = a\n`);
    expect(set.profiles.has('prod-readonly')).toBe(false);
    expect(about('__proto__')[0]).toMatch(
      /^Line 4 of \S+config names a section __proto__, on which the AWS SDK for JavaScript stops/,
    );
  });
});

describe('a file that is not text, or not a file', () => {
  it('refuses every profile while one file is binary', async () => {
    const { about, refusal } = await load(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x0a, 0x5b, 0x61, 0x5d]));
    expect(about('config')[0]).toMatch(
      /^AWS_CONFIG_FILE \(\S+config\) is not a text file \(it holds a NUL byte on line 1\)\./,
    );
    expect(refusal('alice')).toMatch(/^alice is refused: AWS_CONFIG_FILE \(\S+config\) is not a text file/);
  });

  it('refuses only the profiles fed by a line that is not UTF-8', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${PROD}[profile caf`),
      Buffer.from([0xe9]),
      Buffer.from(
        ']\nregion = eu-west-1\n[profile tag]\nrole_arn = arn:aws:iam::333333333333:role/R\nsource_profile = alice\nrole_session_name = jos',
      ),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const { about, refusal } = await load(latin1);
    expect(about('config')[0]).toMatch(
      /^\S+config is not UTF-8 text \(lines 4 and 9\).*Save the file as UTF-8; rolecall does not use tag until then\.$/,
    );
    expect(refusal('tag')).toMatch(/^tag is refused/);
    expect(refusal('prod-readonly')).toBeUndefined();
  });

  it('says a config path that is a directory is one, and uses no profile until it is fixed', async () => {
    const dir = tempConfigDir();
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'credentials'), ALICE_KEYS);
    const set = await loadProfiles({
      env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
    });
    const [finding] = lintProfiles(set);
    expect(`${finding?.problem} ${finding?.fix}`).toBe(
      `AWS_CONFIG_FILE (${join(dir, 'config')}) is a directory, not a file, so the AWS SDK reads it as empty. Point AWS_CONFIG_FILE at the config file itself; until then rolecall uses no profile, as any of them could read differently.`,
    );
    expect(resolveChain(set, 'alice').problem).toMatch(
      /^alice is refused: AWS_CONFIG_FILE .* is a directory/,
    );
  });
});

describe('values AWS would refuse, found before any call', () => {
  const role = (extra: string) =>
    `[profile r]\nrole_arn = arn:aws:iam::333333333333:role/R\nsource_profile = alice\n${extra}`;

  it('an account ID of 11 digits: one message, for the CLI and the lint', async () => {
    const { about, refusal, dir, findings } = await load(
      '[profile r]\nrole_arn = arn:aws:iam::12345678901:role/R\nsource_profile = alice\n',
    );
    const words = `has role_arn arn:aws:iam::12345678901:role/R, whose account ID has 11 digits, not 12, so it is not an IAM role ARN (line 2 of ${join(dir, 'config')})`;
    expect(findings[0]).toMatchObject({ profile: 'r', file: 'config', line: 2 });
    expect(refusal('r')).toBe(`r ${words}`);
    expect(about('r')).toEqual([
      `The profile ${words}. Use the form arn:aws:iam::123456789012:role/NAME (the account ID is 12 digits, leading zeros kept).`,
    ]);
  });

  it('an mfa_serial that is a user ARN, not a device; a device ARN and a hardware serial pass', async () => {
    const user = await load(role('mfa_serial = arn:aws:iam::111111111111:user/alice\n'));
    expect(user.refusal('r')).toBe(
      `r has mfa_serial arn:aws:iam::111111111111:user/alice, which is neither an MFA device ARN nor a hardware device's serial number (line 4 of ${join(user.dir, 'config')})`,
    );
    expect(
      (await load(role('mfa_serial = arn:aws:iam::111111111111:mfa/alice\n'))).refusal('r'),
    ).toBeUndefined();
    expect((await load(role('mfa_serial = GAHT12345678\n'))).refusal('r')).toBeUndefined();
    expect((await load(role('mfa_serial = 1234\n'))).refusal('r')).toMatch(/neither an MFA device ARN/);
  });

  it('an external_id outside 2 to 1224 characters of [\\w+=,.@:/-]', async () => {
    expect((await load(role('external_id = x\n'))).refusal('r')).toMatch(
      /^r has an external_id of 1 characters, which AWS refuses/,
    );
    expect((await load(role('external_id = has space\n'))).refusal('r')).toMatch(
      /of 9 characters with characters AWS does not allow/,
    );
    expect((await load(role(`external_id = ${'a'.repeat(1225)}\n`))).refusal('r')).toMatch(
      /of 1225 characters/,
    );
    expect((await load(role(`external_id = ${'a'.repeat(1224)}\n`))).refusal('r')).toBeUndefined();
  });
});
