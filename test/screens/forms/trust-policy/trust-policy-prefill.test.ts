// The builder opened filled in by the guided setup: the state is one the person could have typed,
// so its document and its role are what the form would make of the same keys.
import { describe, expect, it } from 'vitest';
import { draftOf } from '../../../../screens/forms/trust-policy/trust-policy-form-state';
import { prefilledForm } from '../../../../screens/forms/trust-policy/trust-policy-prefill';
import { trustPolicyOf } from '../../../../src/trust-policy/draft';

describe('prefilledForm', () => {
  it('trusts the account’s root with MFA and names the role', () => {
    const state = prefilledForm('333333333333', {
      trustAccounts: ['111111111111'],
      requireMfa: true,
      roleName: 'Onboarding',
    });
    expect(state.role.name).toBe('Onboarding');
    expect(trustPolicyOf(draftOf(state))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
  });

  it('takes several accounts, one entry each, and leaves MFA off when asked', () => {
    const state = prefilledForm('333333333333', {
      trustAccounts: ['111111111111', '222222222222'],
      requireMfa: false,
    });
    expect(state.entries.entries).toEqual(['111111111111', '222222222222']);
    expect(state.conditions.requireMfa).toBe(false);
    expect(state.role.name).toBe('');
  });
});
