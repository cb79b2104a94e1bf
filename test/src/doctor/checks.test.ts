// Each of doctor's checks on crafted inputs: the words a person reads, and the severities that
// decide the exit status.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assumePermissionFindings } from '../../../src/doctor/assume-permission';
import { clockFinding } from '../../../src/doctor/clock-skew';
import { doctorReport } from '../../../src/doctor/doctor-report';
import { bySeverity, hasError, maskKeyId } from '../../../src/doctor/finding';
import { keyAgeFindings } from '../../../src/doctor/key-age';
import { mfaFindings } from '../../../src/doctor/mfa-findings';
import { profileFindings } from '../../../src/doctor/profile-findings';
import { terminalFindings } from '../../../src/doctor/terminal-env';
import { loadProfiles } from '../../../src/profiles/load';
import { tempConfigDir } from '../../helpers/temp-dirs';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ALICE_MFA = 'arn:aws:iam::111111111111:mfa/alice';

async function profilesOf(config: string, credentials = '') {
  const dir = tempConfigDir();
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), credentials);
  return loadProfiles({
    env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
  });
}

describe('who the SDK is in this terminal', () => {
  it('exported keys with AWS_PROFILE: a warning that two SDKs read two identities', () => {
    const findings = terminalFindings({
      AWS_PROFILE: 'dev',
      AWS_ACCESS_KEY_ID: KEY,
      AWS_SECRET_ACCESS_KEY: SECRET,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', check: 'terminal' });
    expect(findings[0]?.message).toContain('AWS_PROFILE=dev: the JS SDK (and rolecall) use the profile');
    expect(JSON.stringify(findings)).not.toContain(SECRET);
    expect(JSON.stringify(findings)).not.toContain(KEY);
  });

  it('nothing exported, or keys alone: nothing to say', () => {
    expect(terminalFindings({})).toEqual([]);
    expect(terminalFindings({ AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET })).toEqual([]);
    expect(terminalFindings({ AWS_PROFILE: 'dev' })).toEqual([]);
  });

  it('a session token without keys is a leftover; temporary keys without their token are refused', () => {
    expect(terminalFindings({ AWS_SESSION_TOKEN: 'token' })[0]).toMatchObject({
      severity: 'warning',
      fix: 'unset AWS_SESSION_TOKEN',
    });
    const temporary = terminalFindings({
      AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: SECRET,
    });
    expect(temporary[0]).toMatchObject({ severity: 'error', check: 'terminal' });
    expect(temporary[0]?.message).toContain('no AWS_SESSION_TOKEN');
  });

  it('half a key pair is said', () => {
    expect(terminalFindings({ AWS_ACCESS_KEY_ID: KEY })[0]?.message).toContain('Only AWS_ACCESS_KEY_ID');
  });
});

describe('the profile lint as findings', () => {
  it('mfa_serial on a keys profile is a warning (only some roles may need it), a missing source_profile an error, with their fixes', async () => {
    const set = await profilesOf(
      `[profile alice]\nmfa_serial = ${ALICE_MFA}\n[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/Dev\nsource_profile = nobody\n`,
      `[alice]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
    );
    const findings = profileFindings(set);
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(
          /^Profile alice \(config\): mfa_serial is set on alice, a profile with static keys: the AWS SDKs and the AWS CLI send an MFA code only for the mfa_serial of the profile with role_arn/,
        ),
        fix: `Add mfa_serial = ${ALICE_MFA} to the role profiles you make from alice whose roles require MFA. Keep it on alice if aws-vault uses it.`,
      }),
      expect.objectContaining({
        severity: 'error',
        message: 'Profile dev (config): source_profile nobody names no profile.',
        fix: 'Add a [profile nobody] section, or fix the name in source_profile.',
      }),
    ]);
  });

  it('a clean config has no findings', async () => {
    const set = await profilesOf(
      '[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/Dev\nsource_profile = alice\n',
      `[alice]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
    );
    expect(profileFindings(set)).toEqual([]);
  });
});

describe('clock skew from AWS’s Date', () => {
  const aws = new Date('2026-11-30T06:00:00Z');
  const at = (seconds: number) => new Date(aws.getTime() + seconds * 1000);

  it('within a couple of seconds: nothing (the answer’s travel and Date’s rounding)', () => {
    expect(clockFinding(aws, at(1))).toBeUndefined();
    expect(clockFinding(undefined, at(600))).toBeUndefined();
  });

  it('over 5 minutes either way is an error: SigV4 refuses it', () => {
    expect(clockFinding(aws, at(301))).toMatchObject({ severity: 'error', check: 'clock' });
    expect(clockFinding(aws, at(-7 * 60))?.message).toContain('7 minutes behind');
  });

  it('over a minute is a warning, under it an info', () => {
    expect(clockFinding(aws, at(120))?.severity).toBe('warning');
    expect(clockFinding(aws, at(300))?.severity).toBe('warning');
    expect(clockFinding(aws, at(30))).toMatchObject({ severity: 'info' });
    expect(clockFinding(aws, at(30))?.message).toContain('30 seconds ahead of');
  });
});

describe('MFA devices against the profiles that use the user’s keys', () => {
  const config = (serial: string) =>
    `[profile admin]\nrole_arn = arn:aws:iam::222222222222:role/Admin\nsource_profile = alice\nmfa_serial = ${serial}\n` +
    '[profile other]\nrole_arn = arn:aws:iam::222222222222:role/Other\nsource_profile = bob\nmfa_serial = arn:aws:iam::111111111111:mfa/nope\n';
  const credentials = `[alice]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n[bob]\naws_access_key_id = AKIABOBBOBBOBBOBBOB1\naws_secret_access_key = ${SECRET}\n`;

  it('a profile naming a device the user does not have is an error, with the one it has', async () => {
    const set = await profilesOf(config('arn:aws:iam::111111111111:mfa/old-phone'), credentials);
    const findings = mfaFindings(set, {
      user: 'alice',
      devices: [ALICE_MFA],
      keyProfiles: new Set(['alice']),
    });
    const errors = findings.filter((f) => f.severity === 'error');
    // bob's profile is not alice's to judge.
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(
      'Profile admin sends mfa_serial arn:aws:iam::111111111111:mfa/old-phone',
    );
    expect(errors[0]?.fix).toBe(`Set mfa_serial = ${ALICE_MFA} in [profile admin].`);
  });

  it('a profile naming the user’s device: only the device, as information', async () => {
    const set = await profilesOf(config(ALICE_MFA), credentials);
    const findings = mfaFindings(set, {
      user: 'alice',
      devices: [ALICE_MFA],
      keyProfiles: new Set(['alice']),
    });
    expect(findings).toEqual([
      { severity: 'info', check: 'mfa', message: `alice's MFA device: ${ALICE_MFA}.` },
    ]);
  });

  it('a user with no device: the profile naming one cannot work', async () => {
    const set = await profilesOf(config(ALICE_MFA), credentials);
    const findings = mfaFindings(set, { user: 'alice', devices: [], keyProfiles: new Set(['alice']) });
    expect(findings[0]?.message).toBe('alice has no MFA device.');
    expect(findings[1]).toMatchObject({
      severity: 'error',
      fix: expect.stringContaining('Give alice an MFA device'),
    });
  });
});

describe('access keys older than 90 days', () => {
  const now = new Date('2026-11-30T00:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

  it('warns about a key over 90 days, masked, and not one of 90 days', () => {
    const findings = keyAgeFindings(
      'alice',
      [
        { keyId: KEY, created: daysAgo(200), status: 'Active' },
        { keyId: 'AKIA2222222222222222', created: daysAgo(90), status: 'Active' },
      ],
      now,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', check: 'access-keys' });
    expect(findings[0]?.message).toBe("alice's access key AKIA…MPLE is 200 days old (over 90).");
    expect(findings[0]?.message).not.toContain(KEY);
  });

  it('masks a key ID as its kind and last four characters', () => {
    expect(maskKeyId(KEY)).toBe('AKIA…MPLE');
    expect(maskKeyId('short')).toBe('…');
  });
});

describe('whether the caller may assume roles at all', () => {
  it('a refused simulation is information: not checked, and why', () => {
    const why =
      'Could not check whether your policies allow sts:AssumeRole: your own IAM policies do not allow this.';
    expect(assumePermissionFindings('alice', { kind: 'not-checked', why })).toEqual([
      { severity: 'info', check: 'permissions', message: why },
    ]);
  });

  it('a role the policies do not allow is an error naming it; allowed ones are information', () => {
    const role = 'arn:aws:iam::222222222222:role/Admin';
    const findings = assumePermissionFindings('alice', {
      kind: 'decisions',
      decisions: [
        { resource: role, decision: 'implicitDeny' },
        { resource: 'arn:aws:iam::222222222222:role/Dev', decision: 'allowed' },
      ],
    });
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringContaining(`sts:AssumeRole on ${role} (no statement allows it)`),
      }),
    ]);
    const allowed = assumePermissionFindings('alice', {
      kind: 'decisions',
      decisions: [{ resource: role, decision: 'allowed' }],
    });
    expect(allowed).toEqual([expect.objectContaining({ severity: 'info' })]);
  });
});

describe('the report', () => {
  it('groups by severity, errors first, with fixes, and counts the errors', () => {
    const findings = [
      { severity: 'info' as const, check: 'identity', message: 'You are alice.' },
      { severity: 'error' as const, check: 'profiles', message: 'Broken.', fix: 'Mend it.' },
      { severity: 'warning' as const, check: 'clock', message: 'Late.' },
    ];
    expect(bySeverity(findings).map(([s]) => s)).toEqual(['error', 'warning', 'info']);
    expect(hasError(findings)).toBe(true);
    expect(doctorReport(findings)).toBe(
      [
        'Errors (these break an assume):',
        '  - [profiles] Broken.',
        '    fix: Mend it.',
        '',
        'Warnings:',
        '  - [clock] Late.',
        '',
        'Information:',
        '  - [identity] You are alice.',
        '',
        '1 error.',
        '',
      ].join('\n'),
    );
  });
});
