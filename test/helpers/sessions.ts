// Sessions for screen tests: a clock the test moves by hand, made-up sessions, and a terminal
// hand-off that records what it was asked to run instead of running it.
import type { SecondTicker } from '../../src/sessions/second-ticker';
import type { Session } from '../../src/sessions/store';
import type { ChildCommand, ChildOutcome, TerminalHandOff } from '../../src/terminal/hand-off';

/** A clock and a ticker the test moves by hand, a second (or an hour) at a time. */
export function handClock() {
  let now = Date.parse('2026-11-23T09:00:00Z');
  const listeners = new Set<() => void>();
  const ticker: SecondTicker = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    clock: { now: () => now },
    ticker,
    /** Moves time on and ticks, as the shared clock would at the next whole second. */
    advance(seconds: number) {
      now += seconds * 1000;
      for (const listener of listeners) listener();
    },
  };
}

let keyNumber = 0;

export function session(
  id: string,
  expiresInSeconds: number,
  start: number,
  origin: Partial<Session['origin']> = {},
  secrets: { secretAccessKey?: string; sessionToken?: string } = {},
): Session {
  return {
    id,
    region: 'eu-west-1',
    autoRefresh: false,
    origin: { source: 'profile alice', mfa: false, chained: false, ...origin },
    credentials: {
      accessKeyId: `ASIA${String(++keyNumber).padStart(16, '0')}`,
      secretAccessKey: secrets.secretAccessKey ?? 'secret',
      sessionToken: secrets.sessionToken ?? 'token',
      expiration: new Date(start + expiresInSeconds * 1000),
    },
  };
}

/** A hand-off that answers `outcome` (a clean exit unless told) and keeps every command it got. */
export function recordingHandOff(
  outcome: (child: ChildCommand) => ChildOutcome = (child) => ({ code: 0, signal: null, ran: child.command }),
) {
  const runs: ChildCommand[] = [];
  const handOff: TerminalHandOff = {
    busy: false,
    async run(child) {
      runs.push(child);
      return outcome(child);
    },
  };
  return { runs, handOff };
}
