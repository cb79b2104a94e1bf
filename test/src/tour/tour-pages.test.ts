// The walkthrough's order, where it starts, and how the footer says where you are.
import { describe, expect, it } from 'vitest';
import { pageAfter, positionWords, startPage, TOUR_PAGE_IDS } from '../../../src/tour/tour-pages';

describe('the walkthrough’s pages', () => {
  it('are the concepts, then the check, then the guided setup', () => {
    expect(TOUR_PAGE_IDS).toEqual([
      'accounts',
      'policies',
      'credentials',
      'mfa',
      'external-id',
      'deny',
      'check',
      'setup',
    ]);
  });

  it('start at the page asked for, else where they were left, else the first', () => {
    expect(startPage('check', 'mfa')).toBe('check');
    expect(startPage(undefined, 'mfa')).toBe('mfa');
    expect(startPage(undefined, undefined)).toBe('accounts');
    // An id from another version of rolecall (or typed into settings.json) starts at the first.
    expect(startPage('nonsense', 'gone')).toBe('accounts');
  });

  it('say where you are: the part, the page within it, the step of the whole', () => {
    expect(positionWords('credentials')).toBe('Concepts · page 3 of 6 · step 3 of 8');
    expect(positionWords('check')).toBe('Check your setup · step 7 of 8');
    expect(positionWords('setup')).toBe('Guided setup · step 8 of 8');
  });

  it('page on and back within the walkthrough', () => {
    expect(pageAfter('accounts', 1)).toBe('policies');
    expect(pageAfter('accounts', -1)).toBe('accounts');
    expect(pageAfter('setup', 1)).toBe('setup');
    expect(pageAfter('check', -1)).toBe('deny');
  });
});
