// The trust-policy builder's keys: the focused place decides them. In a text field typed keys are
// the field's (through field-keys.tsx, so none is lost); on an entry's kind ← → choose it; on a
// toggle Space flips it; off a text field c copies the document. The state is kept in the UI
// store, so a half-built policy is there again when the form is opened for the same account.
import { ENTRY_LIST_KEYS } from '../../../components/form/entry-list';
import { TOGGLE_KEY } from '../../../components/form/toggle';
import { type KeyBinding, useKeys } from '../../../components/keymap';
import { TEXT_FIELD_KEYS } from '../../../components/text-field/text-field';
import { generateExternalId } from '../../../src/trust-policy/draft-principals';
import { useFormState } from '../../app/hooks/use-form-state';
import { formDocument } from './trust-policy-editing';
import {
  draftOf,
  focusedSlot,
  hasInput,
  isToggle,
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
  /** Esc: go back, asking first when `typed` (what was typed is kept either way). */
  leave: (typed: boolean) => void;
  /** The form's state when the store has none for `formKey` (editing: trust-policy-edit-form.ts). */
  initial?: () => TrustPolicyFormState;
  /** The screen's primary action on the document (Enter from any field): "Review and save…". */
  primary?: { label: string; run: (document: string) => void };
  /** q off a text field, when the screen asks before quitting (a file's unsaved changes). */
  quit?: (typed: boolean) => void;
}

export function useTrustPolicyForm(wiring: TrustPolicyFormWiring): {
  state: TrustPolicyFormState;
  type: (slot: Slot, text: string) => void;
} {
  const [kept, update] = useFormState<TrustPolicyFormState>(wiring.formKey);
  const first = () => wiring.initial?.() ?? trustPolicyForm(wiring.account);
  const state = kept ?? first();
  const dispatch = (action: TrustPolicyFormAction) =>
    update((now) => reduceTrustPolicyForm(now ?? first(), action));
  const slot = focusedSlot(state);
  const onEntry = slot !== undefined && slot.at !== 'condition';

  const keys: KeyBinding[] = [
    {
      keys: ['tab', 'down'],
      hint: 'Tab',
      label: 'next field',
      description: 'Go to the next field',
      run: () => dispatch({ type: 'focus', by: 1 }),
    },
    {
      keys: ['up'],
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
  if (slot?.at === 'condition' && isToggle(slot.key))
    keys.push({ ...TOGGLE_KEY, run: () => dispatch({ type: 'toggle' }) });
  keys.push({
    ...ENTRY_LIST_KEYS.add,
    description: 'Add who may assume the role (an entry after this one)',
    run: () => dispatch({ type: 'add-entry' }),
  });
  if (onEntry) keys.push({ ...ENTRY_LIST_KEYS.remove, run: () => dispatch({ type: 'remove-entry' }) });
  if (slot?.at === 'condition' && slot.key === 'externalId')
    keys.push({
      keys: ['ctrl+r'],
      label: 'generate',
      description: 'Make a random external ID, for a third party to send when it assumes the role',
      run: () => dispatch({ type: 'typed', slot, text: generateExternalId() }),
    });
  if (!takesText(slot))
    keys.push({
      keys: ['c'],
      label: 'copy JSON',
      description: 'Copy the trust policy’s JSON to the clipboard (from a kind or a toggle)',
      run: () => wiring.copy(formDocument(draftOf(state), state.editing)),
    });
  const primary = wiring.primary;
  if (primary)
    keys.push({
      keys: ['enter'],
      label: primary.label,
      description: `${primary.label} (from any field)`,
      run: () => primary.run(formDocument(draftOf(state), state.editing)),
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
    description: 'Go back (asks first when something is typed; it is kept for the next n)',
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
  useKeys(keys, { capturesText: takesText(slot) });

  return { state, type: (at, text) => void dispatch({ type: 'typed', slot: at, text }) };
}
