// MFA codes checked as real TOTP against the device's seed (RFC 6238, 30-second steps, one step
// of clock drift either way), with a code refused once it has been used.
import { verify } from 'otplib';
import { accessDenied } from './aws-error';
import type { MfaDevice } from './model';
import type { World } from './world';

// AWS's three messages (aws-reference.md, STS errors).
export const MFA_BOTH_NEEDED =
  'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.';
export const MFA_UNKNOWN_SERIAL =
  'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';
export const MFA_BAD_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';

/**
 * Checks SerialNumber and TokenCode for a user; returns when both are good, throws AWS's
 * AccessDenied otherwise. A code reused within its window gets the same answer as a wrong one.
 */
export async function checkMfa(
  world: World,
  /** The user whose device it must be; none for a role session, which owns no device. */
  user: { account: string; name: string } | undefined,
  serial: string | undefined,
  code: string | undefined,
): Promise<void> {
  if (!serial || !code) throw accessDenied(MFA_BOTH_NEEDED);
  const device = user && findDevice(world, user, serial);
  if (!device) throw accessDenied(MFA_UNKNOWN_SERIAL);
  const result = await verify({
    secret: device.secret,
    token: code,
    epoch: Math.floor(world.clock.now() / 1000),
    epochTolerance: 30,
  });
  const step = result.valid && 'timeStep' in result ? result.timeStep : undefined;
  if (step === undefined) throw accessDenied(MFA_BAD_CODE);
  if (device.lastTimeStep !== undefined && step <= device.lastTimeStep) throw accessDenied(MFA_BAD_CODE);
  device.lastTimeStep = step;
}

function findDevice(
  world: World,
  user: { account: string; name: string },
  serial: string,
): MfaDevice | undefined {
  const device = world.accounts.get(user.account)?.mfaDevices.get(serial);
  return device?.user?.toLowerCase() === user.name.toLowerCase() && device.enabled ? device : undefined;
}
