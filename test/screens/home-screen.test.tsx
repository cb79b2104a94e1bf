// The sessions dashboard: live sessions with countdowns that move together on the shared clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../screens/app/core-context';
import type { SecondTicker } from '../../src/sessions/second-ticker';
import { type Session, SessionStore } from '../../src/sessions/store';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { tempConfigDir } from '../helpers/temp-dirs';

let app: AppUnderTest;
afterEach(() => app?.unmount());

/** A clock and a ticker the test moves by hand, a second (or an hour) at a time. */
function handClock() {
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

function session(
  id: string,
  expiresInSeconds: number,
  start: number,
  origin: Partial<Session['origin']> = {},
): Session {
  return {
    id,
    region: 'eu-west-1',
    autoRefresh: false,
    origin: { source: 'profile alice', mfa: false, chained: false, ...origin },
    credentials: {
      accessKeyId: `ASIA${id.toUpperCase().replace(/[^A-Z]/g, '')}`,
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date(start + expiresInSeconds * 1000),
    },
  };
}

/** The dashboard line of one session. */
function row(id: string): string {
  return (
    app
      .lastFrame()
      .split('\n')
      .find((line) => new RegExp(`^\\s*›?\\s*${id} `).test(line)) ?? ''
  );
}

function dashboard() {
  const time = handClock();
  const core: Core = {
    settings: new Settings({ dir: tempConfigDir() }),
    sessions: new SessionStore(time.clock, 300),
    ticker: time.ticker,
  };
  app = renderApp({ core });
  return { time, core };
}

describe('the sessions dashboard', () => {
  it('says there are none, and what to do, before any session', async () => {
    dashboard();
    await vi.waitFor(() => expect(app.lastFrame()).toContain('No live sessions.'));
  });

  it('lists each session with its region, marks and countdown', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(session('dev-developer', 3598, now), async () => session('x', 1, now).credentials);
    core.sessions.add(
      session('prod-readonly', 3600, now, { mfa: true, chained: true, source: 'MFA session alice' }),
      async () => session('y', 1, now).credentials,
    );
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (2)'));
    expect(row('dev-developer')).toMatch(/› dev-developer profile alice\s+eu-west-1\s+59:58/);
    expect(row('prod-readonly')).toMatch(
      /prod-readonly MFA session alice\s+eu-west-1\s+mfa chained 1h\s+1:00:00/,
    );
  });

  it('moves every countdown together on each tick, down to expired', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(session('a', 20 * 60, now), async () => session('a2', 1, now).credentials);
    core.sessions.add(session('b', 10 * 60, now), async () => session('b2', 1, now).credentials);
    await vi.waitFor(() => expect(row('a')).toMatch(/20:00$/));
    expect(row('b')).toMatch(/10:00$/);
    time.advance(1);
    await vi.waitFor(() => expect(row('a')).toMatch(/19:59$/));
    expect(row('b')).toMatch(/09:59$/);
    time.advance(10 * 60);
    await vi.waitFor(() => expect(row('b')).toMatch(/expired$/));
    expect(row('a')).toMatch(/09:59$/);
  });

  it('keeps the selected session in view when there are more than fit', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    for (let i = 0; i < 30; i++) {
      const id = `session-${String(i).padStart(2, '0')}`;
      core.sessions.add(session(id, 3600 + i, now), async () => session(`${id}x`, 1, now).credentials);
    }
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (30)'));
    expect(app.lastFrame()).not.toContain('session-29');
    for (let i = 0; i < 29; i++) app.press(KEYS.down);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('› session-29'));
    expect(app.lastFrame()).not.toContain('session-00');
  });
});
