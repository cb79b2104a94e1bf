// This machine's clock against AWS's, from the Date header of an answer. SigV4 signatures carry
// the signing time, and "in most cases, a request must reach AWS within five minutes of the time
// stamp in the request. Otherwise, AWS denies the request" (IAM User Guide, "AWS Signature
// Version 4 for API requests", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-signing.html).
// Some services allow more (the sandbox, like the STS texts it copies, allows 15): 5 minutes is the
// documented general rule, so past it is an error. Date has one-second resolution and the
// answer took some time to arrive: a couple of seconds of difference is noise, not skew.
import type { DoctorFinding } from './finding';

export const SIGV4_SKEW_LIMIT_MS = 5 * 60 * 1000;
/** Below this the difference is the answer's travel time and Date's rounding: not mentioned. */
const NOISE_MS = 2_000;

export function clockFinding(awsDate: Date | undefined, localNow: Date): DoctorFinding | undefined {
  if (!awsDate || Number.isNaN(awsDate.getTime())) return undefined;
  const skew = localNow.getTime() - awsDate.getTime();
  const off = Math.abs(skew);
  if (off < NOISE_MS) return undefined;
  const words = `This machine's clock is ${spell(off)} ${skew > 0 ? 'ahead of' : 'behind'} AWS's`;
  if (off > SIGV4_SKEW_LIMIT_MS)
    return {
      severity: 'error',
      check: 'clock',
      message: `${words}: AWS refuses requests signed more than 5 minutes off its clock.`,
      fix: 'Set the clock right (turn on network time: timedatectl set-ntp true, or your system settings).',
    };
  if (off > 60_000)
    return {
      severity: 'warning',
      check: 'clock',
      message: `${words}; AWS refuses requests beyond 5 minutes, and temporary credentials will seem to expire early or late.`,
      fix: 'Turn on network time (timedatectl set-ntp true, or your system settings).',
    };
  return { severity: 'info', check: 'clock', message: `${words} (fine: AWS allows up to 5 minutes).` };
}

function spell(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}
