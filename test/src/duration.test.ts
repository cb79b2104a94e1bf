import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/duration';

describe('durations as people type them', () => {
  it.each([
    ['3600', 3600],
    ['1h', 3600],
    ['90m', 5400],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    [' 12H ', 43_200],
    ['45s', 45],
    ['1h 0m 5s', 3605],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'soon', '1x', 'h1', '1h30', '-5m', '1.5h'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    [3600, '1h'],
    [5400, '1h 30m'],
    [43_200, '12h'],
    [300, '5m'],
    [59, '59s'],
    [0, '0s'],
  ])('writes %i seconds as %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
