// Where c puts a session's export lines: the system clipboard (xsel or wl-copy on Linux, pbcopy
// on macOS, through clipboardy), and when there is none (no program, no display: a server over
// SSH), the terminal's own clipboard through OSC 52 (terminal-clipboard.ts). clipboardy is loaded
// when first used: it brings a process runner that start-up does not need.
export interface Clipboard {
  /** Resolves with how the text was copied; rejects with words a person can act on. */
  write(text: string): Promise<Copied>;
}

export type Copied =
  /** A clipboard program took it. */
  | { with: 'program' }
  /**
   * Sent to the terminal as OSC 52. Nothing answers: whether the terminal took it is not known
   * (some refuse it unless allowed; tmux passes it on only with `set-clipboard on`).
   */
  | { with: 'terminal'; inTmux: boolean };

export const systemClipboard: Clipboard = {
  async write(text) {
    const { default: clipboard } = await import('clipboardy');
    await clipboard.write(text);
    return { with: 'program' };
  },
};

/** How long a clipboard program may take before the terminal's clipboard is used instead. */
const PROGRAM_WAIT_MS = 3000;

/**
 * The system clipboard, else the terminal's: the text reaches one of them, never a new session.
 * A clipboard program that does not answer (an X server gone quiet) counts as none.
 */
export function clipboardOrTerminal(
  system: Clipboard,
  terminal: Clipboard,
  programWaitMs = PROGRAM_WAIT_MS,
): Clipboard {
  return {
    async write(text) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the clipboard program did not answer')), programWaitMs);
      });
      try {
        return await Promise.race([system.write(text), late]);
      } catch {
        return await terminal.write(text);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
