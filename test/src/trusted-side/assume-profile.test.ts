import { describe, expect, it } from 'vitest';
import { assumeProfileKeys } from '../../../src/trusted-side/assume-profile';

const ROLE = 'arn:aws:iam::999999999999:role/Reporter';

describe('the config profile that assumes the role', () => {
  it('carries the external ID the trust asks for, and the source profile’s region', () => {
    expect(
      assumeProfileKeys({
        roleArn: ROLE,
        roleName: 'Reporter',
        source: { name: 'ci-bot', region: 'eu-west-1' },
        needs: { mfa: false, externalId: 'vendor-77' },
      }),
    ).toEqual({
      ok: true,
      keys: [
        ['role_arn', ROLE],
        ['source_profile', 'ci-bot'],
        ['external_id', 'vendor-77'],
        ['region', 'eu-west-1'],
      ],
    });
  });

  it('copies the source profile’s own mfa_serial over the user’s device, as only the role profile’s counts', () => {
    const keys = assumeProfileKeys({
      roleArn: ROLE,
      roleName: 'Reporter',
      source: { name: 'alice', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice-yubikey' },
      needs: { mfa: true },
      userMfaDevice: 'arn:aws:iam::111111111111:mfa/alice',
    });
    expect(keys.ok && keys.keys).toContainEqual([
      'mfa_serial',
      'arn:aws:iam::111111111111:mfa/alice-yubikey',
    ]);
    const fromDevice = assumeProfileKeys({
      roleArn: ROLE,
      roleName: 'Reporter',
      source: { name: 'alice' },
      needs: { mfa: true },
      userMfaDevice: 'arn:aws:iam::111111111111:mfa/alice',
    });
    expect(fromDevice.ok && fromDevice.keys).toContainEqual([
      'mfa_serial',
      'arn:aws:iam::111111111111:mfa/alice',
    ]);
    expect(fromDevice.ok && fromDevice.keys.some(([k]) => k === 'external_id')).toBe(false);
  });
});
