// The trust-policy builder's state machine: where Tab goes, entries added and removed, each kind
// of entry, the toggles, the draft and document each state makes, and each finding beside its field.
import { describe, expect, it } from 'vitest';
import {
  findingsAt,
  findingsSummary,
  trustPolicyFindings,
} from '../../../../screens/forms/trust-policy/trust-policy-findings';
import {
  draftOf,
  focusedSlot,
  hasInput,
  reduceTrustPolicyForm,
  type Slot,
  slotsOf,
  type TrustPolicyFormAction,
  type TrustPolicyFormState,
  trustPolicyForm,
} from '../../../../screens/forms/trust-policy/trust-policy-form-state';
import { trustPolicyOf } from '../../../../src/trust-policy/draft';

const ROLE_ACCOUNT = '222222222222';

function run(...actions: TrustPolicyFormAction[]): TrustPolicyFormState {
  return actions.reduce(reduceTrustPolicyForm, trustPolicyForm(ROLE_ACCOUNT));
}
const type = (slot: Slot, text: string): TrustPolicyFormAction => ({ type: 'typed', slot, text });
const value = (entry: number): Slot => ({ at: 'value', entry });
const condition = (key: Extract<Slot, { at: 'condition' }>['key']): Slot => ({ at: 'condition', key });
/** Tab until the focus is on `slot`. */
function focusOn(state: TrustPolicyFormState, slot: Slot): TrustPolicyFormState {
  let now = state;
  for (let i = 0; i < 40; i++) {
    if (JSON.stringify(focusedSlot(now)) === JSON.stringify(slot)) return now;
    now = reduceTrustPolicyForm(now, { type: 'focus', by: 1 });
  }
  throw new Error(`Tab never reached ${JSON.stringify(slot)}`);
}

describe('the trust-policy form', () => {
  it('starts with one account entry, its kind focused, and nothing typed', () => {
    const state = trustPolicyForm(ROLE_ACCOUNT);
    expect(focusedSlot(state)).toEqual({ at: 'kind', entry: 0 });
    expect(draftOf(state).principals).toEqual([{ kind: 'account', id: '' }]);
    expect(hasInput(state)).toBe(false);
    expect(trustPolicyOf(draftOf(state)).Statement).toEqual([]);
  });

  it('Tab goes through every entry field and every condition, and round to the first', () => {
    const state = trustPolicyForm(ROLE_ACCOUNT);
    const slots = slotsOf(state);
    expect(slots.slice(0, 3)).toEqual([
      { at: 'kind', entry: 0 },
      { at: 'value', entry: 0 },
      { at: 'condition', key: 'requireMfa' },
    ]);
    // After the conditions: the permissions, the role, and the action rows at the end.
    expect(slots.slice(10)).toEqual([
      { at: 'managed' },
      { at: 'policy-arn', index: 0 },
      { at: 'inline' },
      { at: 'inline-name' },
      { at: 'boundary' },
      { at: 'role', key: 'name' },
      { at: 'role', key: 'path' },
      { at: 'role', key: 'description' },
      { at: 'role', key: 'maxSession' },
      { at: 'tag', index: 0 },
      { at: 'action', action: 'simulate' },
      { at: 'action', action: 'primary' },
    ]);
    let now = state;
    for (const slot of slots) {
      expect(focusedSlot(now)).toEqual(slot);
      now = reduceTrustPolicyForm(now, { type: 'focus', by: 1 });
    }
    expect(focusedSlot(now)).toEqual(slots[0]);
    expect(focusedSlot(reduceTrustPolicyForm(state, { type: 'focus', by: -1 }))).toEqual({
      at: 'action',
      action: 'primary',
    });
  });

  it('an account entry becomes the account’s root in the document', () => {
    const state = run(type(value(0), '111111111111'));
    expect(hasInput(state)).toBe(true);
    expect(trustPolicyOf(draftOf(state)).Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:root' },
      Action: 'sts:AssumeRole',
    });
  });

  it('each kind makes its principal; GitHub Actions is the provider in the role’s account with aud and sub', () => {
    const kind = (by: number): TrustPolicyFormAction => ({ type: 'kind', by });
    expect(draftOf(run(kind(1), type(value(0), 'arn:aws:iam::1:role/x'))).principals[0]?.kind).toBe('arn');
    expect(draftOf(run(kind(2), type(value(0), 'lambda'))).principals[0]).toEqual({
      kind: 'service',
      service: 'lambda',
    });
    expect(draftOf(run(kind(3), type(value(0), 'p'))).principals[0]).toEqual({
      kind: 'saml',
      providerArn: 'p',
    });
    // The ends stop the choice rather than go round.
    expect(draftOf(run(kind(-1))).principals[0]?.kind).toBe('account');
    const github = run(kind(5), kind(1), type(value(0), 'octo/app'));
    expect(trustPolicyOf(draftOf(github)).Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: {
        Federated: `arn:aws:iam::${ROLE_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
      },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo/app:*' },
      },
    });
    expect(
      findingsAt(trustPolicyFindings(run(kind(5), type(value(0), 'not a repo'))), 'entry:0'),
    ).toContainEqual(
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('OWNER/REPO') }),
    );
  });

  it('an OIDC entry has an audience (sts.amazonaws.com to start) and a subject, which Tab reaches', () => {
    const state = run({ type: 'kind', by: 4 });
    expect(slotsOf(state).slice(0, 4)).toEqual([
      { at: 'kind', entry: 0 },
      { at: 'value', entry: 0 },
      { at: 'audience', entry: 0 },
      { at: 'subject', entry: 0 },
    ]);
    const typed = [
      type(value(0), 'arn:aws:iam::222222222222:oidc-provider/auth.example.com'),
      type({ at: 'subject', entry: 0 }, 'user:*'),
    ].reduce(reduceTrustPolicyForm, state);
    expect(draftOf(typed).principals[0]).toEqual({
      kind: 'oidc',
      provider: 'arn:aws:iam::222222222222:oidc-provider/auth.example.com',
      audience: 'sts.amazonaws.com',
      subjects: ['user:*'],
    });
  });

  it('adds an entry after the focused one, with its kind focused, and removes the focused one', () => {
    let state = run(type(value(0), '111111111111'), { type: 'add-entry' });
    expect(focusedSlot(state)).toEqual({ at: 'kind', entry: 1 });
    state = reduceTrustPolicyForm(state, { type: 'kind', by: 2 });
    state = reduceTrustPolicyForm(state, type(value(1), 'ec2'));
    expect(draftOf(state).principals).toEqual([
      { kind: 'account', id: '111111111111' },
      { kind: 'service', service: 'ec2' },
    ]);
    // Adding from a condition puts the entry last.
    state = reduceTrustPolicyForm(focusOn(state, condition('externalId')), { type: 'add-entry' });
    expect(focusedSlot(state)).toEqual({ at: 'kind', entry: 2 });
    expect(draftOf(state).principals).toHaveLength(3);
    // Removing the first entry leaves the service's kind, not the account's, with the focus.
    state = reduceTrustPolicyForm(focusOn(state, value(0)), { type: 'remove-entry' });
    expect(draftOf(state).principals.slice(0, 1)).toEqual([{ kind: 'service', service: 'ec2' }]);
    expect(focusedSlot(state)).toEqual({ at: 'kind', entry: 0 });
    // Removing from a condition removes nothing.
    const onCondition = focusOn(state, condition('requireMfa'));
    expect(reduceTrustPolicyForm(onCondition, { type: 'remove-entry' })).toBe(onCondition);
    const none = run({ type: 'remove-entry' });
    expect(draftOf(none).principals).toEqual([]);
    expect(findingsAt(trustPolicyFindings(none), 'entries')[0]?.message).toContain(
      'name who may assume the role',
    );
  });

  it('Space flips the focused toggle only; the draft takes each condition as typed', () => {
    let state = focusOn(run(type(value(0), '111111111111')), condition('requireMfa'));
    state = reduceTrustPolicyForm(state, { type: 'toggle' });
    expect(draftOf(state).requireMfa).toBe(true);
    state = [
      type(condition('mfaMaxAge'), '1h'),
      type(condition('externalId'), 'ext-1234'),
      type(condition('principalOrgId'), 'o-abcdefghij'),
      type(condition('sourceIdentity'), '*'),
    ].reduce(reduceTrustPolicyForm, state);
    const onValue = focusOn(state, value(0));
    expect(reduceTrustPolicyForm(onValue, { type: 'toggle' })).toBe(onValue);
    state = reduceTrustPolicyForm(focusOn(state, condition('allowSessionTags')), { type: 'toggle' });
    expect(draftOf(state)).toEqual({
      principals: [{ kind: 'account', id: '111111111111' }],
      requireMfa: true,
      mfaMaxAge: '1h',
      externalId: 'ext-1234',
      principalOrgId: 'o-abcdefghij',
      sourceIdentity: '*',
      allowSessionTags: true,
      sourceAccount: '',
      sourceArn: '',
    });
    expect(trustPolicyOf(draftOf(state)).Statement[0]?.Condition?.Bool).toEqual({
      'aws:MultiFactorAuthPresent': 'true',
    });
  });

  it('puts each finding beside its field: a bad account ID, the other-account warning, a condition', () => {
    const bad = trustPolicyFindings(run(type(value(0), '12345')));
    expect(findingsAt(bad, 'entry:0')).toEqual([
      {
        severity: 'error',
        message: '"12345" is not an account ID: an account ID is 12 digits.',
        place: 'entry:0',
      },
    ]);
    expect(findingsSummary(bad)).toMatch(/^1 error, /);

    const other = trustPolicyFindings(run(type(value(0), '111111111111')));
    expect(findingsAt(other, 'entry:0')).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('MFA') }),
    ]);
    expect(findingsSummary(other)).toBe('IAM would accept this trust policy; 1 warning');

    const withMfa = trustPolicyFindings(
      reduceTrustPolicyForm(focusOn(run(type(value(0), '111111111111')), condition('requireMfa')), {
        type: 'toggle',
      }),
    );
    expect(withMfa.findings).toEqual([]);
    expect(findingsSummary(withMfa)).toBe('IAM would accept this trust policy');

    // The role's own account is not "another account".
    expect(trustPolicyFindings(run(type(value(0), ROLE_ACCOUNT))).findings).toEqual([]);

    const lambda = run({ type: 'kind', by: 2 }, type(value(0), 'lambda'));
    expect(findingsAt(trustPolicyFindings(lambda), 'entry:0')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/aws:SourceArn|aws:SourceAccount/),
      }),
    ]);
    const guarded = trustPolicyFindings(
      reduceTrustPolicyForm(lambda, type(condition('sourceAccount'), '12')),
    );
    expect(findingsAt(guarded, 'entry:0')).toEqual([]);
    expect(findingsAt(guarded, 'condition:sourceAccount')[0]?.message).toBe('an account ID is 12 digits.');
  });

  it('scrolls the preview within the document', () => {
    const state = run(type(value(0), '111111111111'));
    const lines = JSON.stringify(trustPolicyOf(draftOf(state)), null, 2).split('\n').length;
    expect(reduceTrustPolicyForm(state, { type: 'scroll-preview', by: 4 }).preview).toBe(4);
    expect(reduceTrustPolicyForm(state, { type: 'scroll-preview', by: 100 }).preview).toBe(lines - 1);
    expect(reduceTrustPolicyForm(state, { type: 'scroll-preview', by: -4 }).preview).toBe(0);
  });
});
