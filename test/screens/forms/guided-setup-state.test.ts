// The guided setup's state alone: a passed check moves on, a failed one stays or goes back to the
// step whose work is missing, a new choice makes later ticks stale, and what is kept in settings.
import { describe, expect, it } from 'vitest';
import {
  enterMove,
  enterWords,
  stepToCheckOnReturn,
} from '../../../screens/forms/guided-setup/guided-setup-enter';
import {
  ALL_DONE,
  checkedAction,
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
        check: { state: 'unchecked', words: 'may not simulate', reason: 'IAM may not be asked' },
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

describe('what Enter does at each step', () => {
  const user = { arn: 'arn:aws:iam::111111111111:user/alice', account: '111111111111' };
  const at = (step: number) => ({
    ...start(),
    step,
    user,
    target: '333333333333',
    roleName: 'Onboarding',
    choices: { sourceProfile: 'alice', target: '333333333333', roleName: 'Onboarding' },
  });
  const refusedTo = (backTo: number, missing?: boolean) =>
    checkedAction(5, {
      state: 'failed',
      words: 'AWS refused the assume.',
      fix: 'see',
      backTo,
      ...(missing ? { missing } : {}),
    });

  it('at step 3, sent back by a refused assume, opens the trusted side and says so; never a check that would pass again', () => {
    const state = reduceGuidedSetup(at(5), refusedTo(3, true));
    expect(state.step).toBe(3);
    expect(enterMove(state)).toEqual({ kind: 'trusted-side', step: 3 });
    expect(enterWords(state)).toEqual({
      long: 'opens the role’s trusted side, to put the policy on your user',
      short: 'trusted side',
    });
    // Left unchecked there (IAM would not simulate): the same.
    const unchecked = {
      ...state,
      marks: state.marks.map((m, i) =>
        i === 2 ? ({ kind: 'checked', check: { state: 'unchecked', words: 'w', reason: 'r' } } as const) : m,
      ),
    };
    expect(enterMove(unchecked)).toEqual({ kind: 'trusted-side', step: 3 });
    // A check that failed for another reason (the network) is made again.
    const offline = reduceGuidedSetup(
      { ...at(3) },
      checkedAction(3, { state: 'failed', words: 'timed out', fix: 'check your network' }),
    );
    expect(enterMove(offline)).toMatchObject({ kind: 'check', step: 3 });
    expect(enterWords(offline)?.long).toBe('checks again');
  });

  it('at step 2, sent back as missing, builds the role filled in; once its fields change, looks again', () => {
    const state = reduceGuidedSetup(at(5), refusedTo(2, true));
    expect(state.step).toBe(2);
    expect(enterMove(state)).toEqual({
      kind: 'build',
      account: '333333333333',
      prefill: { trustAccounts: ['111111111111'], requireMfa: true, roleName: 'Onboarding' },
    });
    expect(enterWords(state)?.long).toContain('builds the role: the trust-policy builder, filled in');
    expect(enterMove({ ...state, roleName: 'Other' })).toMatchObject({ kind: 'check', step: 2 });
    // A wrong trust on a role that is there: Enter looks again (building it would clash).
    const wrong = reduceGuidedSetup(at(5), refusedTo(2));
    expect(enterMove(wrong)).toMatchObject({ kind: 'check', step: 2 });
  });

  it('at step 4 writes the profile from the trusted side, at 5 assumes, and waits while a check runs', () => {
    expect(enterMove(reduceGuidedSetup(at(5), refusedTo(4, true)))).toEqual({
      kind: 'trusted-side',
      step: 4,
    });
    const five = reduceGuidedSetup(
      at(5),
      checkedAction(5, { state: 'failed', words: 'no session', fix: 'assume', missing: true }),
    );
    expect(enterMove(five)).toEqual({ kind: 'assume' });
    expect(enterMove(reduceGuidedSetup(five, { type: 'checking', step: 5 }))).toEqual({ kind: 'wait' });
    expect(enterWords(reduceGuidedSetup(five, { type: 'checking', step: 5 }))).toBeUndefined();
  });

  it('back from the builder or the trusted side, checks the step again, unless one is under way', () => {
    const three = reduceGuidedSetup(at(5), refusedTo(3, true));
    expect(stepToCheckOnReturn(three)).toBe(3);
    expect(stepToCheckOnReturn(reduceGuidedSetup(three, { type: 'checking', step: 3 }))).toBeUndefined();
    expect(stepToCheckOnReturn({ ...start(), step: 2 })).toBeUndefined();
  });

  it('while the trusted side is being made ready to open, Enter waits, the check stays, and coming back checks nothing', () => {
    const three = reduceGuidedSetup(at(5), refusedTo(3, true));
    const opening = reduceGuidedSetup(three, { type: 'opening', words: 'Reading the role’s trust…' });
    expect(enterMove(opening)).toEqual({ kind: 'wait' });
    expect(enterWords(opening)).toBeUndefined();
    expect(stepToCheckOnReturn(opening)).toBeUndefined();
    expect(opening.marks[2]).toEqual(three.marks[2]);
    const opened = reduceGuidedSetup(opening, { type: 'opened' });
    expect(opened).toEqual(three);
    expect(enterMove(opened)).toEqual({ kind: 'trusted-side', step: 3 });
  });

  it('all done: Enter opens the shell; step 6 made again and failing goes back to the assume', () => {
    const done = reduceGuidedSetup(at(6), checkedAction(6, ok));
    expect(done.step).toBe(ALL_DONE);
    expect(enterMove(done)).toEqual({ kind: 'shell' });
    const gone = reduceGuidedSetup(
      done,
      checkedAction(6, { state: 'failed', words: 'session gone', fix: 'assume again', backTo: 5 }),
    );
    expect(gone.step).toBe(5);
  });
});
