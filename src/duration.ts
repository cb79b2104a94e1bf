// Durations as people type and read them: "1h", "90m", "1h30m", "3600" (seconds).

const UNIT_SECONDS = { h: 3600, m: 60, s: 1 } as const;

/** Seconds for "1h", "90m", "1h 30m", "45s" or a bare number of seconds; undefined if unreadable. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+)\s*([hms])\s*/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) return undefined;
  return parts.reduce(
    (total, [, amount, unit]) => total + Number(amount) * UNIT_SECONDS[unit as 'h' | 'm' | 's'],
    0,
  );
}

/** "12h", "1h 30m", "5m", "45s", "0s". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0s';
}
