// c (or Ctrl-Y) in the trust-policy builder, whichever screen holds it (a new role, a role's
// edit, a file's): the JSON onto the clipboard, and the status line saying where it went: by a
// clipboard program, or through the terminal (OSC 52), which may need allowing; or why neither
// took it, in the clipboard's own words.
import type { Copied } from '../../../src/shells/clipboard';
import { useCore } from '../stores/core-context';
import { useUiActions } from '../stores/ui-store';

export function useCopyTrustPolicy(): (json: string) => void {
  const { clipboard } = useCore();
  const { say } = useUiActions();
  return (json) =>
    void clipboard.write(json).then(
      (copied) => say({ tone: 'info', text: copiedWords(copied) }),
      (error: unknown) => say({ tone: 'error', text: notCopiedWords(error) }),
    );
}

/** What c did with the document, and where to paste it. */
export function copiedWords(copied: Copied): string {
  if (copied.with === 'program') return 'Copied the trust policy’s JSON.';
  const tmux = copied.inTmux ? ' (in tmux: set -g set-clipboard on)' : '';
  return `Copied the trust policy’s JSON with the terminal (OSC 52): no clipboard program here. Nothing to paste? Your terminal must allow OSC 52${tmux}.`;
}

/** Neither clipboard took it: why (the first line: clipboardy adds one about its own fallback). */
export function notCopiedWords(error: unknown): string {
  const reason = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '')
    .trim()
    .replace(/\.?$/, '.');
  return `Could not copy the trust policy’s JSON: ${reason}`;
}
