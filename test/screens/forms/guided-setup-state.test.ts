// The guided setup's state alone: a passed check moves on, a failed one stays or goes back to the
// step whose work is missing, a new choice makes later ticks stale, and what is kept in settings.
import { describe, expect, it } from 'vitest';
import {
  ALL_DONE,
  guidedSetup,
  progressOf,
  reduceGuidedSetup,
  targetProblem,
} from '../../../screens/forms/guided-setup/guided-setup-state';

const ok = { state: 'ok', words: 'fine' } as const;
const start = () =>
  reduceGuidedSetup(guidedSetup(undefined, { roleName: 'Onboarding' }), {
    type: 'choose',
    choices: { sourceProfile: 'alice' },
  });

describe('the guided setup’s state', () => {
  it('starts at step 1, or resumes after checking the saved step’s predecessors', () => {
    expect(guidedSetup(undefined, { roleName: 'R' })).toMatchObject({
      step: 1,
      resuming: false,
      roleName: 'R',
    });
    const saved = guidedSetup(
      { step: 4, sourceProfile: 'alice', target: '333333333333', roleName: 'X' },
      { roleName: 'R' },
    );
    expect(saved).toMatchObject({ step: 4, resuming: true, target: '333333333333', roleName: 'X' });
    const back = reduceGuidedSetup(saved, { type: 'resumed', step: 2, checks: [] });
    expect(back).toMatchObject({ step: 2, resuming: false });
  });

  it('moves on when the current step’s check passes, or is left to a later step', () => {
    let state = reduceGuidedSetup(start(), { type: 'checked', step: 1, check: ok });
    expect(state.step).toBe(2);
    state = reduceGuidedSetup(
      { ...state, step: 3 },
      {
        type: 'checked',
        step: 3,
        check: { state: 'unchecked', words: 'may not simulate' },
      },
    );
    expect(state.step).toBe(4);
    state = reduceGuidedSetup({ ...state, step: 6 }, { type: 'checked', step: 6, check: ok });
    expect(state.step).toBe(ALL_DONE);
    expect(progressOf(state).step).toBe(6);
  });

  it('stays on a failed step, and goes back to the missing policy’s step with its words', () => {
    let state = { ...start(), step: 5 };
    state = reduceGuidedSetup(state, {
      type: 'checked',
      step: 5,
      check: { state: 'failed', words: 'no session', fix: 'assume it', missing: true },
    });
    expect(state.step).toBe(5);
    state = reduceGuidedSetup(state, {
      type: 'checked',
      step: 5,
      check: { state: 'failed', words: 'trust is missing', fix: 'edit it', backTo: 2 },
    });
    expect(state.step).toBe(2);
    expect(state.marks[1]).toMatchObject({ kind: 'checked', check: { words: 'trust is missing' } });
    expect(state.marks.slice(2).every((m) => m.kind === 'not-yet')).toBe(true);
  });

  it('makes later ticks stale when the person, the account or the role changes', () => {
    let state = reduceGuidedSetup(start(), { type: 'checked', step: 1, check: ok });
    state = reduceGuidedSetup(state, { type: 'choose', choices: { target: '333333333333', roleName: 'A' } });
    state = reduceGuidedSetup(state, { type: 'checked', step: 2, check: ok });
    state = reduceGuidedSetup(state, { type: 'checked', step: 3, check: ok });
    state = reduceGuidedSetup(state, { type: 'checked', step: 4, check: ok, profile: 'prod-A' });
    expect(state).toMatchObject({ step: 5, choices: { profile: 'prod-A' } });
    state = reduceGuidedSetup(state, { type: 'choose', choices: { roleName: 'B' } });
    expect(state.step).toBe(2);
    expect(state.marks[0]?.kind).toBe('checked');
    expect(state.marks.slice(1).every((m) => m.kind === 'not-yet')).toBe(true);
    expect(progressOf(state)).toEqual({
      step: 2,
      sourceProfile: 'alice',
      target: '333333333333',
      roleName: 'B',
    });
  });

  it('says what is wrong with the account or the role name typed', () => {
    expect(targetProblem('33333333333', 'A')).toBe('An account ID is 12 digits.');
    expect(targetProblem('333333333333', 'a b')).toMatch(/^A role name is 1 to 64/);
    expect(targetProblem('333333333333', 'Onboarding')).toBeUndefined();
  });
});
