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

/**
 * Whether the form holds something other than what it was filled in with: what leaving would
 * lose. Where the focus is, the preview's scroll and the panels open are not something typed.
 */
export function changedFromPrefill(
  state: TrustPolicyFormState,
  account: string,
  prefill: TrustPolicyPrefill,
): boolean {
  const typed = (s: TrustPolicyFormState) =>
    JSON.stringify([
      s.entries.entries,
      s.details,
      s.conditions,
      s.role,
      s.tags.entries,
      s.policyArns.entries,
      s.picked,
    ]);
  return typed(state) !== typed(prefilledForm(account, prefill));
}
