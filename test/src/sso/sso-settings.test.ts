// An Identity Center profile's settings, in both forms, and each thing missing or at odds said
// with the key to fix, before any token is read or call made.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfiles } from '../../../src/profiles/load';
import { ssoSettingsOf } from '../../../src/sso/sso-settings';
import { tempConfigDir } from '../../helpers/temp-dirs';

async function profilesOf(config: string) {
  const dir = tempConfigDir();
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), '');
  return loadProfiles({
    env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
  });
}

const SESSION = [
  '[sso-session corp]',
  'sso_start_url = https://corp.awsapps.com/start',
  'sso_region = eu-west-1',
  'sso_registration_scopes = sso:account:access, openid',
  '',
];

describe('ssoSettingsOf', () => {
  it('reads the sso-session form and the legacy form', async () => {
    const set = await profilesOf(
      [
        ...SESSION,
        '[profile dev]',
        'sso_session = corp',
        'sso_account_id = 222222222222',
        'sso_role_name = Dev',
        '[profile old]',
        'sso_start_url = https://old.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_account_id = 333333333333',
        'sso_role_name = ReadOnly',
      ].join('\n'),
    );
    expect(ssoSettingsOf(set, 'dev')).toEqual({
      profile: 'dev',
      session: 'corp',
      startUrl: 'https://corp.awsapps.com/start',
      region: 'eu-west-1',
      accountId: '222222222222',
      roleName: 'Dev',
      scopes: ['sso:account:access', 'openid'],
    });
    expect(ssoSettingsOf(set, 'old')).toEqual({
      profile: 'old',
      startUrl: 'https://old.awsapps.com/start',
      region: 'us-east-1',
      accountId: '333333333333',
      roleName: 'ReadOnly',
      scopes: [],
    });
  });

  it('names what is missing or at odds', async () => {
    const set = await profilesOf(
      [
        ...SESSION,
        '[profile nosession]',
        'sso_session = other',
        'sso_account_id = 222222222222',
        'sso_role_name = Dev',
        '[profile odds]',
        'sso_session = corp',
        'sso_region = us-east-1',
        'sso_account_id = 222222222222',
        'sso_role_name = Dev',
        '[profile noaccount]',
        'sso_session = corp',
        'sso_role_name = Dev',
        '[profile norole]',
        'sso_session = corp',
        'sso_account_id = 222222222222',
      ].join('\n'),
    );
    expect(() => ssoSettingsOf(set, 'nosession')).toThrow(
      /^Profile nosession: sso_session = other, and there is no \[sso-session other\] in /,
    );
    expect(() => ssoSettingsOf(set, 'odds')).toThrow(
      "Profile odds: its sso_region (us-east-1) differs from [sso-session corp]'s (eu-west-1): keep one.",
    );
    expect(() => ssoSettingsOf(set, 'noaccount')).toThrow(
      'Profile noaccount: sso_account_id must be the 12 digits of an account.',
    );
    expect(() => ssoSettingsOf(set, 'norole')).toThrow(
      'Profile norole: it names no sso_role_name (the permission set).',
    );
  });
});
