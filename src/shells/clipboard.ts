// The system clipboard (xsel or wl-copy on Linux, pbcopy on macOS), through clipboardy. Loaded
// when first used: it brings a process runner that start-up does not need.
export interface Clipboard {
  /** Rejects with words a person can act on ("needs a display server", "install xsel"). */
  write(text: string): Promise<void>;
}

export const systemClipboard: Clipboard = {
  async write(text) {
    const { default: clipboard } = await import('clipboardy');
    await clipboard.write(text);
  },
};
