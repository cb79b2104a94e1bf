// The builder's state made from a document: the form then makes the same document (nothing
// changed, nothing to ask on leaving), and a change typed into a field shows in it, kept
// statements after the form's own.
import { describe, expect, it } from 'vitest';
import { trustPolicyEditForm } from '../../../../screens/forms/trust-policy/trust-policy-edit-form';
import { formDocument } from '../../../../screens/forms/trust-policy/trust-policy-editing';
import { trustPolicyFindings } from '../../../../screens/forms/trust-policy/trust-policy-findings';
import {
  draftOf,
  hasInput,
  reduceTrustPolicyForm,
  slotsOf,
  type TrustPolicyFormState,
} from '../../../../screens/forms/trust-policy/trust-policy-form-state';
import { blockedBy } from '../../../../screens/forms/trust-policy/use-trust-policy-form';
import { trustPolicyOf } from '../../../../src/trust-policy/draft';
import { mulberry32 } from '../../../src/policy/random-trust-cases';
import { ROLE_ACCOUNT, randomDraft } from '../../../src/trust-policy/random-drafts';

function opened(text: string): TrustPolicyFormState {
  const result = trustPolicyEditForm(ROLE_ACCOUNT, text);
  if (!result.ok) throw new Error(result.problem);
  return result.state;
}

describe('trustPolicyEditForm', () => {
  it('makes the same document again for 300 generated drafts, with nothing to ask on leaving', () => {
    const random = mulberry32(20261130);
    for (let n = 0; n < 300; n += 1) {
      const document = trustPolicyOf(randomDraft(random));
      const state = opened(JSON.stringify(document));
      expect({ n, document: JSON.parse(formDocument(draftOf(state), state.editing)) }).toEqual({
        n,
        document,
      });
      expect(hasInput(state)).toBe(false);
    }
  });

  it('puts a typed change in the document, the kept Deny after it', () => {
    const deny = {
      Effect: 'Deny',
      Principal: { AWS: 'arn:aws:iam::111111111111:user/bob' },
      Action: 'sts:AssumeRole',
    };
    const state = opened(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          deny,
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' },
        ],
      }),
    );
    expect(state.entries.entries).toEqual(['111111111111']);
    const mfa = slotsOf(state).findIndex((s) => s.at === 'condition' && s.key === 'requireMfa');
    const on = reduceTrustPolicyForm(reduceTrustPolicyForm(state, { type: 'focus', by: mfa }), {
      type: 'toggle',
    });
    expect(hasInput(on)).toBe(true);
    expect(JSON.parse(formDocument(draftOf(on), on.editing)).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'sts:AssumeRole',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
      deny,
    ]);
  });

  it('blocks saving, in words, a policy variable typed in the form when a kept statement of an older Version has one', () => {
    const state = opened(
      JSON.stringify({
        Version: '2008-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' },
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:RoleSessionName': `$\{aws:username}` } },
          },
        ],
      }),
    );
    expect(state.entries.entries).toEqual(['111111111111']);
    expect(blockedBy(trustPolicyFindings(state))).toBeUndefined();
    const identity = slotsOf(state).findIndex((s) => s.at === 'condition' && s.key === 'sourceIdentity');
    const typed = reduceTrustPolicyForm(state, {
      type: 'typed',
      slot: slotsOf(state)[identity] ?? { at: 'action', action: 'primary' },
      text: `$\{aws:username}`,
    });
    expect(blockedBy(trustPolicyFindings(typed))).toMatch(
      /^Fix first: The document's Version is 2008-10-17; .* kept statements become policy variables/,
    );
  });
});
