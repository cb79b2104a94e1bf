import { describe, expect, it } from 'vitest';
import { identityPolicyFor } from '../../../src/trusted-side/identity-policy';

const ROLE = 'arn:aws:iam::333333333333:role/ops/Deploy';
const trust = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (principal: object, extra: object = {}) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 'sts:AssumeRole',
  ...extra,
});

function policyOf(roleArn: string, text: string) {
  const result = identityPolicyFor(roleArn, text);
  if (!result.ok) throw new Error(result.message);
  return result.policy;
}

describe('the identity policy the trusted side needs', () => {
  it('allows sts:AssumeRole on the role, named for it', () => {
    const policy = policyOf(ROLE, trust(allow({ AWS: 'arn:aws:iam::111111111111:root' })));
    expect(JSON.parse(policy.document)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AssumeRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE }],
    });
    expect(policy.name).toBe('AssumeRole-Deploy');
    expect(policy.name).toMatch(/^[\w+=,.@-]{1,128}$/);
    expect(policy.trustedSides).toEqual([{ kind: 'account', account: '111111111111', mfa: false }]);
  });

  it('reads MFA and the external ID each admitted principal must bring', () => {
    const policy = policyOf(
      ROLE,
      trust(
        allow(
          { AWS: ['arn:aws:iam::111111111111:root', '222222222222'] },
          { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
        ),
        allow(
          { AWS: 'arn:aws:iam::999999999999:role/Reporter' },
          { Condition: { StringEquals: { 'sts:ExternalId': 'vendor-77' } } },
        ),
      ),
    );
    expect(policy.trustedSides).toEqual([
      { kind: 'account', account: '111111111111', mfa: true },
      { kind: 'account', account: '222222222222', mfa: true },
      {
        kind: 'role',
        account: '999999999999',
        name: 'Reporter',
        arn: 'arn:aws:iam::999999999999:role/Reporter',
        mfa: false,
        externalId: 'vendor-77',
      },
    ]);
  });

  it('takes MultiFactorAuthAge alone as requiring MFA, but not with IfExists', () => {
    const age = policyOf(
      ROLE,
      trust(
        allow(
          { AWS: '111111111111' },
          { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } },
        ),
      ),
    );
    expect(age.trustedSides[0]?.mfa).toBe(true);
    const loose = policyOf(
      ROLE,
      trust(
        allow(
          { AWS: '111111111111' },
          { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } },
        ),
      ),
    );
    expect(loose.trustedSides[0]?.mfa).toBe(false);
  });

  it('grants sts:TagSession and sts:SetSourceIdentity too when the trust allows them', () => {
    const policy = policyOf(
      ROLE,
      trust({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:user/alice' },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      }),
    );
    expect(JSON.parse(policy.document).Statement[0].Action).toEqual([
      'sts:AssumeRole',
      'sts:SetSourceIdentity',
      'sts:TagSession',
    ]);
    expect(policy.trustedSides).toEqual([
      {
        kind: 'user',
        account: '111111111111',
        name: 'alice',
        arn: 'arn:aws:iam::111111111111:user/alice',
        mfa: false,
      },
    ]);
  });

  it('leaves out services, federated principals and denials, and says why nothing is named', () => {
    const policy = policyOf(
      ROLE,
      trust(
        allow({ Service: 'lambda.amazonaws.com' }),
        {
          Effect: 'Allow',
          Principal: {
            Federated: 'arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com',
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
        },
        { Effect: 'Deny', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' },
        allow({ AWS: 'AIDAEXAMPLEDELETED1234' }),
      ),
    );
    expect(policy.trustedSides).toEqual([]);
    expect(policy.notes.join(' ')).toMatch(/AIDAEXAMPLEDELETED1234 is not an account, user or role ARN/);
  });

  it('never mixes two statements’ conditions: the one asking least is kept whole, the other named', () => {
    const policy = policyOf(
      ROLE,
      trust(
        allow({ AWS: '111111111111' }, { Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } }),
        allow({ AWS: '111111111111' }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
        allow(
          { AWS: '222222222222' },
          {
            Condition: {
              Bool: { 'aws:MultiFactorAuthPresent': 'true' },
              StringEquals: { 'sts:ExternalId': 'x-2' },
            },
          },
        ),
        allow({ AWS: '222222222222' }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
      ),
    );
    // A profile with the external ID meets the first statement; one with neither meets none.
    expect(policy.trustedSides).toEqual([
      { kind: 'account', account: '111111111111', mfa: false, externalId: 'x-1' },
      { kind: 'account', account: '222222222222', mfa: true },
    ]);
    expect(policy.notes).toEqual([
      '111111111111 is admitted with external ID x-1, or by another statement with MFA: the profile follows the first.',
    ]);
  });

  it('says what a service or a federated trust needs instead, and that no AWS caller is admitted', () => {
    const policy = policyOf(
      ROLE,
      trust(allow({ Service: 'ec2.amazonaws.com' }), {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::333333333333:saml-provider/corp' },
        Action: 'sts:AssumeRoleWithSAML',
      }),
    );
    expect(policy.awsCallers).toBe(false);
    expect(policy.trustedSides).toEqual([]);
    expect(policy.notes).toEqual([
      `ec2.amazonaws.com assumes the role itself: whoever hands it the role (an instance profile, a function, a task) needs iam:PassRole on ${ROLE}, not sts:AssumeRole.`,
      'Callers through arn:aws:iam::333333333333:saml-provider/corp sign in with AssumeRoleWithWebIdentity or AssumeRoleWithSAML: they need no identity policy.',
    ]);
    expect(policyOf(ROLE, trust(allow({ AWS: '111111111111' }))).awsCallers).toBe(true);
  });

  it('takes a Deny without MFA (BoolIfExists false, or Null) as requiring MFA of those it names', () => {
    const alice = 'arn:aws:iam::111111111111:user/alice';
    const denyWithout = (principal: object | string, condition: object) => ({
      Effect: 'Deny',
      Principal: principal,
      Action: 'sts:AssumeRole',
      Condition: condition,
    });
    const needsOf = (...statements: object[]) =>
      policyOf(ROLE, trust(...statements)).trustedSides.map((side) => side.mfa);
    const ifExists = { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } };
    // prod's BreakGlass in the sandbox: alice, and never without MFA.
    expect(needsOf(allow({ AWS: alice }), denyWithout({ AWS: '*' }, ifExists))).toEqual([true]);
    expect(needsOf(allow({ AWS: alice }), denyWithout({ AWS: '111111111111' }, ifExists))).toEqual([true]);
    expect(
      needsOf(allow({ AWS: alice }), denyWithout('*', { Null: { 'aws:MultiFactorAuthPresent': 'true' } })),
    ).toEqual([true]);
    // Keys with no code have no aws:MultiFactorAuthPresent: Bool "false" does not deny them.
    expect(
      needsOf(allow({ AWS: alice }), denyWithout('*', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } })),
    ).toEqual([false]);
    // Another principal denied, or a Deny with another condition too: not this side's need.
    expect(
      needsOf(allow({ AWS: alice }), denyWithout({ AWS: 'arn:aws:iam::111111111111:user/bob' }, ifExists)),
    ).toEqual([false]);
    expect(
      needsOf(
        allow({ AWS: alice }),
        denyWithout('*', { ...ifExists, StringEquals: { 'aws:PrincipalTag/team': 'ops' } }),
      ),
    ).toEqual([false]);
    // An account admitted whole is not covered by a Deny on one of its users.
    expect(needsOf(allow({ AWS: '111111111111' }), denyWithout({ AWS: alice }, ifExists))).toEqual([false]);
  });

  it('refuses what is not a role ARN or not a policy, in words', () => {
    const notRole = identityPolicyFor('arn:aws:iam::333333333333:user/alice', trust());
    expect(notRole).toEqual({ ok: false, message: expect.stringMatching(/is not a role ARN/) });
    const notJson = identityPolicyFor(ROLE, '{"Version":');
    expect(notJson).toEqual({ ok: false, message: expect.stringMatching(/trust policy cannot be read/) });
  });
});
