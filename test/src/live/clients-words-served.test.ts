// The agent's clients and what it served, in the words the dashboard's screens use.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clientLine,
  clientWords,
  clockTimeOf,
  servedLine,
  servedTimes,
} from '../../../src/live/clients-words';
import type { WireClient } from '../../../src/live/protocol';

beforeEach(() => vi.stubEnv('TZ', 'UTC'));
afterEach(() => vi.unstubAllEnvs());

const bash: WireClient = {
  id: 'a1',
  kind: 'shell',
  mode: 'exported',
  label: 'bash',
  session: 'prod-admin',
  pid: 4242,
  openedAt: '2026-11-23T09:41:30.000Z',
  served: 3,
};

describe('the words for who is served', () => {
  it('says when, in the terminal’s time zone', () => {
    expect(clockTimeOf('2026-11-23T09:41:59.000Z')).toBe('09:41');
    vi.stubEnv('TZ', 'Asia/Kolkata');
    expect(clockTimeOf('2026-11-23T09:41:59.000Z')).toBe('15:11');
    expect(clockTimeOf('not a time')).toBe('--:--');
  });

  it('says an open client: kind, label, pid, mode, since when', () => {
    expect(clientWords(bash)).toBe('shell bash, pid 4242, exported, since 09:41');
    expect(clientWords({ ...bash, kind: 'command', label: 'terraform apply', mode: 'endpoint' })).toBe(
      'command terraform apply, pid 4242, endpoint, since 09:41',
    );
  });

  it('says its session, or that it has none since it was dropped, and how often it was served', () => {
    expect(clientLine(bash)).toBe(
      'shell bash, pid 4242, exported, since 09:41 · session prod-admin · served 3 times',
    );
    const { session: _, ...dropped } = bash;
    expect(clientLine({ ...dropped, served: 1 })).toBe(
      'shell bash, pid 4242, exported, since 09:41 · no session (dropped) · served once',
    );
    expect(servedTimes(0)).toBe('not served yet');
  });

  it('says a request served: when, who (command and pid), what, how', () => {
    expect(
      servedLine({
        at: '2026-11-23T09:52:00.000Z',
        caller: { command: 'credential-process', pid: 4300 },
        what: 'prod-admin',
        how: 'assumed through the MFA session',
      }),
    ).toBe('09:52 credential-process, pid 4300: prod-admin, assumed through the MFA session');
  });
});
