// The dashboard's countdowns: what the clock face says and when its colour changes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countdown } from '../../../src/sessions/countdown';
import { secondTicker } from '../../../src/sessions/second-ticker';

describe('a countdown', () => {
  it('reads as minutes and seconds under an hour, with hours from an hour', () => {
    expect(countdown(3598).text).toBe('59:58');
    expect(countdown(3600).text).toBe('1:00:00');
    expect(countdown(12 * 3600 - 2).text).toBe('11:59:58');
    expect(countdown(1).text).toBe('00:01');
  });

  it('is normal from 15 minutes, a warning under 15, urgent under 5, then expired', () => {
    expect(countdown(15 * 60)).toEqual({ text: '15:00', band: 'normal' });
    expect(countdown(15 * 60 - 1)).toEqual({ text: '14:59', band: 'warning' });
    expect(countdown(5 * 60)).toEqual({ text: '05:00', band: 'warning' });
    expect(countdown(5 * 60 - 1)).toEqual({ text: '04:59', band: 'urgent' });
    expect(countdown(0)).toEqual({ text: 'expired', band: 'expired' });
  });

  it('says so when the keys never expire', () => {
    expect(countdown(undefined)).toEqual({ text: 'no expiry', band: 'normal' });
  });
});

describe('the shared second ticker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-23T09:00:00.400Z'));
  });
  afterEach(() => vi.useRealTimers());

  const clock = { now: () => Date.now() };

  it('ticks just after each whole second, once for every listener together', () => {
    const ticker = secondTicker(clock);
    const seen: number[] = [];
    const also: number[] = [];
    ticker.subscribe(() => seen.push(Date.now() % 1000));
    ticker.subscribe(() => also.push(Date.now()));
    vi.advanceTimersByTime(599);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(10);
    expect(seen).toEqual([5]);
    vi.advanceTimersByTime(3000);
    expect(seen).toEqual([5, 5, 5, 5]);
    expect(also).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('stops its timer when the last listener leaves', () => {
    const ticker = secondTicker(clock);
    let ticks = 0;
    const leave = ticker.subscribe(() => ticks++);
    vi.advanceTimersByTime(1000);
    leave();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(ticks).toBe(1);
  });

  it('keeps to the second when a tick runs late', () => {
    const ticker = secondTicker(clock);
    const seen: number[] = [];
    ticker.subscribe(() => {
      seen.push(Date.now() % 1000);
      // A slow render: the next tick still lands just past the next whole second.
      vi.setSystemTime(Date.now() + 300);
    });
    // Ticks at 09:00:01.005, :02.005 and :03.005 of wall time, each re-aimed from where it ended.
    vi.advanceTimersByTime(2700);
    expect(seen).toEqual([5, 5, 5]);
  });
});
