// Who the header says you are, as the JS SDK's default chain would be, against the sandbox.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerIdentity } from '../../../screens/app/shell/identity-words';
import { type AwsClients, awsClients } from '../../../src/aws/clients';
import { defaultIdentity } from '../../../src/credentials/default-identity';
import { loadProfiles } from '../../../src/profiles/load';
import type { ProfileSet } from '../../../src/profiles/profile-set';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { NOWHERE } from '../../helpers/nowhere';
import { startTestSandbox, type TestSandbox, testClients } from '../../helpers/sandbox';
import { tempConfigDir } from '../../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  env = {
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_ENDPOINT_URL: sandbox.endpoint,
  };
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

/**
 * The default identity in `environment`, asked with clients made from it, as the interface's
 * are; or with `clients` (NOWHERE's, when the environment names no endpoint and no call is due).
 */
function identityIn(environment: NodeJS.ProcessEnv, clients = awsClients({ env: environment })) {
  return defaultIdentity(environment, 'us-east-1', clients);
}

describe('the default identity', () => {
  it('is the default profile when nothing else is named', async () => {
    expect(await identityIn(env)).toEqual({
      kind: 'identity',
      arn: 'arn:aws:iam::111111111111:user/alice',
      account: '111111111111',
      userId: expect.stringMatching(/^AIDA/),
      source: 'profile default',
    });
  });

  it('is the role of the profile AWS_PROFILE names, assumed', async () => {
    const identity = await identityIn({ ...env, AWS_PROFILE: 'dev-developer' });
    expect(identity).toMatchObject({
      kind: 'identity',
      arn: expect.stringMatching(/^arn:aws:sts::222222222222:assumed-role\/Developer\//),
    });
  });

  it('says a profile needs an MFA code rather than asking for one', async () => {
    expect(await identityIn({ ...env, AWS_PROFILE: 'prod-admin' })).toEqual({
      kind: 'needs-mfa',
      profile: 'prod-admin',
    });
    expect(headerIdentity({ kind: 'needs-mfa', profile: 'prod-admin' }, {})).toEqual({
      header: { text: 'profile prod-admin: needs an MFA code', tone: 'warning' },
    });
  });

  it('prefers exported keys, unless AWS_PROFILE is set, as the JS SDK does', async () => {
    const bob = sandbox.seeded.keys.bob;
    const exported = {
      ...env,
      AWS_ACCESS_KEY_ID: bob.accessKeyId,
      AWS_SECRET_ACCESS_KEY: bob.secretAccessKey,
    };
    expect(await identityIn(exported)).toMatchObject({
      arn: 'arn:aws:iam::111111111111:user/bob',
      source: 'exported keys',
    });
    expect(await identityIn({ ...exported, AWS_PROFILE: 'alice' })).toMatchObject({
      arn: 'arn:aws:iam::111111111111:user/alice',
    });
  });

  it('sends exported keys’ call where the default profile’s endpoint_url says, as the JS SDK does', async () => {
    const dir = tempConfigDir();
    writeFileSync(join(dir, 'config'), `[default]\nendpoint_url = ${sandbox.endpoint}\n`);
    const bob = sandbox.seeded.keys.bob;
    const environment = {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'nope'),
      AWS_ACCESS_KEY_ID: bob.accessKeyId,
      AWS_SECRET_ACCESS_KEY: bob.secretAccessKey,
    };
    // As in the interface: the clients take the files' settings from the profiles as read.
    let read: ProfileSet | undefined;
    const made = awsClients({ env: environment, profiles: () => read });
    const clients: AwsClients = {
      ...made,
      // One made sooner would know no endpoint_url, and go to AWS itself: refused here instead.
      make: (...args) => {
        if (!read) throw new Error('a client was made before the profiles were read');
        return made.make(...args);
      },
    };
    const identity = await defaultIdentity(environment, 'us-east-1', clients, async () => {
      read = await loadProfiles({ env: environment });
      return read;
    });
    expect(identity).toMatchObject({ arn: 'arn:aws:iam::111111111111:user/bob', source: 'exported keys' });
  });

  it('says there are no credentials, once and short, when there are none', async () => {
    const dir = tempConfigDir();
    writeFileSync(join(dir, 'config'), '[default]\nregion = eu-west-1\n');
    const none = await identityIn(
      { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'nope') },
      testClients({ endpoint: NOWHERE }),
    );
    expect(none).toMatchObject({ kind: 'none', why: expect.stringContaining('default has no credentials') });
    // Said once, short, in the header: not on the status line, which would carry it under every
    // screen while the other profiles work.
    expect(headerIdentity(none, {})).toEqual({
      header: { text: 'profile default: no credentials', tone: 'warning' },
    });
    expect(headerIdentity(none, { AWS_PROFILE: 'nope' }).header.text).toBe('profile nope: no credentials');
    expect(await identityIn({ ...env, AWS_PROFILE: 'nope' })).toMatchObject({
      kind: 'none',
      why: 'There is no profile nope, so no credentials.',
    });
  });

  /** The default identity with only this config file (and no credentials file). */
  async function withConfig(config: string) {
    const dir = tempConfigDir();
    writeFileSync(join(dir, 'config'), config);
    return identityIn(
      { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'nope') },
      testClients({ endpoint: NOWHERE }),
    );
  }

  it('says a default profile is refused, and for which line, even when it names an MFA device', async () => {
    const refused = await withConfig(
      [
        '[default]',
        'role_arn = arn:aws:iam::222222222222:role/Admin',
        'source_profile = alice',
        'mfa_serial = arn:aws:iam::111111111111:mfa/alice',
        '[profile broken',
        'role_arn = arn:aws:iam::333333333333:role/Admin',
        '[profile alice]',
        'region = us-east-1',
        '',
      ].join('\n'),
    );
    expect(refused).toMatchObject({ kind: 'none', cause: { kind: 'refused', file: 'config', line: 5 } });
    expect(headerIdentity(refused, {}).header).toEqual({
      text: 'profile default: refused (line 5 of config)',
      tone: 'warning',
    });
  });

  it('says a default profile’s credentials come from where rolecall cannot take them yet', async () => {
    const sso = await withConfig(
      '[default]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n',
    );
    // SSO is taken now: a default profile naming a session the config lacks says so.
    expect(sso).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('sso_session = corp, and there is no [sso-session corp] in'),
    });
    const instance = await withConfig(
      '[default]\nrole_arn = arn:aws:iam::222222222222:role/Admin\ncredential_source = Ec2InstanceMetadata\n',
    );
    expect(headerIdentity(instance, {}).header.text).toBe(
      'profile default: credential_source Ec2InstanceMetadata, not supported yet',
    );
  });

  it('reports an endpoint nobody answers on as an error', async () => {
    const identity = await identityIn({ ...env, AWS_ENDPOINT_URL: NOWHERE });
    expect(identity).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('could not be reached'),
    });
  });
});

describe('the header’s words', () => {
  it('shorten an ARN to who and which account', () => {
    expect(
      headerIdentity(
        {
          kind: 'identity',
          arn: 'arn:aws:sts::222222222222:assumed-role/Developer/alice',
          account: '222222222222',
          source: 'x',
        },
        {},
      ).header,
    ).toEqual({
      text: 'Developer/alice · 222222222222',
      tone: 'ok',
    });
  });
});
