// doctor --fix's fixes to the config text, one by one: the text after (every other byte kept:
// comments, order, blank lines, CRLF), what is left and why, and that the profile lint, run on
// the fixed files as rolecall loads them, no longer reports what was fixed.
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MASKED } from '../../../src/aws-files/file-diff';
import { writeEdit } from '../../../src/aws-files/file-edit';
import { fixConfigText, planConfigFixes } from '../../../src/doctor/config-fixes';
import { type LintFinding, lintProfiles } from '../../../src/profiles/lint';
import { loadProfiles } from '../../../src/profiles/load';
import { tempConfigDir } from '../../helpers/temp-dirs';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const MFA = 'arn:aws:iam::111111111111:mfa/alice';
const DEV_ROLE = 'arn:aws:iam::222222222222:role/Developer';
const PROD_ROLE = 'arn:aws:iam::333333333333:role/Admin';
const KEYS = `[alice]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`;

function filesOf(config: string | Buffer, credentials = KEYS) {
  const dir = tempConfigDir();
  const env = {
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  };
  writeFileSync(env.AWS_CONFIG_FILE, config);
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, credentials);
  return env;
}

async function lintOf(config: string, credentials = KEYS): Promise<LintFinding[]> {
  return lintProfiles(await loadProfiles({ env: filesOf(config, credentials) }));
}

/** Fixes `config`, and checks the lint found `problem` before and does not after. */
async function fixedOf(config: string, problem: RegExp, credentials = KEYS) {
  const before = await lintOf(config, credentials);
  expect(before.map((f) => f.problem)).toContainEqual(expect.stringMatching(problem));
  const result = fixConfigText(config, credentials);
  const after = await lintOf(result.after, credentials);
  expect(after.map((f) => f.problem)).not.toContainEqual(expect.stringMatching(problem));
  return result;
}

describe('headers', () => {
  it('[dev] in the config file becomes [profile dev], comment and spacing kept', async () => {
    const config = `# mine\n[dev]   # the dev account\nregion = eu-west-1\n\n[profile x]\nregion = us-east-1\n`;
    const { after, fixed } = await fixedOf(config, /\[dev\] on line 2 .* is ignored/);
    expect(after).toBe(
      `# mine\n[profile dev]   # the dev account\nregion = eu-west-1\n\n[profile x]\nregion = us-east-1\n`,
    );
    expect(fixed).toEqual([
      { profile: 'dev', line: 2, what: expect.stringContaining('[dev] → [profile dev]: in the config file') },
    ]);
  });

  it('[dev] is left when [profile dev] exists already, with why', () => {
    const config = '[dev]\nregion = eu-west-1\n[profile dev]\nregion = us-east-1\n';
    const { after, fixed, left } = fixConfigText(config, '');
    expect(after).toBe(config);
    expect(fixed).toEqual([]);
    expect(left).toEqual([
      {
        profile: 'dev',
        line: 1,
        what: expect.stringContaining('[dev] would be [profile dev], which is on line 3 already'),
      },
    ]);
  });

  it("[plugins] and [preview], the AWS CLI's own sections, are never renamed nor said; a bare [dev] profile beside them is", async () => {
    const config = [
      '[plugins]',
      'endpoint = awscli_plugin_endpoint',
      'cli_legacy_plugin_path = /usr/lib/python3/site-packages',
      '[preview]',
      'cloudfront = true',
      '[dev]',
      `role_arn = ${DEV_ROLE}`,
      'source_profile = alice',
      '',
    ].join('\n');
    const { after, fixed, left } = await fixedOf(config, /\[dev\] on line 6 .* is ignored/);
    expect(after).toBe(config.replace('[dev]', '[profile dev]'));
    expect(fixed.map((f) => f.profile)).toEqual(['dev']);
    expect(left).toEqual([]);
    const lint = await lintOf(config);
    expect(lint.filter((f) => /plugins|preview/.test(`${f.profile} ${f.problem}`))).toEqual([]);
  });

  it('"[plugins" without its "]" is closed as [plugins], not made a profile', () => {
    const config = '[profile ops]\nregion = us-east-1\n[plugins\nendpoint = awscli_plugin_endpoint\n';
    const { after, fixed } = fixConfigText(config, '');
    expect(after).toBe('[profile ops]\nregion = us-east-1\n[plugins]\nendpoint = awscli_plugin_endpoint\n');
    expect(fixed[0]?.what).toContain('"[plugins" → "[plugins]"');
  });

  it("a bare section whose settings are not a profile's is another tool's: not renamed, not said", async () => {
    const config = '[foobar]\nmorestuff = 2\n[empty]\n';
    expect(fixConfigText(config, '')).toEqual({ after: config, fixed: [], left: [] });
    expect(await lintOf(config)).toEqual([]);
  });

  it("a bare section with a profile's settings and others: left, naming the others, and still said by the lint", async () => {
    const config = `[dev]\nrole_arn = ${DEV_ROLE}\nsource_profile = alice\nmorestuff = 2\n`;
    const { after, fixed, left } = fixConfigText(config, KEYS);
    expect(after).toBe(config);
    expect(fixed).toEqual([]);
    expect(left).toEqual([
      {
        profile: 'dev',
        line: 1,
        what: expect.stringContaining('but morestuff is not a setting of a profile'),
      },
    ]);
    expect((await lintOf(config)).map((f) => f.fix)).toContainEqual(
      expect.stringMatching(/^If it is a profile, rename the section to \[profile dev\] \(morestuff is not/),
    );
  });

  it('[default] and [sso-session x] are not renamed', () => {
    const config = '[default]\nregion = eu-west-1\n[sso-session corp]\nsso_region = eu-west-1\n';
    expect(fixConfigText(config, '').after).toBe(config);
  });

  it('"[profile dev" gets its "]", and its keys are dev\'s again', async () => {
    const config = `[profile ops]\nregion = us-east-1\n[profile dev  ; no bracket\nrole_arn = ${DEV_ROLE}\nsource_profile = alice\n`;
    const { after, fixed } = await fixedOf(config, /"\[profile dev", is not a section header/);
    expect(after).toBe(
      `[profile ops]\nregion = us-east-1\n[profile dev]  ; no bracket\nrole_arn = ${DEV_ROLE}\nsource_profile = alice\n`,
    );
    expect(fixed[0]).toMatchObject({ profile: 'dev', line: 3 });
    const set = await loadProfiles({ env: filesOf(after) });
    expect(set.profiles.get('dev')?.kind).toBe('assume-role');
    expect(set.profiles.get('ops')?.roleArn).toBeUndefined();
  });

  it('a comment glued to "]" gets its space', async () => {
    const config = `[profile dev]# the dev account\nregion = eu-west-1\n`;
    const { after } = await fixedOf(config, /is not a section header/);
    expect(after).toBe(`[profile dev] # the dev account\nregion = eu-west-1\n`);
  });

  it('a glued comment on a bare [dev]: both fixed, told once each', () => {
    const { after, fixed } = fixConfigText('[dev];x\nregion = eu-west-1\n', '');
    expect(after).toBe('[profile dev] ;x\nregion = eu-west-1\n');
    expect(fixed.map((f) => f.line)).toEqual([1, 1]);
  });

  it('a glued comment on a bare [dev] whose [profile dev] exists: the space added, the rename left and told once', () => {
    const config = '[dev]#x\nregion = eu-west-1\n[profile dev]\nregion = us-east-1\n';
    const { after, fixed, left } = fixConfigText(config, '');
    expect(after).toBe('[dev] #x\nregion = eu-west-1\n[profile dev]\nregion = us-east-1\n');
    expect(fixed).toHaveLength(1);
    expect(left).toEqual([
      {
        profile: 'dev',
        line: 1,
        what: expect.stringContaining('[dev] would be [profile dev], which is on line 3 already'),
      },
    ]);
  });

  it('"[profile dev" where [profile dev] exists: left, the keys under it would change profile', () => {
    const config = '[profile dev\nregion = eu-west-1\n[profile dev]\nregion = us-east-1\n';
    const { after, left } = fixConfigText(config, '');
    expect(after).toBe(config);
    expect(left[0]?.what).toContain('"[profile dev" would be [profile dev], which is on line 3 already');
  });

  it('text after "]" that is not a comment is not certain: left as a finding', () => {
    const config = '[profile dev] oops\nregion = eu-west-1\n';
    expect(fixConfigText(config, '')).toEqual({ after: config, fixed: [], left: [] });
  });
});

describe('keys given twice', () => {
  it('the same value twice: the earlier copy goes', async () => {
    const config = `[profile dev]\nregion = eu-west-1\nrole_arn = ${DEV_ROLE}\nsource_profile = alice\nregion = eu-west-1\n`;
    const { after, fixed } = await fixedOf(config, /region is given twice/);
    expect(after).toBe(`[profile dev]\nrole_arn = ${DEV_ROLE}\nsource_profile = alice\nregion = eu-west-1\n`);
    expect(fixed[0]).toMatchObject({ profile: 'dev', line: 2 });
  });

  it('different values: left, and the text unchanged', () => {
    const config = '[profile dev]\nregion = eu-west-1\nregion = us-east-1\n';
    const { after, left } = fixConfigText(config, '');
    expect(after).toBe(config);
    expect(left[0]?.what).toContain('region is given 2 times with different values (lines 2, 3)');
  });

  it('secrets given twice are removed without their values being told', () => {
    const config = `[profile k]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\naws_secret_access_key = ${SECRET}\n`;
    const { after, fixed } = fixConfigText(config, '');
    expect(after).toBe(`[profile k]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`);
    expect(JSON.stringify(fixed)).not.toContain(SECRET);
  });
});

describe('settings', () => {
  it('source_profile = profile alice → alice; Alice → alice where only alice exists', async () => {
    const config = `[profile dev]\nrole_arn = ${DEV_ROLE}\nsource_profile = profile alice # mine\n[profile prod]\nrole_arn = ${PROD_ROLE}\nsource_profile = Alice\n`;
    const { after, fixed } = await fixedOf(config, /source_profile .* names no profile/);
    expect(after).toBe(
      `[profile dev]\nrole_arn = ${DEV_ROLE}\nsource_profile = alice # mine\n[profile prod]\nrole_arn = ${PROD_ROLE}\nsource_profile = alice\n`,
    );
    expect(fixed.map((f) => [f.profile, f.line])).toEqual([
      ['dev', 3],
      ['prod', 6],
    ]);
  });

  it('a source_profile that two names match but for case: left', () => {
    const credentials = `${KEYS}[Alice]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`;
    const config = `[profile dev]\nrole_arn = ${DEV_ROLE}\nsource_profile = ALICE\n`;
    const { after, left } = fixConfigText(config, credentials);
    expect(after).toBe(config);
    expect(left[0]?.what).toContain('Alice and alice differ from it only in case');
  });

  it('mfa_serial on the keys profile is not moved (not certain): left, naming the role profiles without their own', async () => {
    const config = [
      '[profile alice]',
      `mfa_serial = ${MFA}`,
      'region = eu-west-1',
      '',
      '[profile dev]',
      `  role_arn=${DEV_ROLE}`,
      '  source_profile=alice',
      '[profile prod]',
      `role_arn = ${PROD_ROLE}`,
      'source_profile = alice',
      'mfa_serial = arn:aws:iam::111111111111:mfa/other',
      '[profile ro]',
      `role_arn = ${PROD_ROLE}`,
      'source_profile = alice',
      '',
    ].join('\n');
    const { after, fixed, left } = fixConfigText(config, KEYS);
    expect(after).toBe(config);
    expect(fixed).toEqual([]);
    expect(left).toEqual([
      {
        profile: 'alice',
        line: 2,
        what: `mfa_serial is not moved for you: which roles need it depends on each role's trust policy. Add mfa_serial = ${MFA} to the role profiles whose roles require MFA: dev, ro (prod names its own). Keep it on alice if aws-vault uses it.`,
      },
    ]);
    // The lint says the same, and what the SDKs do with it.
    const [lint] = (await lintOf(config)).filter((f) => f.profile === 'alice');
    expect(lint?.problem).toBe(
      'mfa_serial is set on alice, a profile with static keys: the AWS SDKs and the AWS CLI send an MFA code only for the mfa_serial of the profile with role_arn, so dev, ro, assumed from alice, send none (aws-vault does read it here, for GetSessionToken).',
    );
    expect(lint?.fix).toContain('to the role profiles whose roles require MFA: dev, ro (prod names its own)');
  });

  it('mfa_serial with no role profile using it: left, with the profiles to make', () => {
    const config = `[profile alice]\nmfa_serial = ${MFA}\n`;
    const { after, left } = fixConfigText(config, KEYS);
    expect(after).toBe(config);
    expect(left[0]?.what).toContain(
      `Add mfa_serial = ${MFA} to the role profiles you make from alice whose roles require MFA.`,
    );
  });

  it('mfa_serial in the credentials file: left, without a line of the config file', () => {
    const credentials = `${KEYS}mfa_serial = ${MFA}\n`;
    const config = `[profile dev]\nrole_arn = ${DEV_ROLE}\nsource_profile = alice\n`;
    const { after, left } = fixConfigText(config, credentials);
    expect(after).toBe(config);
    expect(left).toEqual([
      { profile: 'alice', what: expect.stringContaining('whose roles require MFA: dev.') },
    ]);
  });

  it('duration_seconds above 3600 on a chained role → 3600; on a first hop it stays', async () => {
    const config = [
      '[profile dev]',
      `role_arn = ${DEV_ROLE}`,
      'source_profile = alice',
      'duration_seconds = 43200',
      '[profile prod]',
      `role_arn = ${PROD_ROLE}`,
      'source_profile = dev',
      'duration_seconds = 7200 ; two hours',
      '',
    ].join('\n');
    const { after, fixed } = await fixedOf(
      config,
      /duration_seconds = 7200 on a profile reached by role chaining/,
    );
    expect(after).toBe(config.replace('7200 ; two', '3600 ; two'));
    expect(fixed).toEqual([
      { profile: 'prod', line: 8, what: expect.stringContaining('(prod → dev → alice)') },
    ]);
  });
});

describe('the file as it is written', () => {
  it('CRLF line endings stay CRLF, a removed line takes its own, and a last line without an ending stays so', () => {
    const config = `[dev]\r\nregion = eu-west-1\r\n\r\n[profile r]\r\nrole_arn = ${DEV_ROLE}\r\nsource_profile = alice\r\nsource_profile = alice`;
    const { after } = fixConfigText(config, KEYS);
    expect(after).toBe(
      `[profile dev]\r\nregion = eu-west-1\r\n\r\n[profile r]\r\nrole_arn = ${DEV_ROLE}\r\nsource_profile = alice`,
    );
  });

  it('nothing to fix: the same text, nothing said', () => {
    const config = `# only comments and a fine profile\n[profile dev]\nrole_arn = ${DEV_ROLE}\nsource_profile = alice\n`;
    expect(fixConfigText(config, KEYS)).toEqual({ after: config, fixed: [], left: [] });
  });

  it('a [__proto__] section (the SDK reads the file as empty): nothing fixed', () => {
    const config = '[__proto__]\nx = 1\n[dev]\nregion = eu-west-1\n';
    expect(fixConfigText(config, '').after).toBe(config);
  });
});

describe('planConfigFixes and writeEdit', () => {
  const clock = { now: () => Date.parse('2026-11-30T08:00:00.000Z') };

  it('writes the fixes with a 0600 backup of the file as it was, mode kept, credentials untouched', async () => {
    const config = `[dev]\nregion = eu-west-1\n[profile k]\naws_secret_access_key = ${SECRET}\n`;
    const env = filesOf(config);
    chmodSync(env.AWS_CONFIG_FILE, 0o640);
    const plan = await planConfigFixes(env);
    expect(plan.fixed).toHaveLength(1);
    expect(plan.notWritten).toBeUndefined();
    const shown = JSON.stringify(plan.edit?.diff);
    expect(shown).toContain(MASKED);
    expect(shown).not.toContain(SECRET);
    const written = await writeEdit(plan.edit as NonNullable<typeof plan.edit>, clock as never);
    if (!written.ok) throw new Error(written.message);
    expect(readFileSync(env.AWS_CONFIG_FILE, 'utf8')).toBe(config.replace('[dev]', '[profile dev]'));
    expect(statSync(env.AWS_CONFIG_FILE).mode & 0o777).toBe(0o640);
    expect(readFileSync(written.backup as string, 'utf8')).toBe(config);
    expect(statSync(written.backup as string).mode & 0o777).toBe(0o600);
    expect(readFileSync(env.AWS_SHARED_CREDENTIALS_FILE, 'utf8')).toBe(KEYS);
  });

  it('a config that is not UTF-8: the fixes are found and told as not written, in words', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]),
      Buffer.from(`\n[dev]\nregion = eu-west-1\n`),
    ]);
    const env = filesOf(latin1);
    const plan = await planConfigFixes(env);
    expect(plan.fixed.map((f) => f.profile)).toEqual(['dev']);
    expect(plan.edit).toBeUndefined();
    expect(plan.notWritten).toBe(
      `${env.AWS_CONFIG_FILE} is not UTF-8 text: rolecall changes it only by adding to its end. Change it by hand.`,
    );
    expect(readFileSync(env.AWS_CONFIG_FILE).equals(latin1)).toBe(true);
  });

  it('no config file: nothing to fix', async () => {
    const env = filesOf('');
    const plan = await planConfigFixes({ ...env, AWS_CONFIG_FILE: join(env.HOME, 'none') });
    expect(plan).toEqual({ path: join(env.HOME, 'none'), fixed: [], left: [] });
  });
});
