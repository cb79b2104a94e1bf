// The assume form's state machine: what a person sees in its fields, what Enter does in each
// state, and what an assume's end leaves behind.
import { describe, expect, it } from 'vitest';
import {
  type AssumeFormAction,
  type AssumeFormState,
  assumeForm,
  assumeProblem,
  fieldText,
  reduceAssumeForm,
} from '../../../../screens/forms/assume/assume-form-state';
import type { AssumeDefaults } from '../../../../src/assuming/assume-defaults';

const defaults: AssumeDefaults = {
  durationSeconds: 3600,
  maxSeconds: 3600,
  capReason: 'it is assumed from another role’s session (role chaining), which AWS caps at 1h',
  sessionName: 'rolecall-alice',
  region: 'eu-west-1',
};

function run(...actions: AssumeFormAction[]): AssumeFormState {
  return actions.reduce(reduceAssumeForm, assumeForm());
}
const opened = (round = 1): AssumeFormAction[] => [
  { type: 'opened' },
  { type: 'defaults-known', round, defaults },
];

describe('the assume form', () => {
  it('shows the defaults until a field is typed in, then what was typed', () => {
    const state = run(...opened(), { type: 'typed', field: 'region', text: 'us-east-2' });
    expect(fieldText(state, 'duration')).toBe('1h');
    expect(fieldText(state, 'sessionName')).toBe('rolecall-alice');
    expect(fieldText(state, 'region')).toBe('us-east-2');
    expect(fieldText(state, 'externalId')).toBe('');
    // Emptied is typed too: the default does not come back.
    expect(
      fieldText(reduceAssumeForm(state, { type: 'typed', field: 'duration', text: '' }), 'duration'),
    ).toBe('');
  });

  it('keeps what was typed before the defaults arrived', () => {
    const state = run({ type: 'opened' }, { type: 'typed', field: 'duration', text: '2h' });
    expect(state.defaults.phase).toBe('asking');
    expect(
      fieldText(reduceAssumeForm(state, { type: 'defaults-known', round: 1, defaults }), 'duration'),
    ).toBe('2h');
  });

  it('drops the answer to an older ask for the defaults', () => {
    const state = run(
      { type: 'opened' },
      { type: 'opened' },
      { type: 'defaults-failed', round: 1, problem: 'late' },
    );
    expect(state.defaults).toEqual({ phase: 'asking', round: 2 });
  });

  it('moves the focus round the four fields', () => {
    expect(run({ type: 'focus', by: 1 }).focus).toBe(1);
    expect(run({ type: 'focus', by: -1 }).focus).toBe(3);
    expect(run({ type: 'focus', by: -1 }, { type: 'focus', by: 1 }).focus).toBe(0);
  });

  it('does nothing on Enter while AWS has not said what the role allows', () => {
    expect(run({ type: 'opened' }, { type: 'submit' }).submit).toEqual({ phase: 'editing' });
  });

  it('asks again on Enter when the defaults could not be had', () => {
    const failed = run(
      { type: 'opened' },
      { type: 'defaults-failed', round: 1, problem: 'AWS is not reachable' },
    );
    expect(failed.defaults).toMatchObject({ phase: 'unknown', problem: 'AWS is not reachable' });
    expect(reduceAssumeForm(failed, { type: 'submit' }).defaults).toEqual({ phase: 'asking', round: 2 });
  });

  it('names the field at fault on Enter, and forgets it once a field is typed in', () => {
    const state = run(...opened(), { type: 'typed', field: 'duration', text: '2h' }, { type: 'submit' });
    expect(state.submit.phase).toBe('editing');
    expect(assumeProblem(state)).toBe(
      'Duration: at most 1h, because it is assumed from another role’s session (role chaining), which AWS caps at 1h.',
    );
    expect(
      assumeProblem(reduceAssumeForm(state, { type: 'typed', field: 'duration', text: '1h' })),
    ).toBeUndefined();
  });

  it('assumes with the checked choices, once, however many Enters come', () => {
    const assuming = run(
      ...opened(),
      { type: 'typed', field: 'externalId', text: ' Partner-7 ' },
      { type: 'submit' },
    );
    expect(assuming.submit).toEqual({
      phase: 'assuming',
      choices: {
        durationSeconds: 3600,
        sessionName: 'rolecall-alice',
        region: 'eu-west-1',
        externalId: 'Partner-7',
      },
    });
    expect(reduceAssumeForm(assuming, { type: 'submit' })).toBe(assuming);
    // Nothing is typed while it is under way.
    expect(reduceAssumeForm(assuming, { type: 'typed', field: 'region', text: 'x' })).toBe(assuming);
  });

  it('is still under way when opened again (the MFA form was in front), with what was typed, on its first field', () => {
    const assuming = run(...opened(), { type: 'typed', field: 'duration', text: '45m' }, { type: 'submit' });
    const back = run(
      ...opened(),
      { type: 'typed', field: 'duration', text: '45m' },
      { type: 'focus', by: 2 },
      { type: 'submit' },
      ...opened(2),
    );
    expect(back.submit).toEqual(assuming.submit);
    expect(back.focus).toBe(0);
    expect(fieldText(back, 'duration')).toBe('45m');
  });

  it('shows AWS’s refusal, keeps the choices for another try, and lets Enter try again', () => {
    const failed = run(
      ...opened(),
      { type: 'typed', field: 'duration', text: '30m' },
      { type: 'submit' },
      {
        type: 'assume-failed',
        problem: 'Could not assume Admin: the session asked for is longer than the role allows.',
      },
    );
    expect(assumeProblem(failed)).toBe(
      'Could not assume Admin: the session asked for is longer than the role allows.',
    );
    expect(fieldText(failed, 'duration')).toBe('30m');
    expect(reduceAssumeForm(failed, { type: 'submit' }).submit.phase).toBe('assuming');
  });

  it('is as it was when the MFA code is not given', () => {
    const cancelled = run(...opened(), { type: 'submit' }, { type: 'assume-cancelled' });
    expect(cancelled.submit).toEqual({ phase: 'editing' });
    expect(assumeProblem(cancelled)).toBeUndefined();
  });

  it('starts afresh from the defaults the next time, once assumed', () => {
    const done = run(
      ...opened(),
      { type: 'typed', field: 'duration', text: '45m' },
      { type: 'submit' },
      { type: 'assumed' },
    );
    expect(done.submit).toEqual({ phase: 'done' });
    expect(reduceAssumeForm(done, { type: 'submit' })).toBe(done);
    const again = [...opened(2)].reduce(reduceAssumeForm, done);
    expect(again.submit).toEqual({ phase: 'editing' });
    expect(fieldText(again, 'duration')).toBe('1h');
  });
});
