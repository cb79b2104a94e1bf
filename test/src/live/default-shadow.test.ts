// A [default] profile with credentials comes before the container endpoint in the SDKs: hidden
// when its credentials are in the credentials file alone, said when the config holds them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultShadow } from '../../../src/live/default-shadow';
import { LoadedProfiles } from '../../../src/profiles/loaded-profiles';
import { tempConfigDir } from '../../helpers/temp-dirs';

async function shadowOf(config: string, credentials: string) {
  const dir = tempConfigDir();
  const env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  writeFileSync(env.AWS_CONFIG_FILE, config);
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, credentials);
  return defaultShadow(env, (e) => new LoadedProfiles(e).read());
}

const KEYS = 'aws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = secretsecretsecret\n';

describe('the [default] profile against the endpoint', () => {
  it('hides the credentials file when [default]’s keys are there alone, its region in the config', async () => {
    const shadow = await shadowOf('[default]\nregion = eu-west-1\n', `[default]\n${KEYS}`);
    expect(shadow).toMatchObject({ kind: 'hidden', set: { AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } });
  });

  it('says so when the config gives [default] credentials (keys, or a role)', async () => {
    expect(await shadowOf(`[default]\n${KEYS}`, '')).toMatchObject({ kind: 'said' });
    const role = await shadowOf(
      '[default]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = me\n',
      `[me]\n${KEYS}`,
    );
    expect(role).toMatchObject({ kind: 'said' });
  });

  it('is nothing to say when [default] has no credentials, or is not there', async () => {
    expect(await shadowOf('[default]\nregion = eu-west-1\n', `[me]\n${KEYS}`)).toBeUndefined();
    expect(await shadowOf('', '')).toBeUndefined();
  });
});
