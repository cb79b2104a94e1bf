// The walkthrough's sandbox world: alice new, with nothing of her own but her keys, and the
// admins she would ask, whom the sandbox lets her play.
import { readFileSync } from 'node:fs';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { IDENTITY, PROD } from '../../../src/sandbox/seed';
import { failure, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;

beforeAll(async () => {
  sandbox = await startTestSandbox({ newcomer: true });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
});
afterAll(async () => {
  files.remove();
  await sandbox.close();
});

describe('the newcomer sandbox', () => {
  it('gives alice a config with only her own profile and the stand-in admins', () => {
    const config = readFileSync(files.configFile, 'utf8');
    const headers = config.split('\n').filter((line) => line.startsWith('['));
    expect(headers).toEqual(['[default]', '[profile alice]', '[profile lead]', '[profile lead-prod]']);
    expect(config).toContain(
      `# The sandbox's newcomer: you are alice, a user in the identity account (${IDENTITY}).`,
    );
    const credentials = readFileSync(files.credentialsFile, 'utf8');
    expect(credentials.split('\n').filter((line) => line.startsWith('['))).toEqual([
      '[default]',
      '[alice]',
      '[lead]',
    ]);
  });

  it('refuses alice any role in prod: she has no permission of her own yet', async () => {
    const alice = sandbox.sts(sandbox.seeded.keys.alice);
    const refused = await failure(
      alice.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${PROD}:role/ReadOnly`,
          RoleSessionName: 'alice',
          SerialNumber: sandbox.seeded.mfa[0]?.serial,
          TokenCode: await sandbox.aliceCode(),
        }),
      ),
    );
    expect(refused.name).toBe('AccessDenied');
  });

  it('lets the lead reach prod through the role lead-prod names', async () => {
    const config = readFileSync(files.configFile, 'utf8');
    const leadProd = config.slice(config.indexOf('[profile lead-prod]'));
    expect(leadProd).toMatch(/^source_profile = lead$/m);
    const roleArn = /^role_arn = (.+)$/m.exec(leadProd)?.[1] ?? '';
    const lead = sandbox.sts(sandbox.seeded.keys.lead ?? sandbox.seeded.keys.alice);
    const assumed = await lead.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'lead' }));
    const me = await sandbox
      .sts({
        accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
        secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
        sessionToken: assumed.Credentials?.SessionToken ?? '',
      })
      .send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toMatch(
      new RegExp(`^arn:aws:sts::${PROD}:assumed-role/OrganizationAccountAccessRole/lead$`),
    );
  });
});
