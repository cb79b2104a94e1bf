// The clipboards c copies to: the system's, and the terminal's (OSC 52) when the system has none.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clipboardOrTerminal, systemClipboard } from '../../../src/shells/clipboard';
import { osc52, terminalClipboard } from '../../../src/shells/terminal-clipboard';

/** A machine with no display and no clipboard program on PATH (xsel, xclip, wl-copy, pbcopy), as over SSH. */
const saved = {
  DISPLAY: process.env.DISPLAY,
  WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY,
  PATH: process.env.PATH,
};
beforeEach(() => {
  delete process.env.DISPLAY;
  delete process.env.WAYLAND_DISPLAY;
  process.env.PATH = mkdtempSync(join(tmpdir(), 'rolecall-empty-path-'));
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const LINES =
  "export AWS_ACCESS_KEY_ID='ASIAEXAMPLE'\nexport AWS_SECRET_ACCESS_KEY='s3cr3t/+='\nunset AWS_PROFILE";

describe('the system clipboard with no display and no clipboard program', () => {
  it('refuses with a reason a person can act on', async () => {
    await expect(systemClipboard.write('export X=1')).rejects.toThrow(/xsel|display server/i);
  });
});

describe('the terminal’s clipboard (OSC 52)', () => {
  it('is ESC ] 52 ; c ; the base64 of the text, BEL', () => {
    expect(osc52('export X=1')).toBe('\u001B]52;c;ZXhwb3J0IFg9MQ==\u0007');
    const written: string[] = [];
    void terminalClipboard({ write: (data) => written.push(data) }, {}).write(LINES);
    expect(written).toEqual([`\u001B]52;c;${Buffer.from(LINES).toString('base64')}\u0007`]);
  });

  it('takes the text when the system clipboard cannot, and says it was the terminal', async () => {
    const written: string[] = [];
    const clipboard = clipboardOrTerminal(
      systemClipboard,
      terminalClipboard({ write: (data) => written.push(data) }, { TMUX: '/tmp/tmux-1000/default,1,0' }),
    );
    await expect(clipboard.write(LINES)).resolves.toEqual({ with: 'terminal', inTmux: true });
    expect(written).toHaveLength(1);
    const sequence = written[0] ?? '';
    expect(sequence.startsWith('\u001B]52;c;')).toBe(true);
    expect(sequence.endsWith('\u0007')).toBe(true);
    expect(Buffer.from(sequence.slice(7, -1), 'base64').toString('utf8')).toBe(LINES);
  });

  it('takes the text when the clipboard program does not answer', async () => {
    const written: string[] = [];
    const clipboard = clipboardOrTerminal(
      { write: () => new Promise(() => {}) },
      terminalClipboard({ write: (data) => written.push(data) }, {}),
      1,
    );
    await expect(clipboard.write(LINES)).resolves.toEqual({ with: 'terminal', inTmux: false });
    expect(written).toEqual([osc52(LINES)]);
  });

  it('is not written when a clipboard program took the text', async () => {
    const written: string[] = [];
    const clipboard = clipboardOrTerminal(
      { write: async () => ({ with: 'program' }) },
      terminalClipboard({ write: (data) => written.push(data) }, {}),
    );
    await expect(clipboard.write(LINES)).resolves.toEqual({ with: 'program' });
    expect(written).toEqual([]);
  });
});
