// The sandbox's MFA devices show their current code in the MFA form, so trying rolecall on the
// sandbox needs no authenticator app. Outside the sandbox there are no such devices.

export interface SandboxDevice {
  serial: string;
  /** The TOTP seed (base32) the sandbox checks codes against. */
  secret: string;
}

/** The device's current code, at `nowMs`; undefined for a device the sandbox does not have. */
export async function sandboxMfaCode(
  devices: readonly SandboxDevice[],
  serial: string,
  nowMs: number,
): Promise<string | undefined> {
  const device = devices.find((d) => d.serial === serial);
  if (!device) return undefined;
  const { generate } = await import('otplib');
  return generate({ secret: device.secret, epoch: Math.floor(nowMs / 1000) });
}
