// The builder's second half as state: the new role itself (name, path, description, maximum
// session, tags) and its permissions (managed policies picked from IAM's list, policy ARNs typed,
// an inline policy, a permissions boundary). The RoleSpec is kept whole and in step with what is
// typed, so what the checks and the create call see is the state itself. Pure.
import {
  type EntryListState,
  entryList,
  filledEntries,
  reduceEntryList,
} from '../../../components/form/entry-list-state';
import { emptyRoleSpec, type RoleSpec, type RoleTag } from '../../../src/role-making/role-spec';

/** The role's own text fields, in the order Tab goes. */
export const ROLE_FIELDS = [
  { key: 'name', label: 'Name', placeholder: 'the role’s name: Deployer' },
  { key: 'path', label: 'Path', placeholder: '/ (or /team/…/)' },
  { key: 'description', label: 'Description', placeholder: 'optional: what the role is for' },
  { key: 'maxSession', label: 'Max session', placeholder: '1h to 12h, or seconds (1h when empty)' },
] as const satisfies ReadonlyArray<{ key: keyof RoleSpec; label: string; placeholder: string }>;

export type RoleFieldKey = (typeof ROLE_FIELDS)[number]['key'];

/** The role's part of the form's state. */
export interface RoleFieldsState {
  /** Always whole: tags and managed policies are kept in step with the lists below. */
  role: RoleSpec;
  /** Each tag as typed: "key=value". */
  tags: EntryListState;
  /** Policy ARNs typed (the account's own, or any when IAM's list cannot be read). */
  policyArns: EntryListState;
  /** Managed policies picked from IAM's list, by ARN, in the order picked. */
  picked: readonly string[];
}

export function roleFields(): RoleFieldsState {
  return { role: emptyRoleSpec(), tags: entryList(), policyArns: entryList(), picked: [] };
}

/** "env=prod" as IAM takes it; the value may hold "=" and may be empty. */
export function tagOf(text: string): RoleTag {
  const at = text.indexOf('=');
  return at < 0
    ? { key: text.trim(), value: '' }
    : { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}

/** The spec with the lists' current contents: tags parsed, picked and typed ARNs once each. */
function inStep(state: RoleFieldsState): RoleFieldsState {
  const tags = filledEntries(state.tags).map(tagOf);
  const managedPolicies = [...new Set([...state.picked, ...filledEntries(state.policyArns)])];
  return { ...state, role: { ...state.role, tags, managedPolicies } };
}

export function typedRoleField(
  state: RoleFieldsState,
  key: RoleFieldKey | 'inlinePolicyName' | 'permissionsBoundary' | 'inlinePolicy',
  text: string,
): RoleFieldsState {
  return { ...state, role: { ...state.role, [key]: text } };
}

export type RoleListName = 'tags' | 'policyArns';

export function editRoleList(
  state: RoleFieldsState,
  list: RoleListName,
  index: number,
  action: { type: 'edit'; text: string } | { type: 'add' } | { type: 'remove' },
): RoleFieldsState {
  const next = reduceEntryList({ ...state[list], focus: index }, action);
  return inStep({ ...state, [list]: next });
}

/** Picks a policy from IAM's list, or unpicks it when it was picked. */
export function togglePicked(state: RoleFieldsState, arn: string): RoleFieldsState {
  const picked = state.picked.includes(arn) ? state.picked.filter((a) => a !== arn) : [...state.picked, arn];
  return inStep({ ...state, picked });
}

/** Anything typed or picked for the role. */
export function roleHasInput(state: RoleFieldsState): boolean {
  const { role } = state;
  return (
    [
      role.name,
      role.path,
      role.description,
      role.maxSession,
      role.inlinePolicy,
      role.inlinePolicyName,
      role.permissionsBoundary,
    ].some((text) => text.trim() !== '') ||
    state.picked.length > 0 ||
    filledEntries(state.tags).length > 0 ||
    filledEntries(state.policyArns).length > 0
  );
}
