// The dashboard's line on whom this rolecall serves, in words.
import { describe, expect, it } from 'vitest';
import { servingLine } from '../../../src/live/clients-words';
import type { ServedRecord, WireClient } from '../../../src/live/protocol';

const shell = (id: string): WireClient => ({
  id,
  kind: 'shell',
  mode: 'exported',
  label: 'bash',
  pid: 1,
  openedAt: '2026-01-01T00:00:00Z',
  served: 0,
});

describe('servingLine', () => {
  it('counts the clients, and names the last request served at its local time', () => {
    const at = new Date(2026, 0, 1, 9, 41, 30);
    const last: ServedRecord = {
      at: at.toISOString(),
      caller: { command: 'credential-process', pid: 2 },
      what: 'prod-admin',
      how: 'a live session',
    };
    expect(servingLine([shell('a'), shell('b')], last)).toBe(
      'Serving 2 shells · last: credential-process prod-admin at 09:41',
    );
    expect(servingLine([], last)).toBe('Serving no shell now · last: credential-process prod-admin at 09:41');
    expect(servingLine([shell('a')], undefined)).toBe('Serving 1 shell');
    expect(servingLine([], undefined)).toBeUndefined();
  });
});
