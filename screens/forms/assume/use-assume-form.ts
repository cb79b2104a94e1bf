// The assume form's keys and what its transitions ask for: the defaults asked for when the form
// opens and when Enter asks again, the assume started when Enter passes the checks. Its outcome
// is reduced into the state kept in the UI store, so it lands even when the MFA form has
// replaced this one meanwhile.
import { useLayoutEffect } from 'react';
import { useTypeAhead } from '../../../components/field-keys';
import { useKeys } from '../../../components/keymap';
import { TEXT_FIELD_KEYS } from '../../../components/text-field/text-field';
import type { AssumeChoiceField } from '../../../src/assuming/assume-choices';
import type { AssumeChoices, AssumeDefaults } from '../../../src/assuming/assume-defaults';
import { useFormState } from '../../app/hooks/use-form-state';
import {
  type AssumeFormAction,
  type AssumeFormState,
  assumeForm,
  assumeProblem,
  reduceAssumeForm,
} from './assume-form-state';

/** How an assume ended, as the screen tells it (it has gone on to the dashboard when assumed). */
export type AssumeOutcome = { kind: 'assumed' } | { kind: 'cancelled' } | { kind: 'failed'; problem: string };

export interface AssumeFormWiring {
  /** The form's key in the UI store: the row it assumes. */
  formKey: string;
  /** What the form starts with, and the longest session allowed. */
  askDefaults: () => Promise<AssumeDefaults>;
  /** Why the defaults could not be had, in words. */
  defaultsProblem: (error: unknown) => string;
  assume: (choices: AssumeChoices) => Promise<AssumeOutcome>;
  /** A check failed on Enter (the screen may also say it where it shows). */
  onInvalid?: (problem: string) => void;
}

export function useAssumeForm(wiring: AssumeFormWiring): {
  state: AssumeFormState;
  type: (field: AssumeChoiceField, text: string) => void;
} {
  const [kept, update] = useFormState<AssumeFormState>(wiring.formKey);
  const state = kept ?? assumeForm();
  /** Reduces an action into the kept state; returns the state before and after. */
  const dispatch = (action: AssumeFormAction) => {
    let before = assumeForm();
    const after = update((now) => {
      before = now ?? assumeForm();
      return reduceAssumeForm(before, action);
    });
    return { before, after };
  };
  const askDefaults = (round: number) =>
    wiring.askDefaults().then(
      (defaults) => dispatch({ type: 'defaults-known', round, defaults }),
      (error: unknown) =>
        dispatch({ type: 'defaults-failed', round, problem: wiring.defaultsProblem(error) }),
    );

  // Each opening asks again (the role's cap or the caller may have changed); from a layout
  // effect, so the frame drawn is the form asking, not an older answer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per opening of the form
  useLayoutEffect(() => {
    void askDefaults(dispatch({ type: 'opened' }).after.defaults.round);
  }, [wiring.formKey]);

  const submit = () => {
    const { before, after } = dispatch({ type: 'submit' });
    if (before.defaults.phase === 'unknown' && after.defaults.phase === 'asking')
      void askDefaults(after.defaults.round);
    if (after.submit.phase === 'editing' && after.submit.invalid)
      wiring.onInvalid?.(assumeProblem(after) ?? '');
    if (before.submit.phase !== 'assuming' && after.submit.phase === 'assuming') {
      wiring.assume(after.submit.choices).then(
        (outcome) =>
          dispatch(
            outcome.kind === 'assumed'
              ? { type: 'assumed' }
              : outcome.kind === 'cancelled'
                ? { type: 'assume-cancelled' }
                : { type: 'assume-failed', problem: outcome.problem },
          ),
        (error: unknown) =>
          dispatch({
            type: 'assume-failed',
            problem: error instanceof Error ? error.message : String(error),
          }),
      );
    }
  };

  useKeys(
    [
      state.defaults.phase === 'unknown'
        ? {
            keys: ['enter'],
            label: 'ask again',
            description: 'Ask AWS again what this role allows',
            run: submit,
          }
        : {
            keys: ['enter'],
            label: 'assume',
            description: 'Assume the role with these choices',
            run: submit,
          },
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
      ...TEXT_FIELD_KEYS,
    ],
    { capturesText: true },
  );
  // A duration typed while AWS is asked what the role allows lands in the field once it is drawn.
  useTypeAhead(state.defaults.phase === 'asking');

  return { state, type: (field, text) => void dispatch({ type: 'typed', field, text }) };
}
