// The managed-policy picker as state: open for the role's managed policies (Space picks several)
// or for its permissions boundary (one), what is typed to filter IAM's list (fzf, as the `/`
// filter of the roles screen), and the cursor among the matches. Pure; the list itself is the
// screen's (IAM's ListPolicies), handed in where a match is needed.
import { type FilterMatch, fuzzyFilter } from '../../../src/filter/fuzzy-filter';
import type { ManagedPolicySummary } from '../../../src/role-making/role-spec';

export type PickerFor = 'managed' | 'boundary';

export interface PolicyPickerState {
  for: PickerFor;
  query: string;
  /** Index among the matches of `query`. */
  cursor: number;
}

export type PolicyPickerAction =
  | { type: 'open-picker'; for: PickerFor }
  | { type: 'close-picker' }
  | { type: 'picker-query'; text: string }
  | { type: 'picker-move'; by: number; matches: number };

export function reducePolicyPicker(
  state: PolicyPickerState | undefined,
  action: PolicyPickerAction,
): PolicyPickerState | undefined {
  switch (action.type) {
    case 'open-picker':
      return { for: action.for, query: '', cursor: 0 };
    case 'close-picker':
      return undefined;
    case 'picker-query':
      // A new query puts the cursor on the best match.
      return state && { ...state, query: action.text, cursor: 0 };
    case 'picker-move':
      return (
        state && {
          ...state,
          cursor: Math.min(Math.max(0, state.cursor + action.by), Math.max(0, action.matches - 1)),
        }
      );
  }
}

/** A policy as the filter reads it: its name, then its path for the account's own. */
function filterText(policy: ManagedPolicySummary): string {
  return policy.name;
}

const filters = new WeakMap<
  readonly ManagedPolicySummary[],
  ReturnType<typeof fuzzyFilter<ManagedPolicySummary>>
>();

/** The policies that match the query, best first (all of them, in IAM's order, for none). */
export function policyMatches(
  policies: readonly ManagedPolicySummary[],
  query: string,
): FilterMatch<ManagedPolicySummary>[] {
  // One fzf index per list: a keystroke costs one pass over it, not a rebuild.
  let filter = filters.get(policies);
  if (!filter) {
    filter = fuzzyFilter(policies, filterText);
    filters.set(policies, filter);
  }
  return filter.find(query);
}

/** The policy under the cursor. */
export function pickerSelection(
  picker: PolicyPickerState,
  policies: readonly ManagedPolicySummary[],
): ManagedPolicySummary | undefined {
  const matches = policyMatches(policies, picker.query);
  return matches[Math.min(picker.cursor, matches.length - 1)]?.item;
}
