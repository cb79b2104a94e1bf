import { describe, expect, it } from 'vitest';
import { EDITABLE_SETTINGS, type EditableKey } from '../../../src/settings/fields';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';

function field(key: EditableKey) {
  const found = EDITABLE_SETTINGS.find((f) => f.key === key);
  if (!found) throw new Error(key);
  return found;
}

describe('typing a setting', () => {
  it('takes a region name and refuses anything else', () => {
    expect(field('defaultRegion').parse(' eu-central-2 ')).toEqual({
      ok: true,
      change: { defaultRegion: 'eu-central-2' },
      shown: 'eu-central-2',
    });
    expect(field('defaultRegion').parse('us-gov-west-1')).toMatchObject({ ok: true });
    expect(field('defaultRegion').parse('Frankfurt')).toEqual({
      ok: false,
      problem: '"Frankfurt" is not a region name such as us-east-1 or eu-central-2.',
    });
  });

  it('takes a session length between AWS limits', () => {
    expect(field('defaultSessionSeconds').parse('12h')).toEqual({
      ok: true,
      change: { defaultSessionSeconds: 43_200 },
      shown: '12h',
    });
    expect(field('defaultSessionSeconds').parse('10m')).toEqual({
      ok: false,
      problem: 'Must be between 15m and 12h.',
    });
    expect(field('defaultSessionSeconds').parse('13h')).toEqual({
      ok: false,
      problem: 'Must be between 15m and 12h.',
    });
    expect(field('defaultSessionSeconds').parse('a while')).toMatchObject({ ok: false });
  });

  it('shows a value the way it reads it back', () => {
    const lead = field('refreshLeadSeconds');
    const shown = lead.show({ ...DEFAULT_SETTINGS, refreshLeadSeconds: 600 });
    expect(shown).toBe('10m');
    expect(lead.parse(shown)).toMatchObject({ ok: true, change: { refreshLeadSeconds: 600 } });
  });

  it('takes an MFA session length within GetSessionToken’s range', () => {
    expect(field('mfaSessionSeconds').parse('36h')).toMatchObject({
      ok: true,
      change: { mfaSessionSeconds: 129_600 },
    });
    expect(field('mfaSessionSeconds').parse('37h')).toEqual({
      ok: false,
      problem: 'Must be between 15m and 36h.',
    });
  });

  it('checks a session name template', () => {
    expect(field('sessionNameTemplate').parse('{user}@{profile}')).toMatchObject({
      ok: true,
      change: { sessionNameTemplate: '{user}@{profile}' },
    });
    expect(field('sessionNameTemplate').parse('')).toMatchObject({ ok: false });
    expect(field('sessionNameTemplate').parse('{nope}')).toMatchObject({ ok: false });
  });

  it('takes what a shell opened with s gets, exported by default', () => {
    const shells = field('shellCredentials');
    expect(shells.show(DEFAULT_SETTINGS)).toBe('exported');
    expect(shells.parse(' Endpoint ')).toEqual({
      ok: true,
      change: { shellCredentials: 'endpoint' },
      shown: 'endpoint',
    });
    expect(shells.parse('static')).toMatchObject({ ok: true, change: { shellCredentials: 'static' } });
    expect(shells.parse('live')).toEqual({ ok: false, problem: 'Type one of: exported, endpoint, static.' });
  });
});
