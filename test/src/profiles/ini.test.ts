// rolecall's line-aware reading of the AWS files gives, for every input, exactly the profiles the
// JS SDK's own loadSharedConfigFiles gives: the lines it records are only worth having if the
// values are the SDK's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { describe, expect, it } from 'vitest';
import { parseIniLines } from '../../../src/profiles/ini';
import { sdkProfiles } from '../../../src/profiles/load';
import { tempConfigDir } from '../../helpers/temp-dirs';

const INPUTS: Record<string, string> = {
  'broken header merges into the profile above': `[profile prod]
role_arn = arn:aws:iam::333333333333:role/ReadOnly
[profile broken
role_arn = arn:aws:iam::222222222222:role/Developer
source_profile = alice
`,
  'header with a comment glued on': `[profile a]
region = eu-west-1
[profile b]#note
region = us-east-1
`,
  'header with a spaced comment': '[profile a] # note\nregion = eu-west-1 ; inline\nb = c#d\n',
  'section and key given twice': `[profile a]
region = eu-west-1
region = us-east-1
[profile b]
output = json
[profile a]
output = text
`,
  'default and profile default, either order': `[profile default]
region = us-east-1
[default]
region = eu-west-1
output = json
`,
  'names the SDK drops or keeps': `[profile has space]
region = a
[profile café]
region = b
[profile  two]
region = c
[bare]
region = d
[profile "quoted"]
region = e
[profile a.b]
region = f
[ profile padded ]
region = g
[]
region = h
[sso-session corp]
sso_region = us-east-1
[services s]
sts =
  endpoint_url = http://127.0.0.1:1
`,
  'sub-sections and indentation': `[profile a]
s3 =
  max_concurrent_requests = 10
  multipart_threshold = 64MB
region = eu-west-1
  indented = yes
=novalue
no equals here
`,
  'windows line ends and a BOM':
    '\uFEFF[profile a]\r\nregion = eu-west-1\r\n[profile b]\r\nregion = us-east-1\r\n',
  'prototype names': '[profile constructor]\nregion = a\n[toString]\nregion = b\n[profile ok]\nregion = c\n',
  '__proto__ empties the file': '[profile a]\nregion = a\n[profile __proto__]\nregion = b\n',
  'header-only sections': '[profile empty]\n\n[profile full]\nregion = x\n[profile empty-again]\n',
};

describe('reading the AWS files line by line', () => {
  for (const [name, text] of Object.entries(INPUTS)) {
    it(`gives the SDK's own profiles: ${name}`, async () => {
      const dir = tempConfigDir();
      const config = join(dir, 'config');
      const credentials = join(dir, 'credentials');
      writeFileSync(config, text);
      writeFileSync(credentials, text);
      const sdk = await loadSharedConfigFiles({
        configFilepath: config,
        filepath: credentials,
        ignoreCache: true,
      });
      const ini = parseIniLines(text);
      // A credentials section named like a property of Object.prototype ([toString]) gets that
      // built-in function as its value in the SDK's map, with the keys hung on it: rolecall drops
      // it and says so (file-findings.test.ts), rather than read a profile off a shared function.
      const builtIn = (n: string) => n in Object.prototype;
      const sdkConfig = Object.fromEntries(
        Object.entries(sdk.configFile).filter(([n]) => !/^(sso-session|services)\./.test(n)),
      );
      const sdkCredentials = Object.fromEntries(
        Object.entries(sdk.credentialsFile).filter(([n]) => !n.startsWith('profile.') && !builtIn(n)),
      );
      expect(Object.fromEntries(sdkProfiles(ini, 'config'))).toEqual(sdkConfig);
      expect(Object.fromEntries(sdkProfiles(ini, 'credentials'))).toEqual(sdkCredentials);
    });
  }

  it('records which lines fed each section, and where a broken header sent its keys', () => {
    const ini = parseIniLines(INPUTS['broken header merges into the profile above'] ?? '');
    expect(ini.sections.get('profile.prod')?.settings.map((s) => [s.key, s.line])).toEqual([
      ['role_arn', 2],
      ['role_arn', 4],
      ['source_profile', 5],
    ]);
    expect(ini.strays).toEqual([
      expect.objectContaining({
        line: 3,
        header: true,
        into: 'profile.prod',
        settings: [
          expect.objectContaining({ key: 'role_arn', line: 4 }),
          expect.objectContaining({ key: 'source_profile', line: 5 }),
        ],
      }),
    ]);
  });
});
