// The managed-policy picker's keys while it is open: what is typed filters IAM's list (the
// picker's field takes it), ↑↓ move among the matches, Space picks or unpicks the policy under
// the cursor (policy names hold no spaces, so the filter never needs one), Enter is done (for
// the boundary, Enter picks the one under the cursor), Esc closes.
import type { KeyBinding } from '../../../components/keymap';
import { TEXT_FIELD_KEYS } from '../../../components/text-field/text-field';
import type { ManagedPolicySummary } from '../../../src/role-making/role-spec';
import { type PolicyPickerState, pickerSelection, policyMatches } from './policy-picker-state';
import type { TrustPolicyFormAction } from './trust-policy-form-state';

/** IAM's managed policies as their reading stands. */
export type PoliciesLoad =
  | { state: 'loading' }
  | { state: 'loaded'; policies: readonly ManagedPolicySummary[] }
  | { state: 'failed'; reason: string };

export function pickerKeys(
  picker: PolicyPickerState,
  load: PoliciesLoad,
  dispatch: (action: TrustPolicyFormAction) => void,
): KeyBinding[] {
  const policies = load.state === 'loaded' ? load.policies : [];
  const matches = () => policyMatches(policies, picker.query).length;
  const pick = () => {
    const policy = pickerSelection(picker, policies);
    if (policy) dispatch({ type: 'pick-policy', arn: policy.arn });
  };
  return [
    {
      keys: ['down'],
      hint: '↑↓',
      label: 'move',
      description: 'The next policy in the list',
      run: () => dispatch({ type: 'picker-move', by: 1, matches: matches() }),
    },
    {
      keys: ['up'],
      label: 'previous',
      description: 'The previous policy in the list',
      run: () => dispatch({ type: 'picker-move', by: -1, matches: matches() }),
      footer: false,
    },
    {
      keys: ['pagedown'],
      label: 'page down',
      description: 'Ten policies down',
      run: () => dispatch({ type: 'picker-move', by: 10, matches: matches() }),
      footer: false,
    },
    {
      keys: ['pageup'],
      label: 'page up',
      description: 'Ten policies up',
      run: () => dispatch({ type: 'picker-move', by: -10, matches: matches() }),
      footer: false,
    },
    picker.for === 'managed'
      ? {
          keys: ['space'],
          label: 'pick',
          description: 'Pick or unpick the policy under the cursor',
          run: pick,
        }
      : {
          keys: ['space', 'enter'],
          hint: 'Enter',
          label: 'pick',
          description: 'Make the policy under the cursor the boundary',
          run: pick,
        },
    ...(picker.for === 'managed'
      ? [
          {
            keys: ['enter'],
            label: 'done',
            description: 'Close the list; the picked policies stay',
            run: () => dispatch({ type: 'close-picker' }),
          },
        ]
      : []),
    {
      keys: ['escape'],
      label: 'close',
      description: 'Close the list (what is picked stays)',
      run: () => dispatch({ type: 'close-picker' }),
    },
    ...TEXT_FIELD_KEYS,
  ];
}
