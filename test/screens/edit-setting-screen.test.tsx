import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';

let app: AppUnderTest;
afterEach(() => app?.unmount());

async function openSetting(label: string, downs: number) {
  app = renderApp();
  app.press(',');
  await vi.waitFor(() => expect(app.lastFrame()).toContain('Default region'));
  for (let i = 0; i < downs; i++) app.press(KEYS.down);
  app.press(KEYS.enter);
  await vi.waitFor(() => expect(app.lastFrame()).toContain('Enter saves'));
  expect(app.lastFrame()).toContain(label);
}

describe('editing a setting', () => {
  it('saves a valid value, goes back and says what changed', async () => {
    await openSetting('Session duration', 1);
    app.press(KEYS.ctrlU);
    app.press('2h');
    app.press(KEYS.enter);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Session duration is now 2h.'));
    expect(app.settings.read().defaultSessionSeconds).toBe(7200);
    expect(app.lastFrame()).toContain('› Settings');
  });
});
