// A new role's trust policy, built with a form: who may assume it and on what conditions, the
// JSON beside it and the checks as you type. Opened with n on the accounts screen. The form is
// screens/forms/trust-policy/; here is what it asks of the app: the clipboard, and going back.
import type { Copied } from '../src/shells/clipboard';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions } from './app/stores/ui-store';
import { TrustPolicyForm } from './forms/trust-policy/trust-policy-form';

export function TrustPolicyScreen({ entry, height, width }: ScreenProps<'trust-policy'>) {
  const { clipboard } = useCore();
  const { back, ask, say } = useUiActions();
  const { account, name } = entry.params;
  return (
    <TrustPolicyForm
      formKey={`trust-policy:${account}`}
      account={account}
      height={height}
      width={width}
      copy={(json) =>
        clipboard.write(json).then(
          (copied) => say({ tone: 'info', text: copiedWords(copied) }),
          (error: unknown) => say({ tone: 'error', text: notCopiedWords(error) }),
        )
      }
      leave={(typed) => {
        if (!typed) return back();
        ask({
          text: `Leave the new role in ${name ?? account}? What you typed stays: n on this account brings it back.`,
          yes: 'leave',
          action: back,
        });
      }}
    />
  );
}

/** What c did with the document, and where to paste it. */
function copiedWords(copied: Copied): string {
  if (copied.with === 'program') return 'Copied the trust policy’s JSON.';
  const tmux = copied.inTmux ? ' (in tmux: set -g set-clipboard on)' : '';
  return `Copied the trust policy’s JSON with the terminal (OSC 52): no clipboard program here. Nothing to paste? Your terminal must allow OSC 52${tmux}.`;
}

/** Neither clipboard took it: why (the first line: clipboardy adds one about its own fallback). */
function notCopiedWords(error: unknown): string {
  const reason = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '')
    .trim()
    .replace(/\.?$/, '.');
  return `Could not copy the trust policy’s JSON: ${reason}`;
}
