// The whole check against the sandbox through rolecall's own clients: AWS's Date read from the
// answer for the clock, and an endpoint that does not answer said in words, never thrown.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src/doctor/run-doctor';
import { loadProfiles } from '../../../src/profiles/load';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { NOWHERE } from '../../helpers/nowhere';
import { startTestSandbox, type TestSandbox, testClients } from '../../helpers/sandbox';
import { tempConfigDir } from '../../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

const providerOptions = {
  defaultRegion: 'us-east-1',
  defaultDurationSeconds: 3600,
  sessionName: () => 'rolecall-doctor-test',
};

async function doctorAt(endpoint: string, clockOffsetMs: number) {
  const env = {
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_ENDPOINT_URL: endpoint,
  };
  return runDoctor({
    env,
    set: await loadProfiles({ env }),
    clients: testClients({ endpoint }, { maxAttempts: 1 }),
    // The machine's clock as doctor reads it; the SDK still signs with the real one.
    clock: { now: () => Date.now() + clockOffsetMs },
    region: 'us-east-1',
    providerOptions,
  });
}

describe('runDoctor', () => {
  it('a clock 10 minutes ahead of the Date AWS answers with is an error', async () => {
    const findings = await doctorAt(sandbox.endpoint, 10 * 60 * 1000);
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        check: 'clock',
        message: expect.stringContaining("This machine's clock is 10 minutes ahead of AWS's"),
      }),
    );
  });

  it('the same clock: no clock finding', async () => {
    const findings = await doctorAt(sandbox.endpoint, 0);
    expect(findings.filter((f) => f.check === 'clock')).toEqual([]);
  });

  it('an endpoint that refuses connections: an error finding naming it, not a throw', async () => {
    const findings = await doctorAt(NOWHERE, 0);
    const identity = findings.find((f) => f.check === 'identity');
    expect(identity).toMatchObject({ severity: 'error' });
    expect(identity?.message).toContain('AWS did not say who profile default is');
    expect(identity?.message).toContain('127.0.0.1:9');
  });

  it('says which checks it could not make when AWS does not say who the caller is: no answer, so the clock too', async () => {
    const findings = await doctorAt(NOWHERE, 0);
    const notChecked = findings.filter(
      (f) => f.severity === 'warning' && f.message.startsWith('Not checked'),
    );
    expect(notChecked).toEqual([
      {
        severity: 'warning',
        check: 'identity',
        message:
          "Not checked, because AWS did not say who this terminal is: this machine's clock against AWS's (no answer came to read it from), your MFA devices, the age of your access keys and whether your policies allow sts:AssumeRole.",
        fix: 'Fix what stops AWS from saying who you are (above), then check again: these are checked then.',
      },
    ]);
    expect(findings.filter((f) => ['clock', 'mfa', 'access-keys', 'permissions'].includes(f.check))).toEqual(
      [],
    );
  });

  it('a refusal still carries AWS’s time: the clock is checked, the rest named as not', async () => {
    const dir = tempConfigDir();
    const env = {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_ENDPOINT_URL: sandbox.endpoint,
    };
    writeFileSync(env.AWS_CONFIG_FILE, '[default]\nregion = us-east-1\n');
    // Keys the sandbox never issued: GetCallerIdentity is refused (InvalidClientTokenId).
    writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE,
      '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    );
    const findings = await runDoctor({
      env,
      set: await loadProfiles({ env }),
      clients: testClients({ endpoint: sandbox.endpoint }, { maxAttempts: 1 }),
      clock: { now: () => Date.now() + 10 * 60 * 1000 },
      region: 'us-east-1',
      providerOptions,
    });
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', check: 'clock' }));
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message:
          'Not checked, because AWS did not say who this terminal is: your MFA devices, the age of your access keys and whether your policies allow sts:AssumeRole.',
      }),
    );
  });

  it('names no check as not made when AWS says who the caller is', async () => {
    const findings = await doctorAt(sandbox.endpoint, 0);
    expect(findings.map((f) => f.message).filter((m) => m.startsWith('Not checked'))).toEqual([]);
  });

  it('a [default] with no credentials points at the profiles that have them, not at findings that are not there', async () => {
    const dir = tempConfigDir();
    const env = {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_ENDPOINT_URL: NOWHERE,
    };
    writeFileSync(env.AWS_CONFIG_FILE, '[default]\nregion = eu-west-1\n');
    const { accessKeyId, secretAccessKey } = sandbox.seeded.keys.alice;
    writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE,
      `[me]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
    );
    const findings = await runDoctor({
      env,
      set: await loadProfiles({ env }),
      clients: testClients({ endpoint: NOWHERE }, { maxAttempts: 1 }),
      clock: { now: () => Date.now() },
      region: 'us-east-1',
      providerOptions,
    });
    const identity = findings.find((f) => f.check === 'identity');
    expect(identity).toMatchObject({ severity: 'error' });
    expect(identity?.message).toContain('No credentials in this terminal: Profile default');
    expect(identity?.fix).toBe(
      'Set AWS_PROFILE to a profile that has them (me), or give profile default credentials.',
    );
    // No call could be made: nothing that needs one passes silently.
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining(
          "Not checked, because AWS did not say who this terminal is: this machine's clock",
        ),
      }),
    );
  });
});
