// Every profile shape, chains, cycles and every lint finding, on AWS files in a temp directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveChain } from '../../../src/profiles/chain';
import { lintProfiles } from '../../../src/profiles/lint';
import { loadProfiles, profileFiles } from '../../../src/profiles/load';
import { tempConfigDir } from '../../helpers/temp-dirs';

const ROLE = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

function awsHome(config: string, credentials: string) {
  const dir = tempConfigDir();
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), credentials);
  return { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
}

const CONFIG = `
[default]
region = eu-west-1

[profile alice]
region = us-east-1
mfa_serial = arn:aws:iam::111111111111:mfa/alice

[profile dev]
role_arn = ${ROLE('222222222222', 'Developer')}
source_profile = alice
external_id = ext-1
duration_seconds = 7200
role_session_name = alice-dev
region = eu-central-1

[profile dev-admin]
role_arn = ${ROLE('222222222222', 'Admin')}
source_profile = alice
mfa_serial = arn:aws:iam::111111111111:mfa/alice

[profile chained]
role_arn = ${ROLE('222222222222', 'ReadOnly')}
source_profile = dev
duration_seconds = 7200

[profile from-env]
role_arn = ${ROLE('333333333333', 'Ops')}
credential_source = Environment

[profile both]
role_arn = ${ROLE('333333333333', 'Ops')}
source_profile = alice
credential_source = Environment

[profile lonely-role]
role_arn = ${ROLE('333333333333', 'Ops')}

[profile missing-source]
role_arn = ${ROLE('333333333333', 'Ops')}
source_profile = nobody

[profile loop-a]
role_arn = ${ROLE('333333333333', 'A')}
source_profile = loop-b

[profile loop-b]
role_arn = ${ROLE('333333333333', 'B')}
source_profile = loop-a

[profile self]
role_arn = ${ROLE('333333333333', 'Self')}
source_profile = self

[profile keys-and-role]
role_arn = ${ROLE('333333333333', 'Hop')}
source_profile = alice

[profile via-keys-and-role]
role_arn = ${ROLE('333333333333', 'Top')}
source_profile = keys-and-role

[profile sso]
sso_session = corp
sso_account_id = 444444444444
sso_role_name = Admin

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile process]
credential_process = /usr/local/bin/get-creds

[profile ci-oidc]
role_arn = ${ROLE('333333333333', 'Ci')}
web_identity_token_file = /var/run/secrets/token

[bare]
region = us-west-2

[profile unclosed
region = eu-west-1
`;

const CREDENTIALS = `
[alice]
aws_access_key_id = AKIAALICEEXAMPLE0001
aws_secret_access_key = alice-secret

[self]
aws_access_key_id = AKIASELFEXAMPLE00001
aws_secret_access_key = self-secret

[keys-and-role]
aws_access_key_id = AKIAKEYSEXAMPLE00001
aws_secret_access_key = keys-secret

[half]
aws_access_key_id = AKIAHALFEXAMPLE00001

[profile prefixed]
aws_access_key_id = AKIAPREFIXEXAMPLE001
aws_secret_access_key = prefixed-secret
`;

describe('loading profiles with the SDK’s parser', () => {
  it('reads every shape of profile', async () => {
    const set = await loadProfiles({ env: awsHome(CONFIG, CREDENTIALS) });
    const kinds = Object.fromEntries([...set.profiles.values()].map((p) => [p.name, p.kind]));
    expect(kinds).toMatchObject({
      default: 'no-credentials',
      alice: 'static',
      dev: 'assume-role',
      'dev-admin': 'assume-role',
      chained: 'assume-role',
      'from-env': 'assume-role',
      both: 'invalid',
      'lonely-role': 'invalid',
      sso: 'sso',
      process: 'credential-process',
      'ci-oidc': 'web-identity',
      half: 'invalid',
    });
    expect(set.profiles.get('dev')).toMatchObject({
      roleArn: ROLE('222222222222', 'Developer'),
      sourceProfile: 'alice',
      externalId: 'ext-1',
      durationSeconds: 7200,
      roleSessionName: 'alice-dev',
      region: 'eu-central-1',
    });
    // The config and credentials files merge key by key: alice has her region and her keys.
    expect(set.profiles.get('alice')).toMatchObject({
      region: 'us-east-1',
      definedIn: ['config', 'credentials'],
    });
    // The JS SDK drops a bare [x] in the config file.
    expect(set.profiles.has('bare')).toBe(false);
  });

  it('merges the files key by key with the credentials file winning, and lets [profile default] replace [default]', async () => {
    const set = await loadProfiles({
      env: awsHome(
        '[default]\nregion = eu-west-1\n\n[profile default]\nregion = ap-south-1\n\n[profile both]\nregion = us-west-1\naws_access_key_id = AKIACONFIGEXAMPLE001\naws_secret_access_key = from-config\n',
        '[both]\naws_secret_access_key = from-credentials\n',
      ),
    });
    expect(set.profiles.get('default')?.region).toBe('ap-south-1');
    expect(set.profiles.get('both')?.region).toBe('us-west-1');
    expect(set.staticKeys('both')).toEqual({
      accessKeyId: 'AKIACONFIGEXAMPLE001',
      secretAccessKey: 'from-credentials',
    });
  });

  it('keeps secrets out of the profiles, and gives them only when asked', async () => {
    const set = await loadProfiles({ env: awsHome(CONFIG, CREDENTIALS) });
    expect(JSON.stringify([...set.profiles.values()])).not.toContain('alice-secret');
    expect(set.staticKeys('alice')).toEqual({
      accessKeyId: 'AKIAALICEEXAMPLE0001',
      secretAccessKey: 'alice-secret',
    });
    expect(set.staticKeys('dev')).toBeUndefined();
  });

  it('honours AWS_PROFILE, and never AWS_DEFAULT_PROFILE', async () => {
    const files = awsHome(CONFIG, CREDENTIALS);
    expect((await loadProfiles({ env: { ...files, AWS_PROFILE: 'dev' } })).selected).toBe('dev');
    expect((await loadProfiles({ env: { ...files, AWS_DEFAULT_PROFILE: 'dev' } })).selected).toBe('default');
  });

  it('finds ~/.aws in the HOME of the environment it is given, as the SDK finds it in its own', async () => {
    const home = tempConfigDir();
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[profile at-home]\nregion = eu-west-2\n');
    expect((await loadProfiles({ env: { HOME: home } })).profiles.get('at-home')?.region).toBe('eu-west-2');
    expect(profileFiles({ HOME: home, AWS_SHARED_CREDENTIALS_FILE: '~/keys' })).toEqual({
      configFile: join(home, '.aws', 'config'),
      credentialsFile: join(home, 'keys'),
    });
  });

  it('reads a file again after it changes', async () => {
    const files = awsHome(CONFIG, CREDENTIALS);
    await loadProfiles({ env: files });
    writeFileSync(files.AWS_CONFIG_FILE, `${CONFIG}\n[profile added]\nregion = us-east-2\n`);
    expect((await loadProfiles({ env: files })).profiles.has('added')).toBe(true);
  });

  it('treats missing files as empty and reports an unreadable one', async () => {
    const dir = tempConfigDir();
    const none = await loadProfiles({
      env: { AWS_CONFIG_FILE: join(dir, 'nope'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'nope2') },
    });
    expect(none.profiles.size).toBe(0);
    expect(none.unreadable).toEqual([]);
    // A directory where the file should be: unreadable for root too.
    const blocked = join(tempConfigDir(), 'config');
    mkdirSync(blocked);
    const unreadable = await loadProfiles({
      env: { AWS_CONFIG_FILE: blocked, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'nope2') },
    });
    expect(unreadable.unreadable).toEqual([{ file: blocked, reason: 'EISDIR' }]);
    expect(unreadable.profiles.size).toBe(0);
  });
});

describe('source_profile chains, as the SDK resolves them', () => {
  it('assumes a role from a profile with keys', async () => {
    const set = await loadProfiles({ env: awsHome(CONFIG, CREDENTIALS) });
    expect(resolveChain(set, 'dev-admin')).toMatchObject({
      hops: [
        {
          profile: 'dev-admin',
          roleArn: ROLE('222222222222', 'Admin'),
          mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
        },
      ],
      base: { kind: 'static', profile: 'alice' },
      chained: false,
    });
  });

  it('counts hops: a role from a role is chained', async () => {
    const set = await loadProfiles({ env: awsHome(CONFIG, CREDENTIALS) });
    const chain = resolveChain(set, 'chained');
    expect(chain.hops.map((h) => h.profile)).toEqual(['chained', 'dev']);
    expect(chain).toMatchObject({
      chained: true,
      base: { kind: 'static', profile: 'alice' },
      visited: ['chained', 'dev', 'alice'],
    });
  });

  it('lets static keys win at a later hop, but not at the first', async () => {
    const set = await loadProfiles({ env: awsHome(CONFIG, CREDENTIALS) });
    expect(resolveChain(set, 'via-keys-and-role')).toMatchObject({
      hops: [{ profile: 'via-keys-and-role' }],
      base: { kind: 'static', profile: 'keys-and-role' },
    });
    expect(resolveChain(set, 'keys-and-role')).toMatchObject({
      hops: [{ profile: 'keys-and-role' }],
      base: { profile: 'alice' },
    });
  });

  it('takes credential_source and a profile naming itself with keys as bases', async () => {
    const set = await loadProfiles({ env: awsHome(CONFIG, CREDENTIALS) });
    expect(resolveChain(set, 'from-env').base).toEqual({
      kind: 'credential-source',
      profile: 'from-env',
      source: 'Environment',
    });
    expect(resolveChain(set, 'self')).toMatchObject({
      hops: [{ profile: 'self' }],
      base: { kind: 'static', profile: 'self' },
    });
  });

  it('says what breaks a chain: a loop, a missing source, no credentials', async () => {
    const set = await loadProfiles({ env: awsHome(CONFIG, CREDENTIALS) });
    expect(resolveChain(set, 'loop-a').problem).toBe('source_profile loops: loop-a → loop-b → loop-a');
    expect(resolveChain(set, 'missing-source').problem).toBe(
      'source_profile nobody of missing-source names no profile',
    );
    expect(resolveChain(set, 'default').problem).toBe(
      'default has no credentials (keys, role_arn, sso or credential_process)',
    );
    expect(resolveChain(set, 'nothing').problem).toBe('there is no profile nothing');
  });
});

describe('lint', () => {
  it('finds each problem and says how to fix it', async () => {
    const set = await loadProfiles({ env: awsHome(CONFIG, CREDENTIALS) });
    const findings = lintProfiles(set);
    const about = (profile: string) =>
      findings.filter((f) => f.profile === profile).map((f) => `${f.problem} | ${f.fix}`);

    expect(about('alice')).toEqual([
      'mfa_serial is set on alice, a profile with static keys: the AWS SDKs and the AWS CLI send an MFA code only for the mfa_serial of the profile with role_arn, so dev, keys-and-role, assumed from alice, send none (aws-vault does read it here, for GetSessionToken). | Add mfa_serial = arn:aws:iam::111111111111:mfa/alice to the role profiles whose roles require MFA: dev, keys-and-role (dev-admin names its own). Keep it on alice if aws-vault uses it.',
    ]);
    expect(about('missing-source')).toEqual([
      'source_profile nobody names no profile. | Add a [profile nobody] section, or fix the name in source_profile.',
    ]);
    // A loop is reported once, on one of its profiles.
    expect(about('loop-a')).toEqual([
      'source_profile loops: loop-a → loop-b → loop-a. | Point one profile in the loop at a profile with keys (or credential_source).',
    ]);
    expect(about('loop-b')).toEqual([]);
    expect(about('both')[0]).toMatch(
      /^Both source_profile and credential_source are set.* \| Keep one of them\.$/,
    );
    expect(about('chained')).toEqual([
      'duration_seconds = 7200 on a profile reached by role chaining (chained → dev → alice), which AWS caps at one hour; the JS SDK fails. | Set duration_seconds = 3600 or less, or take the source credentials from a profile with keys.',
    ]);
    // Under [bare], which the SDK drops, the setting is lost with it.
    expect(about('unclosed')).toEqual([
      expect.stringMatching(
        /^Line 82 of \S+config, "\[profile unclosed", is not a section header, so the AWS SDK for JavaScript gives the setting under it \(region on line 83\) to \[bare\] above it, a section it ignores, so they are lost; the AWS CLI refuses the file\. \| Make it a header: \[profile unclosed\]\.$/,
      ),
    ]);
    expect(about('bare')).toEqual([
      expect.stringMatching(
        /^\[bare\] on line 79 of \S+config is ignored by the AWS SDK for JavaScript, with the settings under it: in the config file it reads only \[default\] and \[profile NAME\]\. \| Rename the section to \[profile bare\]\.$/,
      ),
    ]);
    expect(about('prefixed')).toEqual([
      expect.stringMatching(
        /^\[profile prefixed\] on line 17 of \S+credentials is read as a profile named "profile\.prefixed" by the AWS SDK for JavaScript, not as prefixed\. \| Rename the section to \[prefixed\]: the credentials file names profiles without the word "profile"\.$/,
      ),
    ]);
    expect(about('lonely-role')[0]).toMatch(
      /neither source_profile nor credential_source\. \| Add source_profile/,
    );
    expect(about('half')[0]).toMatch(/only one of aws_access_key_id and aws_secret_access_key/);
    // A sound setup has nothing to say.
    for (const name of ['dev', 'dev-admin', 'from-env', 'self', 'sso', 'process', 'default'])
      expect(about(name)).toEqual([]);
  });
});

describe('the sandbox’s AWS files', () => {
  it('hold every profile shape rolecall must handle, and nothing the lint objects to', async () => {
    const { seedWorld } = await import('../../../src/sandbox/seed');
    const { writeSandboxAwsFiles } = await import('../../../src/sandbox/aws-files');
    const files = writeSandboxAwsFiles(seedWorld(), 'http://127.0.0.1:1');
    try {
      const set = await loadProfiles({
        env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile },
      });
      expect(lintProfiles(set)).toEqual([]);
      expect(set.profiles.get('alice')?.kind).toBe('static');
      expect(resolveChain(set, 'dev-admin').hops[0]?.mfaSerial).toBe('arn:aws:iam::111111111111:mfa/alice');
      expect(resolveChain(set, 'dev-deployer').hops[0]?.externalId).toBe('dev-deploy-1b2c');
      expect(resolveChain(set, 'dev-readonly-via-developer')).toMatchObject({
        chained: true,
        base: { profile: 'alice' },
      });
    } finally {
      files.remove();
    }
  });
});
