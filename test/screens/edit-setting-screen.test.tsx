import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';

let app: AppUnderTest;
afterEach(() => app?.unmount());

async function openSetting(label: string, downs: number) {
  app = renderApp();
  await app.press(',');
  await vi.waitFor(() => expect(app.lastFrame()).toContain('Default region'));
  for (let i = 0; i < downs; i++) await app.press(KEYS.down);
  await app.press(KEYS.enter);
  await vi.waitFor(() => expect(app.lastFrame()).toContain('Enter saves'));
  expect(app.lastFrame()).toContain(label);
}

describe('editing a setting', () => {
  it('saves a valid value, goes back and says what changed', async () => {
    await openSetting('Session duration', 1);
    await app.press(KEYS.ctrlU);
    await app.press('2h');
    await app.press(KEYS.enter);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Session duration is now 2h.'));
    expect(app.settings.read().defaultSessionSeconds).toBe(7200);
    expect(app.lastFrame()).toContain('› Settings');
  });
});

describe('a value that cannot be used', () => {
  it('shows the problem inline and keeps the form open with the text', async () => {
    await openSetting('Default region', 0);
    await app.press(KEYS.ctrlU);
    await app.press('Frankfurt');
    await app.press(KEYS.enter);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('✗ "Frankfurt" is not a region name'));
    expect(app.lastFrame()).toContain('› Frankfurt');
    expect(app.settings.read().defaultRegion).toBe('us-east-1');
    // Typing again clears the problem.
    await app.press(KEYS.backspace);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Enter saves, Esc cancels.'));
  });
});

describe('Esc on an edit', () => {
  it('leaves without saving and forgets what was typed', async () => {
    await openSetting('Refresh lead time', 4);
    await app.press(KEYS.ctrlU);
    await app.press('20m');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('› 20m'));
    await app.press(KEYS.escape);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Refresh lead time  5m'));
    expect(app.settings.read().refreshLeadSeconds).toBe(300);
    await app.press(KEYS.enter);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('› 5m'));
  });
});
