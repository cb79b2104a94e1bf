// A new role, built with a form: who may assume it and on what conditions, its permissions and
// its name and settings, the JSON beside it and the checks as you type. Opened with n on the
// accounts screen. The form is screens/forms/trust-policy/; here is what it asks of the app: the
// clipboard, IAM's managed policies, your identities for Simulate, the editor for the inline
// policy, the primary action (Review and create…), and going back.
import { useTerminalHandOff } from '../components/use-terminal-hand-off';
import { editInEditor } from '../src/terminal/edit-in-editor';
import { useAsync } from './app/hooks/use-async';
import { useCopyTrustPolicy } from './app/hooks/use-copy-trust-policy';
import { useFormState } from './app/hooks/use-form-state';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions } from './app/stores/ui-store';
import type { PoliciesLoad } from './forms/trust-policy/picker-keys';
import { TrustPolicyForm } from './forms/trust-policy/trust-policy-form';
import type { TrustPolicyFormState } from './forms/trust-policy/trust-policy-form-state';
import { changedFromPrefill, prefilledForm } from './forms/trust-policy/trust-policy-prefill';

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
  const { roleMaking, verdicts } = core;
  const copy = useCopyTrustPolicy();
  const { back, ask, say, open, forgetForm } = useUiActions();
  const appTerminal = useTerminalHandOff();
  const terminal = core.handOff ?? appTerminal;
  const { account, name, prefill } = entry.params;
  const listed = useAsync((signal) => roleMaking.managedPolicies(account, { signal }), [account]);
  const policies: PoliciesLoad =
    listed.state === 'loaded'
      ? { state: 'loaded', policies: listed.value }
      : listed.state === 'failed'
        ? { state: 'failed', reason: errorWords(listed.error) }
        : { state: 'loading' };
  const callers = useAsync(() => verdicts.yourCallers(), [verdicts]);
  const formKey = prefill ? prefilledFormKey(account) : newRoleFormKey(account);
  const [filledIn] = useFormState<TrustPolicyFormState>(formKey);
  return (
    <TrustPolicyForm
      formKey={formKey}
      {...(prefill ? { initial: () => prefilledForm(account, prefill) } : {})}
      account={account}
      height={height}
      width={width}
      simulate={{
        callers: callers.state === 'loaded' ? callers.value : callers.state === 'failed' ? [] : undefined,
      }}
      copy={copy}
      leaveWords={
        prefill
          ? 'Go back (asks first when you changed what was filled in; the change is dropped: the form opens filled in afresh)'
          : 'Go back (asks first when something is typed; it is kept for the next n on this account)'
      }
      permissions={{
        policies,
        editorFailed: (text) => say({ tone: 'error', text }),
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
        if (prefill) {
          // Filled in by its opener, under a key of its own that n never opens, and filled in
          // afresh on the next opening (prefilledFormKey): what was typed is dropped, not kept.
          const leave = () => {
            forgetForm(formKey);
            back();
          };
          if (!filledIn || !changedFromPrefill(filledIn, account, prefill)) return leave();
          return ask({
            text: `Leave the new role in ${name ?? account}? What you changed in the filled-in form is dropped: it opens filled in afresh.`,
            yes: 'leave',
            action: leave,
          });
        }
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

/**
 * Where the store keeps a filled-in form: apart from what n keeps for the account, which stays
 * for the next n. The guided setup forgets it before each opening, so a second opening starts
 * from the prefill again: the setup opens the builder only while its step 2 says the role is
 * missing, and the role it then checks for is the one of step 2's fields (which may have changed
 * since) trusting the person's account with MFA; a form resumed would bring back an old name or
 * a trust the step would refuse.
 */
export function prefilledFormKey(account: string): string {
  return `trust-policy:${account}:prefilled`;
}

function errorWords(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim();
}
