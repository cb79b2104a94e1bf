// The simulate panel's keys while it is open: Tab and ↑↓ move through its fields, ←→ choose the
// caller (one of your identities, or an ARN typed), Space turns "with MFA" on and off, Esc closes
// it back to the form. The ARN and external ID fields take what is typed.
import type { KeyBinding } from '../../../components/keymap';
import { TEXT_FIELD_KEYS } from '../../../components/text-field/text-field';
import type { SimulateState } from './simulate-state';
import type { TrustPolicyFormAction } from './trust-policy-form-state';

export function simulateKeys(
  state: SimulateState,
  callers: number,
  dispatch: (action: TrustPolicyFormAction) => void,
): KeyBinding[] {
  const keys: KeyBinding[] = [
    {
      keys: ['tab', 'down'],
      hint: 'Tab',
      label: 'next field',
      description: 'Go to the next field',
      run: () => dispatch({ type: 'simulate-focus', by: 1 }),
    },
    {
      keys: ['up', 'shift+tab'],
      label: 'previous field',
      description: 'Go to the previous field',
      run: () => dispatch({ type: 'simulate-focus', by: -1 }),
      footer: false,
    },
  ];
  if (state.focus === 'caller')
    keys.push(
      {
        keys: ['right'],
        hint: '←→',
        label: 'caller',
        description: 'Choose who would assume it: one of your identities, or an ARN typed',
        run: () => dispatch({ type: 'simulate-pick', by: 1, callers }),
      },
      {
        keys: ['left'],
        label: 'previous caller',
        description: 'The previous caller',
        run: () => dispatch({ type: 'simulate-pick', by: -1, callers }),
        footer: false,
      },
    );
  if (state.focus === 'mfa')
    keys.push({
      keys: ['space'],
      label: 'flip',
      description: 'With or without MFA',
      run: () => dispatch({ type: 'simulate-mfa' }),
    });
  keys.push({
    keys: ['escape'],
    label: 'close',
    description: 'Back to the form',
    run: () => dispatch({ type: 'close-simulate' }),
  });
  if (state.focus === 'arn' || state.focus === 'externalId') keys.push(...TEXT_FIELD_KEYS);
  return keys;
}
