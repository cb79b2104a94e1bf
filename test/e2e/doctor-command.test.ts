// `rolecall doctor` from the built bin against the sandbox: the identity on a clean setup, the
// broken profiles named with their fixes (exit 1), exported keys shadowed by AWS_PROFILE, --json.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { runBuiltBin } from '../helpers/built-bin';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    ROLECALL_CONFIG_DIR: tempConfigDir(),
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

const doctor = (args: string[] = [], extraEnv: NodeJS.ProcessEnv = {}) =>
  runBuiltBin(['doctor', ...args], { ...env, ...extraEnv });

interface Finding {
  severity: 'error' | 'warning' | 'info';
  check: string;
  message: string;
  fix?: string;
}

describe('rolecall doctor', () => {
  it('on the sandbox as it comes: exit 0, who the SDK is, alice’s device, and that she may assume roles', async () => {
    const { code, stdout, stderr } = await doctor();
    expect(stderr).toBe('');
    expect(stdout).toContain('The SDK in this terminal is arn:aws:iam::111111111111:user/alice');
    expect(stdout).toContain(`alice's MFA device: ${sandbox.seeded.mfa[0]?.serial}`);
    expect(stdout).toMatch(/alice's policies allow sts:AssumeRole on arn:aws:iam::222222222222:role\//);
    expect(stdout).not.toMatch(/^Errors/m);
    expect(stdout).toContain('No errors.');
    expect(code).toBe(0);
  });

  it('names mfa_serial on a keys profile (a warning) and a missing source_profile (an error), with fixes, and exits 1', async () => {
    const broken = `${files.configFile}.broken`;
    writeFileSync(broken, readFileSync(files.configFile));
    appendFileSync(
      broken,
      [
        '[profile alice]',
        `mfa_serial = ${sandbox.seeded.mfa[0]?.serial}`,
        '[profile orphan]',
        'role_arn = arn:aws:iam::222222222222:role/Developer',
        'source_profile = nobody',
        '',
      ].join('\n'),
    );
    const { code, stdout } = await doctor([], { AWS_CONFIG_FILE: broken });
    const errors = stdout.slice(stdout.indexOf('Errors'), stdout.indexOf('Information'));
    const warnings = stdout.slice(stdout.indexOf('Warnings'), stdout.indexOf('Information'));
    expect(warnings).toMatch(
      /Profile alice \(config\): mfa_serial is set on alice, a profile with static keys/,
    );
    expect(warnings).toMatch(
      new RegExp(
        `fix: Add mfa_serial = ${sandbox.seeded.mfa[0]?.serial} to the role profiles whose roles require MFA: \\S`,
      ),
    );
    expect(warnings).toContain('Keep it on alice if aws-vault uses it.');
    expect(errors).toMatch(/Profile orphan \(config\): source_profile nobody names no profile/);
    expect(errors).toContain('fix: Add a [profile nobody] section');
    expect(code).toBe(1);
  });

  it('warns that exported keys are shadowed by AWS_PROFILE in one SDK and not the other', async () => {
    const bob = sandbox.seeded.keys.bob;
    const { stdout } = await doctor([], {
      AWS_PROFILE: 'alice',
      AWS_ACCESS_KEY_ID: bob.accessKeyId,
      AWS_SECRET_ACCESS_KEY: bob.secretAccessKey,
    });
    const warnings = stdout.slice(stdout.indexOf('Warnings'), stdout.indexOf('Information'));
    expect(warnings).toContain('AWS_PROFILE=alice: the JS SDK (and rolecall) use the profile');
    expect(warnings).toContain('fix: Unset the one you do not mean');
    // rolecall follows the JS SDK: the profile is who it checked.
    expect(stdout).toContain('user/alice (account 111111111111), from profile alice');
    // The exported secret never reaches the output, nor does the key ID whole.
    expect(stdout).not.toContain(bob.secretAccessKey);
    expect(stdout).not.toContain(bob.accessKeyId);
  });

  it('--json is an array of findings a script can parse', async () => {
    const { code, stdout } = await doctor(['--json'], { AWS_PROFILE: 'bob' });
    const findings = JSON.parse(stdout) as Finding[];
    expect(Array.isArray(findings)).toBe(true);
    expect(findings).toContainEqual({
      severity: 'info',
      check: 'identity',
      message: expect.stringContaining('arn:aws:iam::111111111111:user/bob'),
    });
    for (const finding of findings) expect(['error', 'warning', 'info']).toContain(finding.severity);
    expect(code).toBe(0);
  });

  it('exported temporary keys whose session has expired: the stale token, exit 1', async () => {
    const issued = sandbox.seeded.world.issueTemporary(
      { kind: 'user', account: '111111111111', user: 'alice' } as never,
      -60,
    );
    const { code, stdout } = await doctor([], {
      AWS_ACCESS_KEY_ID: issued.accessKeyId,
      AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
      AWS_SESSION_TOKEN: issued.sessionToken,
    });
    expect(stdout).toMatch(/\[terminal\] The exported AWS_SESSION_TOKEN is stale/);
    expect(stdout).not.toContain(issued.sessionToken);
    expect(code).toBe(1);
  });

  it('a user whose policies may not read IAM: each check it could not make is said, not a crash', async () => {
    const { code, stdout, stderr } = await doctor([], { AWS_PROFILE: 'ci-bot' });
    expect(stderr).toBe('');
    expect(stdout).toContain('user/ci-bot (account 111111111111), from profile ci-bot');
    expect(stdout).toContain(
      '[access-keys] Could not list your access keys: your own IAM policies do not allow this.',
    );
    expect(stdout).toContain(
      '[mfa] Could not list your MFA devices: your own IAM policies do not allow this.',
    );
    expect(stdout).toContain(
      '[permissions] Could not check whether your policies allow sts:AssumeRole (SimulatePrincipalPolicy): your own IAM policies do not allow this.',
    );
    expect(code).toBe(0);
  });

  it('a role profile that needs MFA: no code asked, and the user whose keys it starts from is checked', async () => {
    const { code, stdout } = await doctor([], { AWS_PROFILE: 'prod-admin' });
    expect(stdout).toContain('Profile prod-admin needs an MFA code; doctor asks for none');
    expect(stdout).toContain(
      'Profile prod-admin starts from the keys of arn:aws:iam::111111111111:user/alice (profile alice)',
    );
    expect(stdout).toContain(`alice's MFA device: ${sandbox.seeded.mfa[0]?.serial}`);
    expect(code).toBe(0);
  });

  it('a word after doctor is bad usage: exit 2', async () => {
    const { code, stderr } = await doctor(['extra']);
    expect(stderr).toContain("rolecall doctor takes no arguments; unexpected 'extra'");
    expect(code).toBe(2);
  });
});
