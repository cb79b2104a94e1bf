import { describe, expect, it } from 'vitest';
import {
  chosenTarget,
  initialTrustedSide,
  reduceTrustedSide,
  type TrustedSideEvent,
  type TrustedSideState,
} from '../../../../screens/forms/trusted-side/trusted-side-state';
import type { GrantTarget } from '../../../../src/trusted-side/targets';

const target = (name: string, kind: GrantTarget['kind'], profiles: string[]): GrantTarget => ({
  kind,
  account: '111111111111',
  name,
  arn: `arn:aws:iam::111111111111:${kind}/${name}`,
  why: 'test',
  profiles,
  needs: { mfa: false },
});
const ROLE = target('Ops', 'role', []);
const ALICE = target('alice', 'user', ['alice']);

function run(...events: TrustedSideEvent[]): TrustedSideState {
  return events.reduce(reduceTrustedSide, initialTrustedSide);
}
const loaded: TrustedSideEvent = {
  type: 'targets',
  accounts: [{ account: '111111111111', targets: [ROLE, ALICE], notes: [] }],
};

describe('the trusted side’s steps', () => {
  it('moves within the places, and confirms only after the writers are known', () => {
    expect(chosenTarget(run(loaded, { type: 'move', by: 5 }))).toBe(ALICE);
    expect(chosenTarget(run(loaded, { type: 'move', by: -3 }))).toBe(ROLE);
    expect(run(loaded, { type: 'confirm' }).step).toBe('choose');
    const confirming = run(loaded, { type: 'writers', writers: ['session x'] });
    expect(confirming).toMatchObject({ step: 'confirm', writers: ['session x'] });
    expect(run(loaded, { type: 'writers', writers: [] }, { type: 'cancel' }).step).toBe('choose');
    expect(run(loaded, { type: 'writers', writers: [] }, { type: 'confirm' }).step).toBe('attaching');
  });

  it('skips to the profile of a place your profiles reach, falling back from one they do not', () => {
    expect(run(loaded, { type: 'skip' })).toEqual({ step: 'profile', source: ALICE });
    expect(run(loaded, { type: 'move', by: 1 }, { type: 'skip' })).toEqual({
      step: 'profile',
      source: ALICE,
    });
  });

  it('says so when no place is reached by a profile, and the profile step is skippable', () => {
    const none = run({
      type: 'targets',
      accounts: [{ account: '2', targets: [], notes: ['No profile of yours has keys of a user in 2.'] }],
    });
    expect(none).toMatchObject({
      step: 'profile',
      problem: expect.stringMatching(/no config profile to write.*keys of a user in 2/),
    });
    expect(reduceTrustedSide(none, { type: 'skip' })).toEqual({ step: 'finished' });
    expect(reduceTrustedSide(none, { type: 'write' })).toBe(none);
  });

  it('goes straight to the end when the trust admits no AWS principal: no place, no profile', () => {
    expect(run({ type: 'nothing' })).toEqual({ step: 'finished' });
    expect(run(loaded, { type: 'nothing' }).step).toBe('choose');
  });
});
