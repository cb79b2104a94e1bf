// The terminal's clipboard, set with the OSC 52 escape sequence (xterm's "Manipulate Selection
// Data": ESC ] 52 ; c ; base64 BEL). It travels with the output, so it works over SSH and with no
// display server; most terminals take it (iTerm2, kitty, WezTerm, Alacritty, Windows Terminal,
// xterm once allowed); GNOME's VTE does not. tmux takes it and passes it on to the outer
// terminal only with `set -g set-clipboard on` (its default, external, ignores it from programs).
// The sequence holds the secret: it goes to the terminal only, never into a frame or a log.
import type { Clipboard } from './clipboard';

/** What the terminal is written through: the stream the interface draws on. */
export interface TerminalOutput {
  write(data: string): unknown;
}

export function osc52(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

export function terminalClipboard(terminal: TerminalOutput, env: NodeJS.ProcessEnv): Clipboard {
  return {
    async write(text) {
      terminal.write(osc52(text));
      return { with: 'terminal', inTmux: Boolean(env.TMUX) };
    },
  };
}
