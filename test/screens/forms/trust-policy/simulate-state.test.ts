// Simulate in the builder: the panel's state, the caller it judges (one of your identities, or an
// ARN typed), and the trust engine's verdict on the document the form makes, with and without MFA
// and an external ID.
import { describe, expect, it } from 'vitest';
import {
  callerFromArn,
  type NamedCaller,
  newRoleArn,
  reduceSimulate,
  type SimulateAction,
  type SimulateState,
  simulate,
  simulateVerdict,
} from '../../../../screens/forms/trust-policy/simulate-state';
import { emptyRoleSpec } from '../../../../src/role-making/role-spec';
import { emptyTrustDraft, trustPolicyOf } from '../../../../src/trust-policy/draft';

const ROLE_ACCOUNT = '333333333333';
const ALICE: NamedCaller = {
  profile: 'alice',
  caller: {
    arn: 'arn:aws:iam::111111111111:user/alice',
    account: '111111111111',
    principalArn: 'arn:aws:iam::111111111111:user/alice',
    mfa: false,
    chained: false,
  },
};
const run = (...actions: SimulateAction[]) =>
  actions.reduce<SimulateState | undefined>(reduceSimulate, undefined) as SimulateState;

function trusting(mfa: boolean, externalId = ''): string {
  return JSON.stringify(
    trustPolicyOf({
      ...emptyTrustDraft(),
      principals: [{ kind: 'account', id: '111111111111' }],
      requireMfa: mfa,
      externalId,
    }),
  );
}
const verdict = (state: SimulateState, trustPolicy: string) =>
  simulateVerdict({
    state,
    callers: [ALICE],
    account: ROLE_ACCOUNT,
    role: { ...emptyRoleSpec(), name: 'Deployer' },
    trustPolicy,
    now: Date.parse('2026-11-30T05:00:00Z'),
  });

describe('simulate', () => {
  it('opens on your first identity, moves through its fields, and closes', () => {
    const state = run({ type: 'open-simulate' });
    expect(state).toEqual(simulate());
    const moved = [
      { type: 'simulate-focus', by: 1 },
      { type: 'simulate-focus', by: 1 },
    ].reduce<SimulateState | undefined>((s, a) => reduceSimulate(s, a as SimulateAction), state);
    expect(moved?.focus).toBe('mfa');
    expect(reduceSimulate(state, { type: 'simulate-focus', by: -1 })?.focus).toBe('externalId');
    expect(reduceSimulate(state, { type: 'close-simulate' })).toBeUndefined();
    // ←→ stop at the ends: the one past your identities is "an ARN typed".
    expect(reduceSimulate(state, { type: 'simulate-pick', by: 5, callers: 1 })?.pick).toBe(1);
    expect(reduceSimulate(state, { type: 'simulate-pick', by: -1, callers: 1 })?.pick).toBe(0);
  });

  it('an identity of a trusted account needs MFA when the policy asks for it, and is let in with it', () => {
    const without = verdict(run({ type: 'open-simulate' }), trusting(true));
    expect(without).toMatchObject({ kind: 'verdict', as: ALICE.caller.arn });
    expect(without.kind === 'verdict' && without.verdict.kind).toBe('needs-mfa');
    const withMfa = verdict(run({ type: 'open-simulate' }, { type: 'simulate-mfa' }), trusting(true));
    expect(withMfa.kind === 'verdict' && withMfa.verdict).toEqual({
      kind: 'assumable',
      text: 'Assumable. Your own policies must also allow sts:AssumeRole on it.',
    });
  });

  it('an external ID the policy asks for: needed without it, assumable with the right one', () => {
    const policy = trusting(false, 'Partner-42');
    const without = verdict(run({ type: 'open-simulate' }), policy);
    expect(without.kind === 'verdict' && without.verdict.kind).toBe('needs-external-id');
    const right = verdict(
      run({ type: 'open-simulate' }, { type: 'simulate-typed', slot: 'externalId', text: 'Partner-42' }),
      policy,
    );
    expect(right.kind === 'verdict' && right.verdict.kind).toBe('assumable');
  });

  it('an ARN typed: a user or a role of another account is denied with the engine’s reason; nonsense is said so', () => {
    const typed = (arn: string) =>
      verdict(
        run(
          { type: 'open-simulate' },
          { type: 'simulate-pick', by: 1, callers: 1 },
          { type: 'simulate-typed', slot: 'arn', text: arn },
        ),
        trusting(false),
      );
    const stranger = typed('arn:aws:iam::999999999999:role/Other');
    expect(stranger.kind === 'verdict' && stranger.verdict.kind).toBe('denied');
    expect(stranger.kind === 'verdict' && stranger.as).toBe(
      'arn:aws:sts::999999999999:assumed-role/Other/rolecall',
    );
    expect(typed('nonsense')).toEqual({
      kind: 'no-caller',
      text: '"nonsense" is not a user’s, a role’s or a role session’s ARN, nor an account ID.',
    });
  });

  it('names the new role by its account, path and name', () => {
    expect(newRoleArn('333333333333', { ...emptyRoleSpec(), name: 'Deployer', path: '/ci/' })).toBe(
      'arn:aws:iam::333333333333:role/ci/Deployer',
    );
    expect(newRoleArn('333333333333', emptyRoleSpec())).toBe('arn:aws:iam::333333333333:role/NewRole');
    expect(callerFromArn('arn:aws:sts::111111111111:assumed-role/Admin/me')?.principalArn).toBe(
      'arn:aws:iam::111111111111:role/Admin',
    );
  });
});
