// The new-role builder's keys: the focused place decides them. In a text field typed keys are
// the field's (through field-keys.tsx, so none is lost); on an entry's kind or the common
// services ← → choose; on a toggle Space flips it; Enter opens the policy picker, the editor on
// the inline policy, the simulate panel, or runs the screen's primary action; Ctrl-Y (and c off
// a text field) copies the document. The picker and the panel, while open, have keys of their
// own (picker-keys.ts, simulate-keys.ts). The state is kept in the UI store, so a half-built
// role is there again when the form is opened for the same account.
import { ENTRY_LIST_KEYS } from '../../../components/form/entry-list';
import { TOGGLE_KEY } from '../../../components/form/toggle';
import { type KeyBinding, useKeys } from '../../../components/keymap';
import { TEXT_FIELD_KEYS } from '../../../components/text-field/text-field';
import type { RoleSpec } from '../../../src/role-making/role-spec';
import { roleSpecProblems } from '../../../src/role-making/role-spec-problems';
import { generateExternalId } from '../../../src/trust-policy/draft-principals';
import { useFormState } from '../../app/hooks/use-form-state';
import { type KnownPrincipal, usePrincipalLookups } from '../../app/hooks/use-principal-lookups';
import { type PoliciesLoad, pickerKeys } from './picker-keys';
import { simulateKeys } from './simulate-keys';
import type { NamedCaller } from './simulate-state';
import { formDocument } from './trust-policy-editing';
import { type TrustPolicyFindings, trustPolicyFindings } from './trust-policy-findings';
import {
  draftOf,
  focusedSlot,
  hasInput,
  isToggle,
  kindOf,
  onEntry,
  reduceTrustPolicyForm,
  type Slot,
  type TrustPolicyFormAction,
  type TrustPolicyFormState,
  takesText,
  trustPolicyForm,
} from './trust-policy-form-state';

/** Lines PgUp and PgDn move the preview: a small terminal may show no more than a few. */
const PREVIEW_STEP = 4;

export interface TrustPolicyFormWiring {
  /** The form's key in the UI store: the account the role is made in. */
  formKey: string;
  /** The role's account ID. */
  account: string;
  /** Put the document on the clipboard, and say so. */
  copy: (json: string) => void;
  /** Esc: go back, asking first when `typed`. */
  leave: (typed: boolean) => void;
  /** Esc in the help: what leaving does here, which differs by screen (a new role's typing is kept). */
  leaveWords: string;
  /** The form's state when the store has none for `formKey` (editing: trust-policy-edit-form.ts). */
  initial?: () => TrustPolicyFormState;
  /**
   * The last action row: its words ("Review and create…", "review and save…") and what Enter on
   * it does with the trust policy (and, for a new role, the role) as the form makes them. The form
   * blocks it while a check finds an error. Enter on a field goes to the next, in every mode.
   */
  primary: { label: string; run: (trustPolicy: string, role: RoleSpec) => void };
  /** q off a text field, when the screen asks before quitting (a file's unsaved changes). */
  quit?: (typed: boolean) => void;
  /** A new role's permissions: IAM's managed policies for the picker, and the inline policy's editor. */
  permissions?: {
    policies: PoliciesLoad;
    /** Hands the inline policy's text to an editor; resolves with the text it saved (undefined: unchanged). */
    editInlinePolicy: (text: string) => Promise<string | undefined>;
    /** Says a failure editInlinePolicy did not put in words itself (it rejected). */
    editorFailed: (words: string) => void;
  };
  /**
   * Your identities, for the simulate panel (undefined while they are worked out); no panel
   * without. `roleArn`: the role's when it exists (editing); else one is made from the form's name.
   */
  simulate?: { callers: readonly NamedCaller[] | undefined; roleArn?: string };
}

export interface TrustPolicyFormControls {
  state: TrustPolicyFormState;
  /** What the checks find now, each beside its field. */
  checked: TrustPolicyFindings;
  /** Why the primary action cannot run now; undefined when it can. */
  blocked: string | undefined;
  type: (slot: Slot, text: string) => void;
  dispatch: (action: TrustPolicyFormAction) => void;
}

export function useTrustPolicyForm(wiring: TrustPolicyFormWiring): TrustPolicyFormControls {
  const [kept, update] = useFormState<TrustPolicyFormState>(wiring.formKey);
  const first = () => wiring.initial?.() ?? trustPolicyForm(wiring.account);
  const state = kept ?? first();
  const dispatch = (action: TrustPolicyFormAction) =>
    void update((now) => reduceTrustPolicyForm(now ?? first(), action));
  const slot = focusedSlot(state);
  const document = () => formDocument(draftOf(state), state.editing);
  // Whether each user or role ARN typed exists where IAM can be read: IAM refuses one that does not.
  const knownPrincipal = usePrincipalLookups(principalArns(state), { typed: true });
  const checked = formFindings(state, knownPrincipal);
  const blocked = blockedBy(checked);
  const controls = {
    state,
    checked,
    blocked,
    dispatch,
    type: (at: Slot, text: string) => dispatch({ type: 'typed', slot: at, text }),
  };

  const open = state.picker
    ? {
        keys: pickerKeys(state.picker, wiring.permissions?.policies ?? LOADING, dispatch),
        capturesText: true,
      }
    : state.simulate
      ? {
          keys: simulateKeys(state.simulate, wiring.simulate?.callers?.length ?? 0, dispatch),
          capturesText: state.simulate.focus === 'arn' || state.simulate.focus === 'externalId',
        }
      : undefined;
  // The state as it is now, for a key that acts on what is focused: keys sent together (a paste,
  // tmux, a quick typist) reach their bindings before React draws the focus they moved.
  const now = () => update((s) => s ?? trustPolicyForm(wiring.account));
  const form = formKeys(state, slot, wiring, blocked, dispatch, document, now, knownPrincipal);
  useKeys(open?.keys ?? form, { capturesText: open?.capturesText ?? takesText(slot) });
  return controls;
}

/** The form's keys when neither the picker nor the simulate panel is open. */
function formKeys(
  state: TrustPolicyFormState,
  slot: Slot | undefined,
  wiring: TrustPolicyFormWiring,
  blocked: string | undefined,
  dispatch: (action: TrustPolicyFormAction) => void,
  document: () => string,
  now: () => TrustPolicyFormState,
  knownPrincipal: KnownPrincipal,
): KeyBinding[] {
  const keys: KeyBinding[] = [
    {
      keys: ['tab', 'down'],
      hint: 'Tab',
      label: 'next field',
      description: 'Go to the next field',
      run: () => dispatch({ type: 'focus', by: 1 }),
    },
    {
      keys: ['up', 'shift+tab'],
      label: 'previous field',
      description: 'Go to the previous field',
      run: () => dispatch({ type: 'focus', by: -1 }),
      footer: false,
    },
  ];
  if (slot?.at === 'kind')
    keys.push(
      {
        keys: ['right'],
        hint: '←→',
        label: 'kind',
        description:
          'Choose who this entry is: an account, a user or role, a service, a provider, GitHub Actions',
        run: () => dispatch({ type: 'kind', by: 1 }),
      },
      {
        keys: ['left'],
        label: 'previous kind',
        description: 'The previous kind of entry',
        run: () => dispatch({ type: 'kind', by: -1 }),
        footer: false,
      },
    );
  if (slot?.at === 'common')
    keys.push(
      {
        keys: ['right'],
        hint: '←→',
        label: 'service',
        description: 'Choose one of the common services (or type any other in the field above)',
        run: () => dispatch({ type: 'common', by: 1 }),
      },
      {
        keys: ['left'],
        label: 'previous service',
        description: 'The previous common service',
        run: () => dispatch({ type: 'common', by: -1 }),
        footer: false,
      },
    );
  if (slot?.at === 'condition' && isToggle(slot.key))
    keys.push({ ...TOGGLE_KEY, run: () => dispatch({ type: 'toggle' }) });
  const onList = slot?.at === 'tag' || slot?.at === 'policy-arn';
  keys.push({
    ...ENTRY_LIST_KEYS.add,
    description:
      slot?.at === 'tag'
        ? 'Add a tag after this one'
        : slot?.at === 'policy-arn'
          ? 'Add a policy ARN after this one'
          : 'Add who may assume the role (an entry after this one)',
    run: () => dispatch({ type: 'add-entry' }),
  });
  if (onEntry(slot) || onList)
    keys.push({ ...ENTRY_LIST_KEYS.remove, run: () => dispatch({ type: 'remove-entry' }) });
  const enter = enterOn(slot, state, wiring, blocked, dispatch, document);
  keys.push({
    keys: ['enter'],
    label: enter?.label ?? 'act',
    description: enter?.description ?? 'Open, edit or run the focused row',
    footer: enter !== undefined,
    run: () => {
      const fresh = now();
      const checked = formFindings(fresh, knownPrincipal);
      const json = () => formDocument(draftOf(fresh), fresh.editing);
      enterOn(focusedSlot(fresh), fresh, wiring, blockedBy(checked), dispatch, json)?.run?.();
    },
  });
  if (slot?.at === 'condition' && slot.key === 'externalId')
    keys.push({
      keys: ['ctrl+r'],
      label: 'generate',
      description: 'Make a random external ID, for a third party to send when it assumes the role',
      run: () => dispatch({ type: 'typed', slot, text: generateExternalId() }),
    });
  keys.push({
    // c is a letter a field takes; Ctrl-Y works from anywhere.
    keys: takesText(slot) ? ['ctrl+y'] : ['c', 'ctrl+y'],
    hint: takesText(slot) ? 'Ctrl-Y' : 'c',
    label: 'copy JSON',
    description: 'Copy the trust policy’s JSON to the clipboard (c off a text field, Ctrl-Y anywhere)',
    run: () => wiring.copy(document()),
  });
  keys.push(
    {
      keys: ['pagedown'],
      hint: 'PgDn',
      label: 'scroll JSON',
      description: 'Scroll the trust policy’s JSON down',
      footer: false,
      run: () => dispatch({ type: 'scroll-preview', by: PREVIEW_STEP }),
    },
    {
      keys: ['pageup'],
      hint: 'PgUp',
      label: 'scroll JSON up',
      description: 'Scroll the trust policy’s JSON up',
      footer: false,
      run: () => dispatch({ type: 'scroll-preview', by: -PREVIEW_STEP }),
    },
  );
  keys.push({
    keys: ['escape'],
    label: 'back',
    description: wiring.leaveWords,
    run: () => wiring.leave(hasInput(state)),
  });
  const quit = wiring.quit;
  if (quit && !takesText(slot))
    keys.push({
      keys: ['q'],
      label: 'quit',
      description: 'Quit (asks first when there are unsaved changes)',
      footer: false,
      run: () => quit(hasInput(state)),
    });
  if (takesText(slot)) keys.push(...TEXT_FIELD_KEYS);
  return keys;
}

/** Errors block the primary action: how many, and the first, so the person knows where to look. */
export function blockedBy(checked: TrustPolicyFindings): string | undefined {
  const errors = checked.findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return undefined;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more, marked ✗ above)` : '';
  return `Fix first: ${errors[0]?.message}${more}`;
}

/** What Enter does on the focused row, when it does anything. */
function enterOn(
  slot: Slot | undefined,
  state: TrustPolicyFormState,
  wiring: TrustPolicyFormWiring,
  blocked: string | undefined,
  dispatch: (action: TrustPolicyFormAction) => void,
  document: () => string,
): KeyBinding | undefined {
  const enter = (label: string, description: string, run: () => void): KeyBinding => ({
    keys: ['enter'],
    label,
    description,
    run,
  });
  switch (slot?.at) {
    case 'managed':
      return enter('pick', 'Pick AWS managed policies from IAM’s list (type to filter)', () =>
        dispatch({ type: 'open-picker', for: 'managed' }),
      );
    case 'boundary':
      return wiring.permissions?.policies.state === 'loaded'
        ? enter('pick', 'Pick the permissions boundary from IAM’s list (or type its ARN)', () =>
            dispatch({ type: 'open-picker', for: 'boundary' }),
          )
        : undefined;
    case 'inline':
      return enter('edit', 'Edit the inline policy’s JSON in $VISUAL or $EDITOR (else vi)', () => {
        const permissions = wiring.permissions;
        permissions?.editInlinePolicy(state.role.inlinePolicy).then(
          (text) => text !== undefined && dispatch({ type: 'typed', slot: { at: 'inline' }, text }),
          // editInlinePolicy says why when the editor fails; a rejection is what it did not foresee.
          (error: unknown) =>
            permissions.editorFailed(
              `The editor could not be used for the inline policy (${error instanceof Error ? error.message : String(error)}). It is as it was.`,
            ),
        );
      });
    case 'action':
      if (slot.action === 'simulate')
        return enter('simulate', 'Could this caller assume it? Judge one of your identities or an ARN', () =>
          dispatch({ type: 'open-simulate' }),
        );
      return primaryKey();
    default:
      // One rule in every mode: Enter on a field goes to the next, towards the action rows at
      // the end, so a person typing never saves or creates by accident.
      return enter(
        `next (${primaryWords()} is the last row)`,
        `Go to the next field; ${wiring.primary.label} is the row at the end`,
        () => dispatch({ type: 'focus', by: 1 }),
      );
  }

  function primaryWords(): string {
    return wiring.primary.label.replace(/…$/, '').toLowerCase();
  }

  function primaryKey(): KeyBinding {
    return enter(primaryWords(), wiring.primary.label, () => {
      // The row says why it is shut (actionRows' blocked line).
      if (blocked) return;
      wiring.primary.run(document(), state.role);
    });
  }
}

/** While IAM's list has not been asked for. */
const LOADING: PoliciesLoad = { state: 'loading' };

/** What the checks find: the trust policy's, and a new role's own (none when editing a trust policy). */
function formFindings(state: TrustPolicyFormState, knownPrincipal: KnownPrincipal): TrustPolicyFindings {
  return trustPolicyFindings(state, state.editing ? [] : roleSpecProblems(state.role), knownPrincipal);
}

/** The user and role ARNs the entries name, as the document writes them. */
function principalArns(state: TrustPolicyFormState): string[] {
  return state.entries.entries.flatMap((text, entry) =>
    kindOf(state, entry) === 'arn' && text.trim() ? [text.trim()] : [],
  );
}
