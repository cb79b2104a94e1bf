import { describe, expect, it } from 'vitest';
import type { Credentials } from '../../../src/credentials/provider';
import { type Session, type SessionEvent, SessionStore } from '../../../src/sessions/store';
import { adjustableClock } from '../../helpers/sandbox';

let issued = 0;
/** New credentials each time, as a real refresh gives. */
const keys = (expiresAt: number): Credentials => ({
  accessKeyId: `ASIA${++issued}`,
  secretAccessKey: 's',
  expiration: new Date(expiresAt),
});

function setUp(autoRefresh = false, renew = async () => keys(clock.now() + 3600_000)) {
  const store = new SessionStore(clock, 300);
  const events: SessionEvent[] = [];
  store.on((e) => events.push(e));
  const session: Session = {
    id: 'dev',
    credentials: keys(clock.now() + 3600_000),
    origin: { source: 'profile alice', mfa: false, chained: false },
    region: 'us-east-1',
    autoRefresh,
  };
  store.add(session, renew);
  return { store, events, types: () => events.map((e) => e.type) };
}
const clock = adjustableClock(Date.UTC(2026, 10, 23, 9));

describe('the session store', () => {
  it('counts down in whole seconds, rounded up, so 1 shows until the session has really ended', () => {
    const { store } = setUp();
    const session = store.get('dev') as Session;
    expect(store.secondsLeft(session)).toBe(3600);
    clock.advance(3599_001);
    expect(store.secondsLeft(session)).toBe(1);
    clock.advance(999);
    expect(store.secondsLeft(session)).toBe(0);
  });

  it('says a session is expiring once, at the lead time, and expired once, at the end', () => {
    const { store, types } = setUp();
    clock.advance(3600_000 - 301_000);
    store.tick();
    expect(types()).toEqual(['added']);
    clock.advance(1000);
    store.tick();
    store.tick();
    expect(types()).toEqual(['added', 'expiring']);
    clock.advance(300_000);
    store.tick();
    store.tick();
    expect(types()).toEqual(['added', 'expiring', 'expired']);
  });

  it('refreshes a session shorter than twice the lead at half its length, not at every tick', async () => {
    // 20-second sessions (the sandbox's --session-seconds) against a 300-second lead.
    const short = setUp(true, async () => keys(clock.now() + 20_000));
    await short.store.refresh('dev');
    short.events.length = 0;
    clock.advance(9_000);
    short.store.tick();
    await new Promise((r) => setImmediate(r));
    expect(short.types()).toEqual([]);
    clock.advance(1_000);
    short.store.tick();
    await new Promise((r) => setImmediate(r));
    expect(short.types()).toEqual(['expiring', 'refreshed']);
    // Just refreshed: not again at the next tick.
    clock.advance(1_000);
    short.store.tick();
    await new Promise((r) => setImmediate(r));
    expect(short.types()).toEqual(['expiring', 'refreshed']);
  });

  it('does not bring back a session dropped while its refresh was under way', async () => {
    let answer: (credentials: Credentials) => void = () => {};
    const { store, types } = setUp(false, () => new Promise<Credentials>((resolve) => (answer = resolve)));
    const refreshing = store.refresh('dev');
    store.drop('dev');
    answer(keys(clock.now() + 3600_000));
    await expect(refreshing).rejects.toThrow('The session dev was dropped while it was being refreshed.');
    expect(types()).toEqual(['added', 'dropped']);
    expect(store.get('dev')).toBeUndefined();
  });

  it('refreshes on its own at the lead time when set to, and reports a refresh that fails', async () => {
    const auto = setUp(true);
    clock.advance(3600_000 - 300_000);
    auto.store.tick();
    await new Promise((r) => setImmediate(r));
    expect(auto.types()).toEqual(['added', 'expiring', 'refreshed']);
    expect(auto.store.secondsLeft(auto.store.get('dev') as Session)).toBe(3600);

    const failing = setUp(true, async () => {
      throw new Error('MFA code needed');
    });
    clock.advance(3600_000 - 300_000);
    failing.store.tick();
    await new Promise((r) => setImmediate(r));
    expect(failing.types()).toEqual(['added', 'expiring', 'refresh-failed']);
  });

  it('does not count a refresh that brings back the same credentials', async () => {
    const stuck: Credentials = keys(clock.now() + 3600_000);
    const { store, types } = setUp(true, async () => stuck);
    await store.refresh('dev').catch(() => {});
    await expect(store.refresh('dev')).rejects.toThrow('The refresh returned the same credentials.');
    expect(types().filter((t) => t === 'refreshed')).toHaveLength(1);
  });

  it('drops a session, and shares one refresh between two callers', async () => {
    let renewals = 0;
    const { store, types } = setUp(false, async () => {
      renewals += 1;
      return keys(clock.now() + 3600_000);
    });
    await Promise.all([store.refresh('dev'), store.refresh('dev')]);
    expect(renewals).toBe(1);
    store.drop('dev');
    expect(store.list()).toEqual([]);
    expect(types()).toEqual(['added', 'refreshed', 'dropped']);
  });
});
