// A session's time left as the dashboard shows it: the clock face and how worried to be. The
// bands are the issue's: 15 minutes or more is normal, under 15 a warning, under 5 urgent.

export type TimeBand = 'normal' | 'warning' | 'urgent' | 'expired';

export interface Countdown {
  /** "59:58", "11:59:58"; "expired" once nothing is left; "no expiry" for long-term keys. */
  text: string;
  band: TimeBand;
}

const WARNING_SECONDS = 15 * 60;
const URGENT_SECONDS = 5 * 60;

/** `secondsLeft` as SessionStore.secondsLeft gives it: rounded up, undefined if it never ends. */
export function countdown(secondsLeft: number | undefined): Countdown {
  if (secondsLeft === undefined) return { text: 'no expiry', band: 'normal' };
  if (secondsLeft <= 0) return { text: 'expired', band: 'expired' };
  return { text: clockFace(secondsLeft), band: band(secondsLeft) };
}

function band(seconds: number): TimeBand {
  if (seconds < URGENT_SECONDS) return 'urgent';
  if (seconds < WARNING_SECONDS) return 'warning';
  return 'normal';
}

/** "04:05" under an hour, "1:04:05" from an hour: one width for most rows, hours when they matter. */
function clockFace(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}
