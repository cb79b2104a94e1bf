// `rolecall trust-policy` from the built bin, as a script runs it: the JSON it prints, the usage
// errors (exit 2) that name the flag, and a printed policy that the sandbox's IAM saves and STS
// then enforces.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTERNAL_ID } from '../../src/aws-shapes/request-fields';
import { DEV, IDENTITY } from '../../src/sandbox/seed';
import { runBuiltBin } from '../helpers/built-bin';
import { adjustableClock, failure, type Keys, startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
};
const trustPolicy = (...flags: string[]) => runBuiltBin(['trust-policy', ...flags], env);

describe('rolecall trust-policy prints', () => {
  it('another account with MFA no older than an hour, as the AWS docs write it', async () => {
    const run = await trustPolicy('--account', '111122223333', '--mfa', '--mfa-max-age', '1h');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    // 2-space indent and a final newline, ready for --assume-role-policy-document file://…
    expect(run.stdout).toBe(
      `${JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 'sts:AssumeRole',
              Condition: {
                Bool: { 'aws:MultiFactorAuthPresent': 'true' },
                NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
              },
            },
          ],
        },
        null,
        2,
      )}\n`,
    );
  });

  it('accounts and roles in one statement, services with their guard in another', async () => {
    const run = await trustPolicy(
      '--account',
      '111122223333',
      '--principal',
      'arn:aws:iam::444455556666:role/Deployer',
      '--service',
      'ec2',
      '--service',
      'lambda.amazonaws.com',
      '--external-id',
      'vendor-42',
      '--org-id',
      'o-abcdefghij',
      '--source-account',
      '111122223333',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:role/Deployer'] },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'vendor-42', 'aws:PrincipalOrgID': 'o-abcdefghij' } },
      },
      {
        Effect: 'Allow',
        Principal: { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      },
    ]);
  });

  it('a new external ID each run with --generate-external-id', async () => {
    const externalIdOf = async () => {
      const run = await trustPolicy('--account', '111122223333', '--generate-external-id');
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout).Statement[0].Condition.StringEquals['sts:ExternalId'] as string;
    };
    const [first, second] = await Promise.all([externalIdOf(), externalIdOf()]);
    expect(first).toMatch(EXTERNAL_ID);
    expect(second).toMatch(EXTERNAL_ID);
    expect(first).not.toBe(second);
  });
});

describe('rolecall trust-policy refuses, with exit code 2 and nothing on standard output', () => {
  it('an account ID that is not 12 digits, naming the flag and the value', async () => {
    const run = await trustPolicy('--account', '111122223333', '--account', '12345');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(
      'error: --account: "12345" is not an account ID: an account ID is 12 digits.',
    );
  });

  it('a --principal that is not a user or role ARN, and a --mfa-max-age it cannot read', async () => {
    const principal = await trustPolicy('--principal', 'arn:aws:iam::111122223333:group/admins');
    expect(principal).toMatchObject({ code: 2, stdout: '' });
    expect(principal.stderr).toContain(
      'error: --principal: "arn:aws:iam::111122223333:group/admins" is not an IAM user or role ARN',
    );
    const age = await trustPolicy('--account', '111122223333', '--mfa-max-age', 'soon');
    expect(age).toMatchObject({ code: 2, stdout: '' });
    expect(age.stderr).toContain('error: --mfa-max-age "soon": type it as 1h, 90m or 3600.');
  });

  it('an empty value', async () => {
    const run = await trustPolicy('--account', '111122223333', '--service', '');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('error: --service "": an empty value; give one, or leave the flag out.');
  });

  it('--external-id together with --generate-external-id', async () => {
    const run = await trustPolicy(
      '--account',
      '111122223333',
      '--external-id',
      'x1',
      '--generate-external-id',
    );
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain("'--generate-external-id' cannot be used with option '--external-id <id>'");
  });

  it('no one to trust, saying how to name one', async () => {
    const run = await trustPolicy('--mfa');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(
      'error: name who may assume the role: --account ID, --principal ARN or --service NAME',
    );
  });

  it('a condition for principals it does not trust, rather than dropping it', async () => {
    const run = await trustPolicy('--service', 'ec2', '--external-id', 'vendor-42');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(
      'error: --external-id "vendor-42": an external ID applies only to accounts, users and roles',
    );
  });
});

describe('a printed trust policy, saved by IAM and enforced by STS', () => {
  let sandbox: TestSandbox;
  const clock = adjustableClock();
  const keysOf = (out: {
    Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string };
  }): Keys => ({
    accessKeyId: out.Credentials?.AccessKeyId ?? '',
    secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
    sessionToken: out.Credentials?.SessionToken ?? '',
  });
  const mfa = async () => ({
    SerialNumber: `arn:aws:iam::${IDENTITY}:mfa/alice`,
    TokenCode: await sandbox.aliceCode(),
  });

  beforeAll(async () => {
    sandbox = await startTestSandbox({ clock });
  });
  afterAll(() => sandbox?.close());

  it('lets the identity account in with MFA, and not without', async () => {
    const run = await trustPolicy('--account', IDENTITY, '--mfa');
    expect(run.code).toBe(0);
    const admin = sandbox.iam(
      keysOf(
        await sandbox.sts(sandbox.seeded.keys.alice).send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${DEV}:role/Admin`,
            RoleSessionName: 'builder',
            ...(await mfa()),
          }),
        ),
      ),
    );
    await admin.send(new CreateRoleCommand({ RoleName: 'Built', AssumeRolePolicyDocument: run.stdout }));

    const roleArn = `arn:aws:iam::${DEV}:role/Built`;
    const alice = sandbox.sts(sandbox.seeded.keys.alice);
    expect(
      await failure(alice.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'no-mfa' }))),
    ).toMatchObject({
      name: 'AccessDenied',
    });
    // A code is good once: the next window's.
    clock.advance(30_000);
    const out = await alice.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'with-mfa', ...(await mfa()) }),
    );
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/Built/with-mfa`);
  });
});

describe('rolecall trust-policy --check', () => {
  const file = (name: string, text: string) => {
    const path = join(tempConfigDir(), name);
    writeFileSync(path, text);
    return path;
  };

  it('finds nothing in a policy it printed, and exits 0', async () => {
    const printed = await trustPolicy('--account', '111122223333', '--external-id', 'partner-42');
    const run = await trustPolicy('--check', file('printed.json', printed.stdout));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('no findings');
  });

  it('names what IAM would refuse, with its path, and exits 1; --json says the same for machines', async () => {
    const bad = file(
      'bad.json',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Resource: '*' }],
      }),
    );
    const run = await trustPolicy('--check', bad);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^error\s+\$\.Statement\[0\]\.Resource\s+.*Remove Resource/m);
    const json = await trustPolicy('--check', bad, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toContainEqual(
      expect.objectContaining({ severity: 'error', path: '$.Statement[0].Resource' }),
    );
  });

  it('exits 2 for a file it cannot read, and for flags that would build a policy instead', async () => {
    const missing = await trustPolicy('--check', join(tempConfigDir(), 'nowhere.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no such file');
    const mixed = await trustPolicy('--check', '-', '--mfa');
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--check reads a policy; --mfa would build one');
    const json = await trustPolicy('--account', '111122223333', '--json');
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('--json goes with --check');
  });
});
