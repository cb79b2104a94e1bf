// A new role, built with a form: who may assume it and on what conditions, its permissions and
// its name and settings, the JSON beside it and the checks as you type. Opened with n on the
// accounts screen. The form is screens/forms/trust-policy/; here is what it asks of the app: the
// clipboard, IAM's managed policies, your identities for Simulate, the editor for the inline
// policy, the primary action (Review and create…), and going back.
import { useTerminalHandOff } from '../components/use-terminal-hand-off';
import type { Copied } from '../src/shells/clipboard';
import { editInEditor } from '../src/terminal/edit-in-editor';
import { useAsync } from './app/hooks/use-async';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions } from './app/stores/ui-store';
import type { PoliciesLoad } from './forms/trust-policy/picker-keys';
import { TrustPolicyForm } from './forms/trust-policy/trust-policy-form';

/** What an inline policy starts as: one statement to fill in, which IAM would refuse as it is. */
export const STARTER_INLINE_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": "arn:aws:s3:::EXAMPLE-BUCKET/*"
    }
  ]
}
`;

/** Where the store keeps a new role's form in `account`: kept until the role is made. */
export function newRoleFormKey(account: string): string {
  return `trust-policy:${account}`;
}

export function TrustPolicyScreen({ entry, height, width }: ScreenProps<'trust-policy'>) {
  const core = useCore();
  const { clipboard, roleMaking, verdicts } = core;
  const { back, ask, say, open } = useUiActions();
  const appTerminal = useTerminalHandOff();
  const terminal = core.handOff ?? appTerminal;
  const { account, name } = entry.params;
  const listed = useAsync((signal) => roleMaking.managedPolicies(account, { signal }), [account]);
  const policies: PoliciesLoad =
    listed.state === 'loaded'
      ? { state: 'loaded', policies: listed.value }
      : listed.state === 'failed'
        ? { state: 'failed', reason: errorWords(listed.error) }
        : { state: 'loading' };
  const callers = useAsync(() => verdicts.yourCallers(), [verdicts]);
  return (
    <TrustPolicyForm
      formKey={newRoleFormKey(account)}
      account={account}
      height={height}
      width={width}
      simulate={{
        callers: callers.state === 'loaded' ? callers.value : callers.state === 'failed' ? [] : undefined,
      }}
      copy={(json) =>
        clipboard.write(json).then(
          (copied) => say({ tone: 'info', text: copiedWords(copied) }),
          (error: unknown) => say({ tone: 'error', text: notCopiedWords(error) }),
        )
      }
      permissions={{
        policies,
        editInlinePolicy: async (text) => {
          const outcome = await editInEditor(
            terminal,
            core.env,
            text || STARTER_INLINE_POLICY,
            'inline-policy.json',
          );
          if (outcome.kind === 'failed') {
            say({
              tone: 'error',
              text: `The editor (${outcome.editor}) did not save the inline policy: ${outcome.reason}. It is as it was.`,
            });
            return undefined;
          }
          // The starter left as it was is no policy: nothing was written.
          if (!text && outcome.text === STARTER_INLINE_POLICY) {
            say({ tone: 'info', text: 'The inline policy was left as it started: the role has none.' });
            return undefined;
          }
          say({ tone: 'info', text: `Read the inline policy back from ${outcome.editor}.` });
          return outcome.text;
        },
      }}
      primary={{
        label: 'Review and create…',
        run: (trustPolicy, role) =>
          open('create-role', { account, ...(name ? { name } : {}), trustPolicy, role }),
      }}
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

function errorWords(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim();
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
