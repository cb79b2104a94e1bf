import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/document';
import { evaluatePolicy } from '../../../src/policy/evaluate';
import type { PolicyRequest } from '../../../src/policy/request';

function decide(statement: unknown, request: Partial<PolicyRequest> = {}) {
  const { policy, problems } = parsePolicy({ Version: '2012-10-17', Statement: statement });
  if (!policy || problems.length) throw new Error(JSON.stringify(problems));
  return evaluatePolicy(policy, {
    principal: { kind: 'aws', arn: 'arn:aws:iam::111111111111:user/alice' },
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::222222222222:role/Admin',
    context: {},
    ...request,
  }).decision;
}

const allowAccount = { Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' };

describe('principals', () => {
  it('an account principal, as ID or root ARN, matches every principal of that account', () => {
    for (const aws of ['111111111111', 'arn:aws:iam::111111111111:root']) {
      for (const arn of [
        'arn:aws:iam::111111111111:user/alice',
        'arn:aws:sts::111111111111:assumed-role/Ops/s',
        'arn:aws:iam::111111111111:root',
      ]) {
        expect(
          decide({ ...allowAccount, Principal: { AWS: aws } }, { principal: { kind: 'aws', arn } }),
        ).toBe('Allow');
      }
    }
    expect(
      decide(allowAccount, { principal: { kind: 'aws', arn: 'arn:aws:iam::333333333333:user/alice' } }),
    ).toBe('ImplicitDeny');
  });

  it('a user ARN matches only that user, path included', () => {
    const statement = { ...allowAccount, Principal: { AWS: 'arn:aws:iam::111111111111:user/dev/alice' } };
    expect(
      decide(statement, { principal: { kind: 'aws', arn: 'arn:aws:iam::111111111111:user/dev/alice' } }),
    ).toBe('Allow');
    expect(
      decide(statement, { principal: { kind: 'aws', arn: 'arn:aws:iam::111111111111:user/alice' } }),
    ).toBe('ImplicitDeny');
  });

  it('a role ARN matches that role’s sessions, whose ARNs drop the path', () => {
    const statement = { ...allowAccount, Principal: { AWS: 'arn:aws:iam::111111111111:role/team/Ops' } };
    expect(
      decide(statement, {
        principal: { kind: 'aws', arn: 'arn:aws:sts::111111111111:assumed-role/Ops/anything' },
      }),
    ).toBe('Allow');
    expect(
      decide(statement, {
        principal: { kind: 'aws', arn: 'arn:aws:sts::111111111111:assumed-role/Dev/anything' },
      }),
    ).toBe('ImplicitDeny');
  });

  it('a deleted principal (a unique ID) matches no one', () => {
    const statement = { ...allowAccount, Principal: { AWS: 'AROA1234567890EXAMPLE' } };
    expect(
      decide(statement, { principal: { kind: 'aws', arn: 'arn:aws:sts::111111111111:assumed-role/Ops/s' } }),
    ).toBe('ImplicitDeny');
  });

  it('a service principal matches that service only', () => {
    const statement = { ...allowAccount, Principal: { Service: ['ec2.amazonaws.com'] } };
    expect(decide(statement, { principal: { kind: 'service', service: 'ec2.amazonaws.com' } })).toBe('Allow');
    expect(decide(statement, { principal: { kind: 'service', service: 'lambda.amazonaws.com' } })).toBe(
      'ImplicitDeny',
    );
    expect(decide(statement)).toBe('ImplicitDeny');
  });

  it('NotPrincipal applies to everyone it does not name', () => {
    const deny = {
      Effect: 'Deny',
      NotPrincipal: { AWS: 'arn:aws:iam::111111111111:user/alice' },
      Action: 'sts:AssumeRole',
    };
    const policy = [{ ...allowAccount }, deny];
    expect(decide(policy)).toBe('Allow');
    expect(decide(policy, { principal: { kind: 'aws', arn: 'arn:aws:iam::111111111111:user/bob' } })).toBe(
      'ExplicitDeny',
    );
  });
});

describe('actions and resources (identity policies too)', () => {
  it('matches actions case-insensitively with wildcards, and NotAction by exclusion', () => {
    expect(decide({ ...allowAccount, Action: 'STS:assume*' })).toBe('Allow');
    expect(decide({ ...allowAccount, Action: 'sts:AssumeRole?' })).toBe('ImplicitDeny');
    expect(decide({ ...allowAccount, Action: undefined, NotAction: 'iam:*' })).toBe('Allow');
    expect(decide({ ...allowAccount, Action: undefined, NotAction: 'sts:*' })).toBe('ImplicitDeny');
  });

  it('an identity policy allows by Action and Resource, with wildcards, and explicit deny wins', () => {
    const identity = [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::222222222222:role/*' },
      { Effect: 'Deny', Action: '*', Resource: 'arn:aws:iam::222222222222:role/Break*' },
    ];
    expect(decide(identity)).toBe('Allow');
    expect(decide(identity, { resource: 'arn:aws:iam::333333333333:role/Admin' })).toBe('ImplicitDeny');
    expect(decide(identity, { resource: 'arn:aws:iam::222222222222:role/BreakGlass' })).toBe('ExplicitDeny');
    const allButAdmin = { Effect: 'Allow', Action: 'iam:*', NotResource: 'arn:aws:iam::*:role/Admin' };
    expect(
      decide(allButAdmin, { action: 'iam:GetRole', resource: 'arn:aws:iam::222222222222:role/Dev' }),
    ).toBe('Allow');
    expect(decide(allButAdmin, { action: 'iam:GetRole' })).toBe('ImplicitDeny');
  });
});

describe('conditions', () => {
  const withCondition = (Condition: unknown) => ({ ...allowAccount, Condition });
  const context = (context: PolicyRequest['context']) => ({ context });

  it('a missing key fails a positive operator, satisfies a negated one and ...IfExists', () => {
    expect(decide(withCondition({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }))).toBe('ImplicitDeny');
    expect(decide(withCondition({ StringNotEquals: { 'sts:ExternalId': 'x' } }))).toBe('Allow');
    expect(decide(withCondition({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }))).toBe('Allow');
  });

  it('Null asks whether the key is absent', () => {
    expect(decide(withCondition({ Null: { 'sts:ExternalId': 'true' } }))).toBe('Allow');
    expect(decide(withCondition({ Null: { 'sts:ExternalId': 'false' } }))).toBe('ImplicitDeny');
    expect(
      decide(withCondition({ Null: { 'sts:ExternalId': 'false' } }), context({ 'sts:ExternalId': 'x' })),
    ).toBe('Allow');
  });

  it('ANDs keys and operators, ORs values, and compares keys case-insensitively', () => {
    const both = withCondition({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      StringEquals: { 'sts:ExternalId': ['a1', 'b2'] },
    });
    expect(decide(both, context({ 'AWS:MultiFactorAuthPresent': 'true', 'sts:externalid': 'b2' }))).toBe(
      'Allow',
    );
    expect(decide(both, context({ 'aws:MultiFactorAuthPresent': 'true', 'sts:ExternalId': 'c3' }))).toBe(
      'ImplicitDeny',
    );
    expect(decide(both, context({ 'sts:ExternalId': 'a1' }))).toBe('ImplicitDeny');
  });

  it('compares numbers, dates, IP ranges (v4 and v6) and ARNs', () => {
    expect(
      decide(
        withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
        context({ 'aws:MultiFactorAuthAge': '120' }),
      ),
    ).toBe('Allow');
    expect(
      decide(
        withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
        context({ 'aws:MultiFactorAuthAge': '3600' }),
      ),
    ).toBe('ImplicitDeny');
    expect(
      decide(
        withCondition({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }),
        context({ 'aws:CurrentTime': '2026-11-23T10:00:00Z' }),
      ),
    ).toBe('Allow');
    expect(
      decide(
        withCondition({ DateGreaterThan: { 'aws:CurrentTime': '1790000000' } }),
        context({ 'aws:CurrentTime': '2026-11-23T10:00:00Z' }),
      ),
    ).toBe('Allow');
    expect(
      decide(
        withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
        context({ 'aws:SourceIp': '203.0.113.77' }),
      ),
    ).toBe('Allow');
    expect(
      decide(
        withCondition({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }),
        context({ 'aws:SourceIp': '2001:db8::1' }),
      ),
    ).toBe('Allow');
    expect(
      decide(
        withCondition({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
        context({ 'aws:SourceIp': '198.51.100.1' }),
      ),
    ).toBe('Allow');
    expect(
      decide(
        withCondition({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ops-*' } }),
        context({ 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/ops-admin' }),
      ),
    ).toBe('Allow');
    expect(
      decide(
        withCondition({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ops-*' } }),
        context({ 'aws:PrincipalArn': 'arn:aws:iam::111111111111:user/ops-admin' }),
      ),
    ).toBe('ImplicitDeny');
  });

  it('ForAnyValue needs one match; ForAllValues needs every value to match, and holds for none', () => {
    const any = withCondition({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } });
    const all = withCondition({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'project'] } });
    expect(decide(any, context({ 'aws:TagKeys': ['owner', 'team'] }))).toBe('Allow');
    expect(decide(any, context({ 'aws:TagKeys': [] }))).toBe('ImplicitDeny');
    expect(decide(all, context({ 'aws:TagKeys': ['team', 'project'] }))).toBe('Allow');
    expect(decide(all, context({ 'aws:TagKeys': ['team', 'owner'] }))).toBe('ImplicitDeny');
    expect(decide(all)).toBe('Allow');
  });

  it('fills in policy variables from the request', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    const mine = withCondition({ StringEquals: { 'sts:RoleSessionName': '${aws:username}' } });
    expect(decide(mine, context({ 'aws:username': 'alice', 'sts:RoleSessionName': 'alice' }))).toBe('Allow');
    expect(decide(mine, context({ 'aws:username': 'alice', 'sts:RoleSessionName': 'bob' }))).toBe(
      'ImplicitDeny',
    );
  });
});

describe('policy variables', () => {
  const alice = {
    principal: { kind: 'aws', arn: 'arn:aws:iam::111111111111:user/alice' } as const,
    action: 'iam:GetUser',
  };
  const ownUser = (Version?: string) => {
    const { policy } = parsePolicy({
      ...(Version ? { Version } : {}),
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iam:GetUser',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
          Resource: 'arn:aws:iam::111111111111:user/${aws:username}',
        },
      ],
    });
    if (!policy) throw new Error('bad policy');
    return policy;
  };

  it('fill in a Resource under Version 2012-10-17', () => {
    const request = {
      ...alice,
      resource: 'arn:aws:iam::111111111111:user/alice',
      context: { 'aws:username': 'alice' },
    };
    expect(evaluatePolicy(ownUser('2012-10-17'), request).decision).toBe('Allow');
    expect(
      evaluatePolicy(ownUser('2012-10-17'), { ...request, resource: 'arn:aws:iam::111111111111:user/bob' })
        .decision,
    ).toBe('ImplicitDeny');
  });

  it('are literal text under 2008-10-17 or no Version', () => {
    const request = {
      ...alice,
      resource: 'arn:aws:iam::111111111111:user/alice',
      context: { 'aws:username': 'alice' },
    };
    expect(evaluatePolicy(ownUser('2008-10-17'), request).decision).toBe('ImplicitDeny');
    expect(evaluatePolicy(ownUser(), request).decision).toBe('ImplicitDeny');
  });

  it('an IP range that cannot be read matches nothing, and never throws', () => {
    const { policy } = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/99' } },
        },
      ],
    });
    if (!policy) throw new Error('bad policy');
    expect(
      evaluatePolicy(policy, { ...alice, resource: '*', context: { 'aws:SourceIp': '10.1.2.3' } }).decision,
    ).toBe('ImplicitDeny');
  });
});
