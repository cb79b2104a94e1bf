// Where an assume's defaults come from, the same for the assume form and `rolecall env`: the
// region, the duration and the session name, each from the profile first, then the environment
// or the settings.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssumeDefaultRules } from '../../../src/assuming/assume-defaults';
import type { RoleHop } from '../../../src/profiles/chain';
import { loadProfiles } from '../../../src/profiles/load';
import { roleProfilesIn, roleRows } from '../../../src/role-listing/role-rows';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';
import { tempConfigDir } from '../../helpers/temp-dirs';

const NOW = Date.parse('2026-11-23T09:00:00Z');

async function profiles() {
  const dir = tempConfigDir();
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(
    configFile,
    [
      '[profile plain]',
      'role_arn = arn:aws:iam::222222222222:role/Plain',
      'source_profile = alice',
      '[profile tuned]',
      'role_arn = arn:aws:iam::222222222222:role/Tuned',
      'source_profile = alice',
      'region = eu-west-1',
      'duration_seconds = 1800',
      'role_session_name = tuned-by-hand',
      '[profile chained]',
      'role_arn = arn:aws:iam::222222222222:role/Chained',
      'source_profile = plain',
      '',
    ].join('\n'),
  );
  writeFileSync(
    credentialsFile,
    '[alice]\naws_access_key_id = AKIAALICE00000000001\naws_secret_access_key = secret\n',
  );
  return loadProfiles({ env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile } });
}

async function rowsOf(set: Awaited<ReturnType<typeof profiles>>) {
  const rows = roleRows('222222222222', roleProfilesIn(set, '222222222222'), []);
  return (profile: string) => {
    const row = rows.find((r) => r.profile?.name === profile);
    if (!row) throw new Error(`no ${profile} row`);
    return row;
  };
}

function rules(env: NodeJS.ProcessEnv, settings: Partial<typeof DEFAULT_SETTINGS> = {}) {
  return new AssumeDefaultRules({
    env,
    settings: () => ({ ...DEFAULT_SETTINGS, defaultRegion: 'us-east-2', ...settings }),
    clock: { now: () => NOW },
  });
}

describe('the defaults of an assume', () => {
  it('take the profile’s region, else AWS_REGION, else the settings’ (an empty AWS_REGION is unset)', async () => {
    const set = await profiles();
    expect(rules({ AWS_REGION: 'ap-south-1' }).regionOf(set, 'tuned')).toBe('eu-west-1');
    expect(rules({ AWS_REGION: 'ap-south-1' }).regionOf(set, 'plain')).toBe('ap-south-1');
    expect(rules({ AWS_REGION: '' }).regionOf(set, 'plain')).toBe('us-east-2');
    expect(rules({}).forProviders().defaultRegion).toBe('us-east-2');
  });

  it('take the profile’s duration_seconds, else the settings’, and cap a chained role at 1h', async () => {
    const set = await profiles();
    const defaults = rules({}, { defaultSessionSeconds: 7200 });
    const row = await rowsOf(set);
    expect(defaults.requests()(row('tuned')).durationSeconds).toBe(1800);
    expect(defaults.requests()(row('plain')).durationSeconds).toBe(7200);
    const chained = { arn: 'x', account: '222222222222', principalArn: 'x', mfa: false, chained: true };
    expect(defaults.forForm(set, row('chained'), chained)).toMatchObject({
      durationSeconds: 3600,
      maxSeconds: 3600,
      capReason: expect.stringContaining('role chaining'),
    });
    expect(defaults.forProviders().defaultDurationSeconds).toBe(7200);
  });

  it('name the session from the template, unless the profile names it', async () => {
    const set = await profiles();
    const defaults = rules({ USER: 'builder' }, { sessionNameTemplate: 'rc-{profile}-{role}-{time}' });
    const row = await rowsOf(set);
    const send = defaults.requests();
    expect(send(row('plain')).sessionName).toBe(`rc-plain-Plain-${NOW / 1000}`);
    expect(send(row('tuned')).sessionName).toBe('tuned-by-hand');
    // What `rolecall env` names each hop of a chain with.
    const hop: RoleHop = { profile: 'plain', roleArn: 'arn:aws:iam::222222222222:role/Plain' };
    expect(defaults.forProviders().sessionName(hop)).toBe(`rc-plain-Plain-${NOW / 1000}`);
  });
});
