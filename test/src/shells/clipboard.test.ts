// The real system clipboard on a machine with no display (as in CI): it must fail in words.
import { describe, expect, it } from 'vitest';
import { systemClipboard } from '../../../src/shells/clipboard';

describe('the system clipboard with no display', () => {
  it('refuses with a reason a person can act on', async () => {
    const saved = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    try {
      await expect(systemClipboard.write('export X=1')).rejects.toThrow(/xsel|display server/i);
    } finally {
      for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
    }
  });
});
