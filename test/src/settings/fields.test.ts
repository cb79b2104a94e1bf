import { describe, expect, it } from 'vitest';
import { EDITABLE_SETTINGS, type EditableKey } from '../../../src/settings/fields';

function field(key: EditableKey) {
  const found = EDITABLE_SETTINGS.find((f) => f.key === key);
  if (!found) throw new Error(key);
  return found;
}

describe('typing a setting', () => {
  it('takes a region name and refuses anything else', () => {
    expect(field('defaultRegion').parse(' eu-central-2 ')).toEqual({ ok: true, value: 'eu-central-2' });
    expect(field('defaultRegion').parse('us-gov-west-1')).toEqual({ ok: true, value: 'us-gov-west-1' });
    expect(field('defaultRegion').parse('Frankfurt')).toEqual({
      ok: false,
      problem: '"Frankfurt" is not a region name such as us-east-1 or eu-central-2.',
    });
  });

  it('takes a session length between AWS limits', () => {
    expect(field('defaultSessionSeconds').parse('12h')).toEqual({ ok: true, value: 43_200 });
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

  it('shows a duration the way it reads it back', () => {
    const duration = field('refreshLeadSeconds');
    expect(duration.toText(600 as never)).toBe('10m');
    expect(duration.parse(duration.toText(600 as never))).toEqual({ ok: true, value: 600 });
  });

  it('checks a session name template', () => {
    expect(field('sessionNameTemplate').parse('{user}@{profile}')).toEqual({
      ok: true,
      value: '{user}@{profile}',
    });
    expect(field('sessionNameTemplate').parse('')).toMatchObject({ ok: false });
    expect(field('sessionNameTemplate').parse('{nope}')).toMatchObject({ ok: false });
  });
});
