// The sessions dashboard: live sessions with countdowns that move together on the shared clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Core, createCore } from '../../screens/app/core-context';
import type { SecondTicker } from '../../src/sessions/second-ticker';
import type { Session } from '../../src/sessions/store';
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

let keyNumber = 0;

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
      accessKeyId: `ASIA${String(++keyNumber).padStart(16, '0')}`,
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

/** What the dashboard copied; `refuse` makes the clipboard fail as clipboardy does with no display. */
const copied: string[] = [];
let refuse: string | undefined;
const clipboard = {
  async write(text: string) {
    if (refuse) throw new Error(refuse);
    copied.push(text);
  },
};

function dashboard() {
  copied.length = 0;
  refuse = undefined;
  const time = handClock();
  const core: Core = createCore(new Settings({ dir: tempConfigDir() }), {
    clock: time.clock,
    ticker: time.ticker,
    clipboard,
  });
  app = renderApp({ core });
  return { time, core };
}

describe('the sessions dashboard', () => {
  it('says there are none, and what to do, before any session', async () => {
    dashboard();
    await vi.waitFor(() => expect(app.lastFrame()).toContain('No live sessions.'));
    expect(app.lastFrame()).toContain(', settings');
    expect(app.lastFrame()).not.toContain('r refresh');
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
    expect(app.lastFrame()).toContain('r refresh');
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
    expect(row('session-29')).toBe('');
    for (let i = 0; i < 29; i++) app.press(KEYS.down);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('› session-29'));
    expect(row('session-00')).toBe('');
  });

  it('refreshes the selected session on r, and says how long it now has', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(
      session('dev-admin', 90, now),
      async () => session('dev-admin-2', 3600, time.clock.now()).credentials,
    );
    await vi.waitFor(() => expect(row('dev-admin')).toMatch(/01:30$/));
    app.press('r');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Refreshed dev-admin: 1:00:00 left.'));
    expect(row('dev-admin')).toMatch(/1:00:00$/);
  });

  it('says why a refresh failed, and keeps the session', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(session('prod-admin', 600, now), async () => {
      throw Object.assign(
        new Error('MultiFactorAuthentication failed with invalid MFA one time pass code.'),
        {
          name: 'AccessDenied',
        },
      );
    });
    await vi.waitFor(() => expect(row('prod-admin')).toMatch(/10:00$/));
    app.press('r');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Could not refresh prod-admin'));
    expect(app.lastFrame()).toContain('AWS refused the MFA code.');
    expect(row('prod-admin')).toMatch(/10:00$/);
  });

  it('turns auto-refresh on with a, which then refreshes at the lead time', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(
      session('dev-developer', 400, now),
      async () => session('dev-developer-2', 3600, time.clock.now()).credentials,
    );
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/06:40$/));
    app.press('a');
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/auto\s+06:40$/));
    expect(app.lastFrame()).toContain('Auto-refresh on for dev-developer.');
    // The lead time is 300 s: at 05:00 left the store refreshes on its own.
    time.advance(100);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Refreshed dev-developer: 1:00:00 left.'));
    app.press('a');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Auto-refresh off for dev-developer.'));
    expect(row('dev-developer')).not.toMatch(/auto/);
  });

  it('warns, whichever screen is open, when a session without auto-refresh is about to end', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(session('prod-readonly', 301, now), async () => session('x', 1, now).credentials);
    app.press(',');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Default region'));
    time.advance(1);
    await vi.waitFor(() =>
      expect(app.lastFrame()).toContain('prod-readonly ends in 05:00: press r to refresh it.'),
    );
    time.advance(300);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('prod-readonly has expired'));
  });

  it('drops the selected session on d', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(session('one', 600, now), async () => session('x', 1, now).credentials);
    core.sessions.add(session('two', 600, now), async () => session('y', 1, now).credentials);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (2)'));
    app.press(KEYS.down);
    app.press('d');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Dropped two.'));
    expect(row('one')).toMatch(/10:00$/);
    expect(row('two')).toBe('');
    expect(core.sessions.list().map((s) => s.id)).toEqual(['one']);
  });

  it('copies the selected session’s export lines on c, as rolecall env prints them', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    const dev = session('dev-developer', 600, now, {
      profile: 'dev-developer',
      roleArn: 'arn:aws:iam::222222222222:role/Developer',
    });
    core.sessions.add(dev, async () => session('x', 1, now).credentials);
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/10:00$/));
    app.press('c');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Copied the export lines of dev-developer'));
    const lines = copied[0]?.split('\n') ?? [];
    expect(lines).toContain(`export AWS_ACCESS_KEY_ID='${dev.credentials.accessKeyId}'`);
    expect(lines).toContain("export AWS_SECRET_ACCESS_KEY='secret'");
    expect(lines).toContain("export AWS_REGION='eu-west-1'");
    expect(lines).toContain("export AWS_ACCOUNT_ID='222222222222'");
    expect(lines).toContain('unset AWS_PROFILE');
    // The screen never shows the secret itself.
    expect(app.lastFrame()).not.toContain("secret'");
  });

  it('says why there is no clipboard, and what works instead', async () => {
    const { time, core } = dashboard();
    refuse = [
      "Couldn't find the `xsel` binary and fallback didn't work. On Debian/Ubuntu you can install xsel with: sudo apt install xsel",
      'The bundled `xsel` fallback was not found. This can happen when running in a bundled environment (e.g. Node.js SEA).',
    ].join('\n');
    const now = time.clock.now();
    core.sessions.add(
      session('dev-developer', 600, now, { profile: 'dev-developer' }),
      async () => session('x', 1, now).credentials,
    );
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/10:00$/));
    app.press('c');
    await vi.waitFor(() =>
      expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
        'No clipboard here: Couldn\'t find the `xsel` binary and fallback didn\'t work. On Debian/Ubuntu you can install xsel with: sudo apt install xsel. Instead: eval "$(rolecall env dev-developer)"',
      ),
    );
    expect(app.lastFrame()).not.toContain('Node.js SEA');
    expect(copied).toEqual([]);
  });
});
