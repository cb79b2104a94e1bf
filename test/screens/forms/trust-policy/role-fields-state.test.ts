// The builder's role and permissions as state: the role's fields and tags kept in the RoleSpec,
// policy ARNs typed and policies picked from IAM's list, the picker (filter, cursor, pick, the
// boundary's one), the common services' choice, and where the role's findings are placed.
import { describe, expect, it } from 'vitest';
import { policyMatches } from '../../../../screens/forms/trust-policy/policy-picker-state';
import { roleFindings } from '../../../../screens/forms/trust-policy/role-findings';
import {
  draftOf,
  focusedSlot,
  hasInput,
  reduceTrustPolicyForm,
  type Slot,
  type TrustPolicyFormAction,
  type TrustPolicyFormState,
  trustPolicyForm,
} from '../../../../screens/forms/trust-policy/trust-policy-form-state';
import type { ManagedPolicySummary } from '../../../../src/role-making/role-spec';

const ACCOUNT = '222222222222';
const run = (...actions: TrustPolicyFormAction[]) =>
  actions.reduce(reduceTrustPolicyForm, trustPolicyForm(ACCOUNT));
const type = (slot: Slot, text: string): TrustPolicyFormAction => ({ type: 'typed', slot, text });
function focusOn(state: TrustPolicyFormState, slot: Slot): TrustPolicyFormState {
  let now = state;
  for (let i = 0; i < 60; i++) {
    if (JSON.stringify(focusedSlot(now)) === JSON.stringify(slot)) return now;
    now = reduceTrustPolicyForm(now, { type: 'focus', by: 1 });
  }
  throw new Error(`Tab never reached ${JSON.stringify(slot)}`);
}

const POLICIES: ManagedPolicySummary[] = [
  {
    name: 'AdministratorAccess',
    arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    path: '/',
    awsManaged: true,
  },
  { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', path: '/', awsManaged: true },
  {
    name: 'AmazonS3ReadOnlyAccess',
    arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    path: '/',
    awsManaged: true,
  },
];

describe('the role’s fields', () => {
  it('keeps name, path, description and maximum session in the RoleSpec as typed', () => {
    const state = run(
      type({ at: 'role', key: 'name' }, 'Deployer'),
      type({ at: 'role', key: 'path' }, '/ci/'),
      type({ at: 'role', key: 'description' }, 'deploys'),
      type({ at: 'role', key: 'maxSession' }, '4h'),
    );
    expect(state.role).toMatchObject({
      name: 'Deployer',
      path: '/ci/',
      description: 'deploys',
      maxSession: '4h',
    });
    expect(hasInput(state)).toBe(true);
    // The trust policy is untouched by the role's fields.
    expect(draftOf(state).principals).toEqual([{ kind: 'account', id: '' }]);
  });

  it('tags are key=value entries: typing starts the first, Ctrl-N adds after the focused, Ctrl-X removes', () => {
    let state = run(type({ at: 'tag', index: 0 }, 'team=platform'));
    expect(state.role.tags).toEqual([{ key: 'team', value: 'platform' }]);
    state = reduceTrustPolicyForm(focusOn(state, { at: 'tag', index: 0 }), { type: 'add-entry' });
    expect(focusedSlot(state)).toEqual({ at: 'tag', index: 1 });
    state = reduceTrustPolicyForm(state, type({ at: 'tag', index: 1 }, 'cost=a=b'));
    // A value may hold "="; an empty entry is no tag.
    expect(state.role.tags).toEqual([
      { key: 'team', value: 'platform' },
      { key: 'cost', value: 'a=b' },
    ]);
    state = reduceTrustPolicyForm(focusOn(state, { at: 'tag', index: 0 }), { type: 'remove-entry' });
    expect(state.role.tags).toEqual([{ key: 'cost', value: 'a=b' }]);
    expect(focusedSlot(state)).toEqual({ at: 'tag', index: 0 });
    // Ctrl-N on a tag adds a tag, not someone who may assume the role.
    expect(draftOf(state).principals).toHaveLength(1);
  });

  it('managed policies are the ones picked from IAM’s list and the ARNs typed, once each', () => {
    let state = run({ type: 'open-picker', for: 'managed' });
    expect(state.picker).toEqual({ for: 'managed', query: '', cursor: 0 });
    state = reduceTrustPolicyForm(state, { type: 'pick-policy', arn: POLICIES[1]?.arn ?? '' });
    state = reduceTrustPolicyForm(
      state,
      type({ at: 'policy-arn', index: 0 }, 'arn:aws:iam::222222222222:policy/Mine'),
    );
    state = reduceTrustPolicyForm(state, {
      type: 'pick-policy',
      arn: 'arn:aws:iam::222222222222:policy/Mine',
    });
    expect(state.role.managedPolicies).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::222222222222:policy/Mine',
    ]);
    // Space again unpicks; the picker stays open until Enter or Esc.
    state = reduceTrustPolicyForm(state, { type: 'pick-policy', arn: POLICIES[1]?.arn ?? '' });
    expect(state.role.managedPolicies).toEqual(['arn:aws:iam::222222222222:policy/Mine']);
    expect(state.picker).toBeDefined();
    expect(reduceTrustPolicyForm(state, { type: 'close-picker' }).picker).toBeUndefined();
  });

  it('the picker filters as fzf does, and its cursor stays among the matches', () => {
    expect(policyMatches(POLICIES, 'readonly').map((m) => m.item.name)).toEqual([
      'ReadOnlyAccess',
      'AmazonS3ReadOnlyAccess',
    ]);
    expect(policyMatches(POLICIES, '')).toHaveLength(3);
    let state = run({ type: 'open-picker', for: 'managed' }, { type: 'picker-move', by: 5, matches: 3 });
    expect(state.picker?.cursor).toBe(2);
    state = reduceTrustPolicyForm(state, { type: 'picker-query', text: 's3' });
    expect(state.picker).toEqual({ for: 'managed', query: 's3', cursor: 0 });
  });

  it('the boundary picker takes one policy and closes; picking it again takes it off', () => {
    const arn = POLICIES[0]?.arn ?? '';
    let state = run({ type: 'open-picker', for: 'boundary' }, { type: 'pick-policy', arn });
    expect(state.role.permissionsBoundary).toBe(arn);
    expect(state.picker).toBeUndefined();
    // Picking outside the picker does nothing.
    expect(reduceTrustPolicyForm(state, { type: 'pick-policy', arn })).toBe(state);
    state = run(
      type({ at: 'boundary' }, arn),
      { type: 'open-picker', for: 'boundary' },
      { type: 'pick-policy', arn },
    );
    expect(state.role.permissionsBoundary).toBe('');
  });

  it('the inline policy is kept as written, JSON or not, and its name beside it', () => {
    const state = run(type({ at: 'inline' }, '{"Version": '), type({ at: 'inline-name' }, 'deploy'));
    expect(state.role.inlinePolicy).toBe('{"Version": ');
    expect(state.role.inlinePolicyName).toBe('deploy');
  });

  it('under a service entry, ← → choose a common service into it; a typed one still works', () => {
    let state = run({ type: 'kind', by: 2 });
    expect(focusedSlot(reduceTrustPolicyForm(state, { type: 'focus', by: 2 }))).toEqual({
      at: 'common',
      entry: 0,
    });
    state = focusOn(state, { at: 'common', entry: 0 });
    state = reduceTrustPolicyForm(state, { type: 'common', by: 1 });
    expect(draftOf(state).principals[0]).toEqual({ kind: 'service', service: 'ec2' });
    state = reduceTrustPolicyForm(state, { type: 'common', by: 1 });
    expect(draftOf(state).principals[0]).toEqual({ kind: 'service', service: 'lambda' });
    state = reduceTrustPolicyForm(state, type({ at: 'value', entry: 0 }, 'ecs-tasks.amazonaws.com'));
    state = reduceTrustPolicyForm(state, { type: 'common', by: 1 });
    expect(draftOf(state).principals[0]).toEqual({ kind: 'service', service: 'eks' });
    // A name typed that is not a common one: → starts the choice at the first.
    state = reduceTrustPolicyForm(state, type({ at: 'value', entry: 0 }, 'my-service.example'));
    expect(reduceTrustPolicyForm(state, { type: 'common', by: 1 }).entries.entries[0]).toBe('ec2');
  });
});

describe('the role’s findings', () => {
  it('are placed beside the field, the tag or the policy they are about', () => {
    const state = run(
      type({ at: 'tag', index: 0 }, 'ok=1'),
      { type: 'add-entry' },
      type({ at: 'policy-arn', index: 0 }, 'arn:aws:iam::aws:policy/Typo'),
    );
    const withEmptyTagFirst = {
      ...state,
      tags: { entries: ['', 'ok=1', 'bad'], focus: 0 },
    };
    expect(
      roleFindings(withEmptyTagFirst, [
        { field: 'name', problem: 'Name the role.' },
        { field: 'tags', index: 1, problem: 'A tag needs a value.' },
        { field: 'managedPolicies', index: 0, problem: 'No such policy.' },
        { field: 'inlinePolicy', problem: 'Not JSON.' },
      ]).map((f) => f.place),
    ).toEqual(['role:name', 'tag:2', 'policy-arn:0', 'inline']);
  });
});
