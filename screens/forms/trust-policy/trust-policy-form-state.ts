// The new-role builder as a state machine: who may assume the role (a list of entries, each a
// kind and its value or values), the conditions (toggles and fields, one for each of TrustDraft's),
// the permissions and the role itself (role-fields-state.ts), the action rows at the end, the
// policy picker and the simulate panel when open, and the focus moving through all of them. Pure:
// the draft is a function of the state (what the checks find, beside each field, is
// trust-policy-findings.ts's); the input hook only dispatches, and the state lives in the UI
// store so a half-built role outlives the screen.
import { reduceChoice } from '../../../components/form/choice-state';
import { type EntryListState, entryList, reduceEntryList } from '../../../components/form/entry-list-state';
import { moveFocus } from '../../../components/form/form-focus';
import { documentsDiffer } from '../../../src/trust-policy/document-diff';
import type { TrustDraft } from '../../../src/trust-policy/draft';
import {
  COMMON_SERVICES,
  GITHUB_ACTIONS_AUDIENCE,
  GITHUB_ACTIONS_HOST,
  githubActionsPrincipal,
  oidcProviderArn,
  servicePrincipalName,
  type TrustPrincipal,
} from '../../../src/trust-policy/draft-principals';
import { type PolicyPickerAction, type PolicyPickerState, reducePolicyPicker } from './policy-picker-state';
import {
  editRoleList,
  ROLE_FIELDS,
  type RoleFieldKey,
  type RoleFieldsState,
  roleFields,
  roleHasInput,
  togglePicked,
  typedRoleField,
} from './role-fields-state';
import { reduceSimulate, type SimulateAction, type SimulateState } from './simulate-state';
import { formDocument, previewLineCount, type TrustEditing } from './trust-policy-editing';

/** The kinds an entry can be, in the order the choice offers them; GitHub Actions is an OIDC preset. */
export const ENTRY_KINDS = [
  { kind: 'account', label: 'AWS account', placeholder: 'the account ID: 111111111111' },
  { kind: 'arn', label: 'IAM user or role', placeholder: 'arn:aws:iam::111111111111:role/Deployer' },
  { kind: 'service', label: 'AWS service', placeholder: 'ec2, lambda, ecs-tasks… or a full name' },
  { kind: 'saml', label: 'SAML provider', placeholder: 'arn:aws:iam::111111111111:saml-provider/Okta' },
  { kind: 'oidc', label: 'OIDC provider', placeholder: 'arn:aws:iam::111111111111:oidc-provider/…' },
  { kind: 'github', label: 'GitHub Actions', placeholder: 'the repository: OWNER/REPO' },
] as const;

export type EntryKind = (typeof ENTRY_KINDS)[number]['kind'];

/** What an entry holds besides its main text (kept in the entry list): its kind, and an OIDC provider's aud and sub. */
export interface EntryDetail {
  /** Index in ENTRY_KINDS. */
  kind: number;
  audience: string;
  subject: string;
}

export type ConditionKey = Exclude<keyof TrustDraft, 'principals'>;
export type Conditions = Omit<TrustDraft, 'principals'>;

export const CONDITION_FIELDS = [
  { key: 'requireMfa', label: 'Require MFA', toggle: true },
  { key: 'mfaMaxAge', label: 'MFA max age', placeholder: 'optional: 1h, 90m, 3600' },
  { key: 'externalId', label: 'External ID', placeholder: 'for a third party; Ctrl-R makes one' },
  { key: 'principalOrgId', label: 'Organization', placeholder: 'o-… (aws:PrincipalOrgID)' },
  { key: 'allowSessionTags', label: 'Allow session tags', toggle: true },
  { key: 'sourceIdentity', label: 'Source identity', placeholder: 'a pattern the caller must set: *' },
  { key: 'sourceAccount', label: 'Source account', placeholder: 'for services: 12 digits' },
  { key: 'sourceArn', label: 'Source ARN', placeholder: 'for services: arn:aws:s3:::my-bucket' },
] as const satisfies ReadonlyArray<{ key: ConditionKey; label: string; toggle?: true; placeholder?: string }>;

export type ToggleKey = 'requireMfa' | 'allowSessionTags';
export type TextConditionKey = Exclude<ConditionKey, ToggleKey>;

/** The action rows at the end of the form; what the primary one does is the screen's. */
export type FormAction = 'simulate' | 'primary';

/**
 * A place the focus can be: an entry's kind, its value, the common services' choice under a
 * service, an OIDC entry's audience or subject, a condition; the permissions (the managed
 * policies picked, a policy ARN typed, the inline policy and its name, the boundary); the role's
 * fields and tags; an action row.
 */
export type Slot =
  | { at: 'kind' | 'value' | 'common' | 'audience' | 'subject'; entry: number }
  | { at: 'condition'; key: ConditionKey }
  | { at: 'managed' | 'inline' | 'inline-name' | 'boundary' }
  | { at: 'policy-arn' | 'tag'; index: number }
  | { at: 'role'; key: RoleFieldKey }
  | { at: 'action'; action: FormAction };

export interface TrustPolicyFormState extends RoleFieldsState {
  /** The role's account: GitHub's provider is registered there, and another account is any but it. */
  account: string;
  /** Each entry's main text: the account ID, the ARN, the service, the provider, the repository. */
  entries: EntryListState;
  /** Beside `entries.entries`, one for one. */
  details: readonly EntryDetail[];
  conditions: Conditions;
  /** Index in slotsOf(state). */
  focus: number;
  /** The preview's first line, for a document taller than its room. */
  preview: number;
  /** The managed-policy picker, while open. */
  picker?: PolicyPickerState;
  /** The simulate panel, while open. */
  simulate?: SimulateState;
  /** Editing a document that exists (trust-policy-edit-form.ts): what it keeps, and the original. */
  editing?: TrustEditing;
}

export type TrustPolicyFormAction =
  | { type: 'focus'; by: number }
  /** On an entry's kind: the next or previous kind. */
  | { type: 'kind'; by: number }
  | { type: 'typed'; slot: Slot; text: string }
  /** On a toggle: flip it. */
  | { type: 'toggle' }
  /** A new account entry after the focused one (or last), which takes the focus. */
  | { type: 'add-entry' }
  /** The focused entry goes. */
  | { type: 'remove-entry' }
  /** PgUp/PgDn: the preview by `by` lines, within the document. */
  | { type: 'scroll-preview'; by: number }
  /** On the common services' choice: the next or previous one, written into the entry. */
  | { type: 'common'; by: number }
  /** In the picker: Space on a policy picks or unpicks it (the boundary takes one and closes). */
  | { type: 'pick-policy'; arn: string }
  | PolicyPickerAction
  | SimulateAction;

export function trustPolicyForm(account: string): TrustPolicyFormState {
  return {
    account,
    entries: entryList(['']),
    details: [newDetail()],
    conditions: {
      requireMfa: false,
      mfaMaxAge: '',
      externalId: '',
      principalOrgId: '',
      sourceIdentity: '',
      allowSessionTags: false,
      sourceAccount: '',
      sourceArn: '',
    },
    focus: 0,
    preview: 0,
    ...roleFields(),
  };
}

function newDetail(): EntryDetail {
  return { kind: 0, audience: '', subject: '' };
}

export function kindOf(state: TrustPolicyFormState, entry: number): EntryKind {
  return ENTRY_KINDS[state.details[entry]?.kind ?? 0]?.kind ?? 'account';
}

/** Every place the focus can be, in the order Tab goes through them. */
export function slotsOf(state: TrustPolicyFormState): Slot[] {
  const slots: Slot[] = [];
  state.entries.entries.forEach((_, entry) => {
    slots.push({ at: 'kind', entry }, { at: 'value', entry });
    if (kindOf(state, entry) === 'service') slots.push({ at: 'common', entry });
    if (kindOf(state, entry) === 'oidc') slots.push({ at: 'audience', entry }, { at: 'subject', entry });
  });
  for (const field of CONDITION_FIELDS) slots.push({ at: 'condition', key: field.key });
  // Editing a role's trust policy: the role exists; only its trust is the form's.
  if (state.editing) {
    slots.push({ at: 'action', action: 'simulate' }, { at: 'action', action: 'primary' });
    return slots;
  }
  slots.push({ at: 'managed' });
  // An empty list still has one field to type the first into.
  for (let index = 0; index < Math.max(1, state.policyArns.entries.length); index++)
    slots.push({ at: 'policy-arn', index });
  slots.push({ at: 'inline' }, { at: 'inline-name' }, { at: 'boundary' });
  for (const field of ROLE_FIELDS) slots.push({ at: 'role', key: field.key });
  for (let index = 0; index < Math.max(1, state.tags.entries.length); index++)
    slots.push({ at: 'tag', index });
  slots.push({ at: 'action', action: 'simulate' }, { at: 'action', action: 'primary' });
  return slots;
}

export function focusedSlot(state: TrustPolicyFormState): Slot | undefined {
  const slots = slotsOf(state);
  return slots[Math.min(state.focus, slots.length - 1)];
}

/** A slot as one string: what tells two slots apart. */
export function slotKey(slot: Slot): string {
  switch (slot.at) {
    case 'condition':
    case 'role':
      return `${slot.at}:${slot.key}`;
    case 'policy-arn':
    case 'tag':
      return `${slot.at}:${slot.index}`;
    case 'action':
      return `action:${slot.action}`;
    case 'managed':
    case 'inline':
    case 'inline-name':
    case 'boundary':
      return slot.at;
    default:
      return `${slot.at}:${slot.entry}`;
  }
}

export function sameSlot(a: Slot | undefined, b: Slot): boolean {
  return a !== undefined && a.at === b.at && slotKey(a) === slotKey(b);
}

/** The slot is one of who may assume the role's entries. */
export function onEntry(slot: Slot | undefined): slot is Extract<Slot, { entry: number }> {
  return slot !== undefined && 'entry' in slot;
}

/** The focus on `slot`, or where it is now when the state has no such slot. */
function focusOn(state: TrustPolicyFormState, slot: Slot): number {
  const at = slotsOf(state).findIndex((s) => sameSlot(s, slot));
  return at < 0 ? state.focus : at;
}

/** The common service an entry's text names: its index in COMMON_SERVICES, or -1. */
export function commonServiceIndex(text: string): number {
  const name = text.trim() ? servicePrincipalName(text.trim()) : '';
  return COMMON_SERVICES.findIndex((s) => s.service === name);
}

export function isToggle(key: ConditionKey): key is ToggleKey {
  return key === 'requireMfa' || key === 'allowSessionTags';
}

/** The slot takes typed text (a field), rather than keys of its own (a kind, a toggle, a row). */
export function takesText(slot: Slot | undefined): boolean {
  if (!slot) return false;
  if (['kind', 'common', 'managed', 'inline', 'action'].includes(slot.at)) return false;
  return slot.at !== 'condition' || !isToggle(slot.key);
}

export function reduceTrustPolicyForm(
  state: TrustPolicyFormState,
  action: TrustPolicyFormAction,
): TrustPolicyFormState {
  const slot = focusedSlot(state);
  switch (action.type) {
    case 'focus': {
      const focus = moveFocus(state.focus, action.by, slotsOf(state).length);
      return withEntryFocus({ ...state, focus });
    }
    case 'kind': {
      if (slot?.at !== 'kind') return state;
      const details = state.details.map((detail, i) => {
        if (i !== slot.entry) return detail;
        const kind = reduceChoice(detail.kind, { type: 'move', by: action.by }, ENTRY_KINDS.length);
        // An OIDC provider's audience starts as the one AWS's own tools ask for; typed text stays.
        const audience =
          detail.audience || (ENTRY_KINDS[kind]?.kind === 'oidc' ? GITHUB_ACTIONS_AUDIENCE : '');
        return { ...detail, kind, audience };
      });
      return { ...state, details };
    }
    case 'typed':
      return typed(state, action.slot, action.text);
    case 'toggle': {
      if (slot?.at !== 'condition' || !isToggle(slot.key)) return state;
      return { ...state, conditions: { ...state.conditions, [slot.key]: !state.conditions[slot.key] } };
    }
    case 'add-entry': {
      if (slot?.at === 'tag' || slot?.at === 'policy-arn') {
        const list = slot.at === 'tag' ? 'tags' : 'policyArns';
        const next = { ...state, ...editRoleList(state, list, slot.index, { type: 'add' }) };
        return { ...next, focus: focusOn(next, { at: slot.at, index: next[list].focus }) };
      }
      const after = onEntry(slot) ? slot.entry : state.entries.entries.length - 1;
      const entries = reduceEntryList({ ...state.entries, focus: Math.max(0, after) }, { type: 'add' });
      const details = [...state.details];
      details.splice(entries.focus, 0, newDetail());
      const next = { ...state, entries, details };
      return {
        ...next,
        focus: slotsOf(next).findIndex((s) => sameSlot(s, { at: 'kind', entry: entries.focus })),
      };
    }
    case 'scroll-preview': {
      const lines = previewLineCount(draftOf(state), state.editing);
      return { ...state, preview: Math.min(Math.max(0, state.preview + action.by), lines - 1) };
    }
    case 'remove-entry': {
      if (slot?.at === 'tag' || slot?.at === 'policy-arn') {
        const list = slot.at === 'tag' ? 'tags' : 'policyArns';
        if (state[list].entries.length === 0) return state;
        const next = { ...state, ...editRoleList(state, list, slot.index, { type: 'remove' }) };
        return { ...next, focus: focusOn(next, { at: slot.at, index: next[list].focus }) };
      }
      if (!onEntry(slot)) return state;
      const entries = reduceEntryList({ ...state.entries, focus: slot.entry }, { type: 'remove' });
      const details = state.details.filter((_, i) => i !== slot.entry);
      const next = { ...state, entries, details };
      const stay = entries.entries.length
        ? slotsOf(next).findIndex((s) => sameSlot(s, { at: 'kind', entry: entries.focus }))
        : 0;
      return { ...next, focus: Math.max(0, stay) };
    }
    case 'common': {
      if (slot?.at !== 'common') return state;
      const at = commonServiceIndex(state.entries.entries[slot.entry] ?? '');
      const picked = reduceChoice(
        at < 0 && action.by < 0 ? COMMON_SERVICES.length : at,
        { type: 'move', by: action.by },
        COMMON_SERVICES.length,
      );
      const service = COMMON_SERVICES[picked]?.service.replace(/\.amazonaws\.com$/, '') ?? '';
      return typed(state, { at: 'value', entry: slot.entry }, service);
    }
    case 'open-picker':
    case 'close-picker':
    case 'picker-query':
    case 'picker-move': {
      const picker = reducePolicyPicker(state.picker, action);
      const { picker: _, ...rest } = state;
      return picker ? { ...rest, picker } : rest;
    }
    case 'pick-policy': {
      if (!state.picker) return state;
      if (state.picker.for === 'managed') return { ...state, ...togglePicked(state, action.arn) };
      // One boundary: picking it closes the picker; picking the one set takes it off.
      const boundary = state.role.permissionsBoundary === action.arn ? '' : action.arn;
      const { picker: _, ...closed } = {
        ...state,
        ...typedRoleField(state, 'permissionsBoundary', boundary),
      };
      return closed;
    }
    case 'open-simulate':
    case 'close-simulate':
    case 'simulate-pick':
    case 'simulate-focus':
    case 'simulate-mfa':
    case 'simulate-typed': {
      const simulate = reduceSimulate(state.simulate, action);
      const { simulate: _, ...rest } = state;
      return simulate ? { ...rest, simulate } : rest;
    }
  }
}

function typed(state: TrustPolicyFormState, slot: Slot, text: string): TrustPolicyFormState {
  switch (slot.at) {
    case 'role':
      return { ...state, ...typedRoleField(state, slot.key, text) };
    case 'inline':
      return { ...state, ...typedRoleField(state, 'inlinePolicy', text) };
    case 'inline-name':
      return { ...state, ...typedRoleField(state, 'inlinePolicyName', text) };
    case 'boundary':
      return { ...state, ...typedRoleField(state, 'permissionsBoundary', text) };
    case 'tag':
      return { ...state, ...editRoleList(state, 'tags', slot.index, { type: 'edit', text }) };
    case 'policy-arn':
      return { ...state, ...editRoleList(state, 'policyArns', slot.index, { type: 'edit', text }) };
    case 'managed':
    case 'action':
    case 'common':
      return state;
  }
  if (slot.at === 'condition') {
    if (isToggle(slot.key)) return state;
    return { ...state, conditions: { ...state.conditions, [slot.key]: text } };
  }
  if (slot.at === 'value') {
    const entries = reduceEntryList({ ...state.entries, focus: slot.entry }, { type: 'edit', text });
    return { ...state, entries };
  }
  if (slot.at === 'audience' || slot.at === 'subject') {
    const field = slot.at;
    return {
      ...state,
      details: state.details.map((d, i) => (i === slot.entry ? { ...d, [field]: text } : d)),
    };
  }
  return state;
}

/** The entry list's own focus follows the form's, so adding and removing act on the entry in view. */
function withEntryFocus(state: TrustPolicyFormState): TrustPolicyFormState {
  const slot = focusedSlot(state);
  if (!onEntry(slot) || slot.entry === state.entries.focus) return state;
  return { ...state, entries: { ...state.entries, focus: slot.entry } };
}

/** The text a slot shows. */
export function slotText(state: TrustPolicyFormState, slot: Slot): string {
  switch (slot.at) {
    case 'role':
      return state.role[slot.key];
    case 'inline':
      return state.role.inlinePolicy;
    case 'inline-name':
      return state.role.inlinePolicyName;
    case 'boundary':
      return state.role.permissionsBoundary;
    case 'tag':
      return state.tags.entries[slot.index] ?? '';
    case 'policy-arn':
      return state.policyArns.entries[slot.index] ?? '';
    case 'managed':
    case 'action':
      return '';
    case 'common': {
      const at = commonServiceIndex(state.entries.entries[slot.entry] ?? '');
      return at < 0 ? '' : (COMMON_SERVICES[at]?.service ?? '');
    }
  }
  if (slot.at === 'condition') {
    const value = state.conditions[slot.key];
    return typeof value === 'string' ? value : '';
  }
  if (slot.at === 'value') return state.entries.entries[slot.entry] ?? '';
  if (slot.at === 'audience') return state.details[slot.entry]?.audience ?? '';
  if (slot.at === 'subject') return state.details[slot.entry]?.subject ?? '';
  return ENTRY_KINDS[state.details[slot.entry]?.kind ?? 0]?.label ?? '';
}

/** An entry as the draft holds it: GitHub Actions is the provider in the role's account, with its aud and sub. */
export function principalOf(state: TrustPolicyFormState, entry: number): TrustPrincipal {
  const text = state.entries.entries[entry] ?? '';
  const detail = state.details[entry] ?? newDetail();
  switch (kindOf(state, entry)) {
    case 'account':
      return { kind: 'account', id: text };
    case 'arn':
      return { kind: 'arn', arn: text };
    case 'service':
      return { kind: 'service', service: text };
    case 'saml':
      return { kind: 'saml', providerArn: text };
    case 'oidc':
      return {
        kind: 'oidc',
        provider: text,
        audience: detail.audience,
        subjects: detail.subject.trim() ? [detail.subject] : [],
      };
    case 'github':
      // Until a repository is typed, the provider is named with no subject, so its problem says
      // to name one (rather than trusting every repository on GitHub).
      return text.trim()
        ? githubActionsPrincipal(state.account, text.trim())
        : {
            kind: 'oidc',
            provider: oidcProviderArn(state.account, GITHUB_ACTIONS_HOST),
            audience: GITHUB_ACTIONS_AUDIENCE,
            subjects: [],
          };
  }
}

export function draftOf(state: TrustPolicyFormState): TrustDraft {
  return {
    principals: state.entries.entries.map((_, entry) => principalOf(state, entry)),
    ...state.conditions,
  };
}

/** Anything typed or turned on (when editing: a change to the document): leaving asks first. */
export function hasInput(state: TrustPolicyFormState): boolean {
  if (state.editing)
    return documentsDiffer(state.editing.opened, formDocument(draftOf(state), state.editing));
  const conditions = Object.values(state.conditions).some((v) =>
    typeof v === 'string' ? v.trim() !== '' : v,
  );
  return (
    conditions ||
    state.entries.entries.some((e) => e.trim() !== '') ||
    state.entries.entries.length !== 1 ||
    roleHasInput(state)
  );
}
