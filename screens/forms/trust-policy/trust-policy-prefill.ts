// The builder opened filled in (the guided setup's step 2): the accounts to trust, MFA required
// or not, and the role's name, typed into a new form through its own reducer, so the state is one
// the person could have typed.
import { reduceTrustPolicyForm, type TrustPolicyFormState, trustPolicyForm } from './trust-policy-form-state';

/** What the builder starts with, when the opener knows. */
export interface TrustPolicyPrefill {
  /** Account IDs to trust (their root: the account's admins then grant it to whom they choose). */
  trustAccounts: readonly string[];
  requireMfa: boolean;
  roleName?: string;
}

export function prefilledForm(account: string, prefill: TrustPolicyPrefill): TrustPolicyFormState {
  let state = trustPolicyForm(account);
  prefill.trustAccounts.forEach((id, entry) => {
    if (entry > 0) state = reduceTrustPolicyForm(state, { type: 'add-entry' });
    state = reduceTrustPolicyForm(state, { type: 'typed', slot: { at: 'value', entry }, text: id });
  });
  state = { ...state, conditions: { ...state.conditions, requireMfa: prefill.requireMfa } };
  if (prefill.roleName)
    state = reduceTrustPolicyForm(state, {
      type: 'typed',
      slot: { at: 'role', key: 'name' },
      text: prefill.roleName,
    });
  return { ...state, focus: 0 };
}
