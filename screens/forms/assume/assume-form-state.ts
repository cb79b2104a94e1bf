// The assume form as a state machine: its four fields (what was typed; the defaults fill the
// rest), the focus, the defaults AWS is asked for (asking → known, or unknown and asked again),
// and the submit: editing (with what is wrong, if a check failed) → assuming → failed (AWS's
// refusal) or done. Pure: the input hook runs what a transition asks for (ask for the defaults,
// assume), and the state lives in the UI store so an assume under way outlives the screen.
import { moveFocus } from '../../../components/form/form-focus';
import {
  type AssumeChoiceField,
  type AssumeChoiceProblem,
  checkAssumeChoices,
  isAssumeChoiceProblem,
  type TypedAssumeChoices,
} from '../../../src/assuming/assume-choices';
import type { AssumeChoices, AssumeDefaults } from '../../../src/assuming/assume-defaults';
import { formatDuration } from '../../../src/duration';

export const ASSUME_FIELDS = [
  { key: 'duration', label: 'Duration', placeholder: '1h' },
  { key: 'sessionName', label: 'Session name', placeholder: 'rolecall-you' },
  { key: 'region', label: 'Region', placeholder: 'us-east-1' },
  { key: 'externalId', label: 'External ID', placeholder: 'only if the role asks for one' },
] as const satisfies ReadonlyArray<{ key: AssumeChoiceField; label: string; placeholder: string }>;

export type AssumeDefaultsState =
  /** `round` tells this ask's answer from an older one's, which is dropped. */
  | { phase: 'asking'; round: number }
  | { phase: 'known'; round: number; defaults: AssumeDefaults }
  /** Nothing to fall back on that the core did not decide: Enter asks again. */
  | { phase: 'unknown'; round: number; problem: string };

export type AssumeSubmitState =
  | { phase: 'editing'; invalid?: AssumeChoiceProblem }
  | { phase: 'assuming'; choices: AssumeChoices }
  | { phase: 'failed'; problem: string }
  | { phase: 'done' };

export interface AssumeFormState {
  /** What was typed, per field; a field not typed in shows its default. */
  typed: Readonly<Partial<Record<AssumeChoiceField, string>>>;
  /** Index in ASSUME_FIELDS. */
  focus: number;
  defaults: AssumeDefaultsState;
  submit: AssumeSubmitState;
}

export type AssumeFormAction =
  /** The form is shown: AWS is asked (again) what the role allows. */
  | { type: 'opened' }
  | { type: 'defaults-known'; round: number; defaults: AssumeDefaults }
  | { type: 'defaults-failed'; round: number; problem: string }
  | { type: 'focus'; by: number }
  | { type: 'typed'; field: AssumeChoiceField; text: string }
  /** Enter: assume with these choices, or ask AWS again for the defaults it could not give. */
  | { type: 'submit' }
  | { type: 'assumed' }
  | { type: 'assume-failed'; problem: string }
  /** The person gave up on the MFA code: the form is as it was, the status line says why. */
  | { type: 'assume-cancelled' };

export function assumeForm(): AssumeFormState {
  return { typed: {}, focus: 0, defaults: { phase: 'asking', round: 0 }, submit: { phase: 'editing' } };
}

export function reduceAssumeForm(state: AssumeFormState, action: AssumeFormAction): AssumeFormState {
  const busy = state.submit.phase === 'assuming';
  switch (action.type) {
    case 'opened': {
      const defaults = { phase: 'asking', round: state.defaults.round + 1 } as const;
      // A form that assumed starts afresh; one left half-typed, or under way, keeps its fields
      // and its problem. Each opening starts on the first field.
      if (state.submit.phase === 'done') return { ...assumeForm(), defaults };
      return { ...state, focus: 0, defaults };
    }
    case 'defaults-known':
      if (action.round !== state.defaults.round) return state;
      return { ...state, defaults: { phase: 'known', round: action.round, defaults: action.defaults } };
    case 'defaults-failed':
      if (action.round !== state.defaults.round) return state;
      return { ...state, defaults: { phase: 'unknown', round: action.round, problem: action.problem } };
    case 'focus':
      return { ...state, focus: moveFocus(state.focus, action.by, ASSUME_FIELDS.length) };
    case 'typed':
      if (busy) return state;
      return {
        ...state,
        typed: { ...state.typed, [action.field]: action.text },
        submit: { phase: 'editing' },
      };
    case 'submit': {
      if (state.defaults.phase === 'unknown')
        return { ...state, defaults: { phase: 'asking', round: state.defaults.round + 1 } };
      // A second Enter can come before the screen redraws: one assume.
      if (state.defaults.phase !== 'known' || busy || state.submit.phase === 'done') return state;
      const checked = checkAssumeChoices(typedChoices(state), state.defaults.defaults);
      if (isAssumeChoiceProblem(checked)) return { ...state, submit: { phase: 'editing', invalid: checked } };
      return { ...state, submit: { phase: 'assuming', choices: checked } };
    }
    case 'assumed':
      return { ...state, typed: {}, submit: { phase: 'done' } };
    case 'assume-failed':
      return { ...state, submit: { phase: 'failed', problem: action.problem } };
    case 'assume-cancelled':
      return { ...state, submit: { phase: 'editing' } };
  }
}

/** A field's text: what was typed, else the default, else nothing while there is none. */
export function fieldText(state: AssumeFormState, field: AssumeChoiceField): string {
  const typed = state.typed[field];
  if (typed !== undefined) return typed;
  if (state.defaults.phase !== 'known') return '';
  const { defaults } = state.defaults;
  if (field === 'duration') return formatDuration(defaults.durationSeconds);
  return defaults[field] ?? '';
}

/** The fields as the checks take them. */
export function typedChoices(state: AssumeFormState): TypedAssumeChoices {
  return {
    duration: fieldText(state, 'duration'),
    sessionName: fieldText(state, 'sessionName'),
    region: fieldText(state, 'region'),
    externalId: fieldText(state, 'externalId'),
  };
}

/** What is wrong, in words, for the form's line: a failed check (named by its field), or AWS's refusal. */
export function assumeProblem(state: AssumeFormState): string | undefined {
  if (state.submit.phase === 'failed') return state.submit.problem;
  if (state.submit.phase === 'editing' && state.submit.invalid) {
    const { field, problem } = state.submit.invalid;
    return `${ASSUME_FIELDS.find((f) => f.key === field)?.label}: ${problem}`;
  }
  return undefined;
}
