// The key cases again through the real AWS CLI (Debian's awscli, /usr/bin/aws). That version
// ignores AWS_ENDPOINT_URL and endpoint_url, so every call passes --endpoint-url, and only
// key profiles or exported keys are used: a role profile would make the CLI call real AWS.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { DEV, IDENTITY, PROD } from '../../src/sandbox/seed';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';

const AWS = '/usr/bin/aws';
const run = promisify(execFile);
let sandbox: TestSandbox;
let files: SandboxAwsFiles;

beforeAll(async () => {
  if (!existsSync(AWS)) throw new Error(`${AWS} is missing: apt-get install awscli (.ci/run does).`);
  sandbox = await startTestSandbox({ extraRoles: 250 });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

interface Keys {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
}

/** Runs the aws CLI against the sandbox; resolves with stdout parsed as JSON, or the error text. */
async function aws(args: string[], options: { profile?: string; keys?: Keys } = {}) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...(options.keys
      ? {
          AWS_ACCESS_KEY_ID: options.keys.AccessKeyId,
          AWS_SECRET_ACCESS_KEY: options.keys.SecretAccessKey,
          ...(options.keys.SessionToken ? { AWS_SESSION_TOKEN: options.keys.SessionToken } : {}),
        }
      : { AWS_PROFILE: options.profile ?? 'alice' }),
  };
  try {
    const { stdout } = await run(AWS, [...args, '--endpoint-url', sandbox.endpoint, '--output', 'json'], {
      env,
      timeout: 20_000,
    });
    return { ok: true as const, json: stdout.trim() ? JSON.parse(stdout) : undefined };
  } catch (error) {
    return { ok: false as const, stderr: String((error as { stderr?: string }).stderr) };
  }
}

/** The arguments of `aws sts assume-role` for a role, session name "cli". */
function assumeRole(roleArn: string, ...extra: string[]): string[] {
  return ['sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'cli', ...extra];
}

async function assumeWithCli(roleArn: string, extra: string[] = [], profile = 'alice') {
  const result = await aws(assumeRole(roleArn, ...extra), { profile });
  if (!result.ok) throw new Error(result.stderr);
  return result.json.Credentials as Keys;
}

describe('the AWS CLI against the sandbox', () => {
  it('get-caller-identity with a key profile', async () => {
    expect(await aws(['sts', 'get-caller-identity'])).toMatchObject({
      ok: true,
      json: { Account: IDENTITY, Arn: `arn:aws:iam::${IDENTITY}:user/alice` },
    });
  });

  it('assume-role without MFA, and a refusal where MFA is needed', async () => {
    const keys = await assumeWithCli(`arn:aws:iam::${DEV}:role/Developer`);
    expect(keys.AccessKeyId).toMatch(/^ASIA/);
    const refused = await aws(assumeRole(`arn:aws:iam::${PROD}:role/ReadOnly`));
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? '' : refused.stderr).toContain(
      `An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::${IDENTITY}:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${PROD}:role/ReadOnly`,
    );
  });

  it('assume-role with an MFA code, and AWS’s message for a wrong one', async () => {
    const serial = `arn:aws:iam::${IDENTITY}:mfa/alice`;
    const good = await sandbox.aliceCode();
    const wrong = good === '000000' ? '111111' : '000000';
    const refused = await aws(
      assumeRole(`arn:aws:iam::${PROD}:role/ReadOnly`, '--serial-number', serial, '--token-code', wrong),
    );
    expect(refused.ok ? '' : refused.stderr).toContain(
      'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );
    const keys = await assumeWithCli(`arn:aws:iam::${PROD}:role/ReadOnly`, [
      '--serial-number',
      serial,
      '--token-code',
      good,
    ]);
    const me = await aws(['sts', 'get-caller-identity'], { keys });
    expect(me).toMatchObject({ json: { Arn: `arn:aws:sts::${PROD}:assumed-role/ReadOnly/cli` } });
  });

  it('assume-role with and without the external ID a role asks for', async () => {
    const deployer = `arn:aws:iam::${DEV}:role/Deployer`;
    const refused = await aws(assumeRole(deployer), { profile: 'ci-bot' });
    expect(refused.ok ? '' : refused.stderr).toContain(
      `(AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::${IDENTITY}:user/ci-bot is not authorized to perform: sts:AssumeRole on resource: ${deployer}`,
    );
    const keys = await assumeWithCli(deployer, ['--external-id', 'dev-deploy-1b2c'], 'ci-bot');
    expect(keys.AccessKeyId).toMatch(/^ASIA/);
  });

  it('AWS’s messages for a session too long for the role, too long for chaining, and a bad session name', async () => {
    const developer = `arn:aws:iam::${DEV}:role/Developer`;
    const tooLong = await aws(assumeRole(developer, '--duration-seconds', '7200'));
    expect(tooLong.ok ? '' : tooLong.stderr).toContain(
      '(ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
    const keys = await assumeWithCli(developer);
    const chained = await aws(assumeRole(`arn:aws:iam::${DEV}:role/ReadOnly`, '--duration-seconds', '7200'), {
      keys,
    });
    expect(chained.ok ? '' : chained.stderr).toContain(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
    const badName = await aws(['sts', 'assume-role', '--role-arn', developer, '--role-session-name', 'a:b']);
    expect(badName.ok ? '' : badName.stderr).toContain(
      "1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });

  it('AWS’s messages for a wrong secret and a wrong MFA serial', async () => {
    const alice = sandbox.seeded.keys.alice;
    const wrongSecret = await aws(['sts', 'get-caller-identity'], {
      keys: {
        AccessKeyId: alice.accessKeyId,
        // One character changed (never to itself: a secret that began with x made this pass).
        SecretAccessKey: `${alice.secretAccessKey.startsWith('x') ? 'y' : 'x'}${alice.secretAccessKey.slice(1)}`,
        SessionToken: '',
      },
    });
    expect(wrongSecret.ok ? '' : wrongSecret.stderr).toContain(
      '(SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided.',
    );
    const wrongSerial = await aws(
      assumeRole(
        `arn:aws:iam::${DEV}:role/Admin`,
        '--serial-number',
        `arn:aws:iam::${IDENTITY}:mfa/bob`,
        '--token-code',
        '123456',
      ),
    );
    expect(wrongSerial.ok ? '' : wrongSerial.stderr).toContain(
      'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
    );
  });

  it('list-roles pages through every role', async () => {
    const keys = await assumeWithCli(`arn:aws:iam::${DEV}:role/Developer`);
    const listed = await aws(['iam', 'list-roles', '--page-size', '100'], { keys });
    expect(listed.ok).toBe(true);
    const names = (listed.ok ? listed.json.Roles : []).map((r: { RoleName: string }) => r.RoleName);
    expect(names).toHaveLength(254);
    // The CLI decodes the URL-encoded trust policy into JSON.
    expect(listed.ok && listed.json.Roles[0].AssumeRolePolicyDocument.Version).toBe('2012-10-17');
  });

  it('create-role as an admin, and EntityAlreadyExists the second time', async () => {
    // The current code was used above; the next one is accepted (one step of drift) and is new.
    const keys = await assumeWithCli(`arn:aws:iam::${DEV}:role/Admin`, [
      '--serial-number',
      `arn:aws:iam::${IDENTITY}:mfa/alice`,
      '--token-code',
      await sandbox.aliceCode(30),
    ]);
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: IDENTITY }, Action: 'sts:AssumeRole' }],
    });
    const args = ['iam', 'create-role', '--role-name', 'FromTheCli', '--assume-role-policy-document', trust];
    expect(await aws(args, { keys })).toMatchObject({
      ok: true,
      json: { Role: { Arn: `arn:aws:iam::${DEV}:role/FromTheCli` } },
    });
    const again = await aws(args, { keys });
    expect(again.ok ? '' : again.stderr).toContain(
      'An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name FromTheCli already exists.',
    );
  });
});
