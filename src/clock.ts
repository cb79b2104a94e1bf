// Time, injected: code asks a clock, so tests can run a day of sessions in milliseconds.

export interface Clock {
  /** Milliseconds since 1970, like Date.now(). */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
