import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/document';
import { describeTrust, explainPolicy } from '../../../src/policy/explain';
import type { PolicyRequest } from '../../../src/policy/request';

function explain(statement: unknown, request: Partial<PolicyRequest> = {}) {
  const { policy, dangling } = parsePolicy({ Version: '2012-10-17', Statement: statement });
  if (!policy) throw new Error('bad policy');
  return explainPolicy(
    policy,
    {
      principal: { kind: 'aws', arn: 'arn:aws:iam::111111111111:user/alice' },
      action: 'sts:AssumeRole',
      context: {},
      ...request,
    },
    dangling,
  );
}

const account = { AWS: '111111111111' };

describe('why a caller may or may not assume a role', () => {
  it('needs an MFA code', () => {
    const result = explain({
      Effect: 'Allow',
      Principal: account,
      Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    });
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.summary).toBe('Needs an MFA code: statement 1 requires aws:MultiFactorAuthPresent = true.');
    expect(result.needs.map((n) => n.kind)).toEqual(['mfa']);
  });

  it('needs an MFA code used recently', () => {
    const result = explain(
      {
        Effect: 'Allow',
        Principal: account,
        Action: 'sts:AssumeRole',
        Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
      },
      { context: { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '7200' } },
    );
    expect(result.summary).toMatch(
      /^Needs an MFA code used within 1h: statement 1 requires aws:MultiFactorAuthAge < 3600/,
    );
    expect(result.needs.map((n) => n.kind)).toEqual(['fresh-mfa']);
  });

  it('needs an external ID', () => {
    const result = explain({
      Effect: 'Allow',
      Principal: account,
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'dev-deploy-1b2c' } },
    });
    expect(result.summary).toBe('Needs external ID dev-deploy-1b2c: statement 1 requires sts:ExternalId.');
    expect(result.needs.map((n) => n.kind)).toEqual(['external-id']);
  });

  it('names who may assume the role when the caller is not among them', () => {
    const result = explain({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:user/bob' },
      Action: 'sts:AssumeRole',
    });
    expect(result.summary).toBe(
      'Only arn:aws:iam::111111111111:user/bob may assume this role; you are arn:aws:iam::111111111111:user/alice.',
    );
    expect(result.needs.map((n) => n.kind)).toEqual(['principal']);
  });

  it('flags a deleted principal', () => {
    const result = explain({
      Effect: 'Allow',
      Principal: { AWS: 'AROA1234567890EXAMPLE' },
      Action: 'sts:AssumeRole',
    });
    expect(result.summary).toContain(
      'AROA1234567890EXAMPLE: the trusted principal was deleted; statement 1 matches no one until the ARN is saved again.',
    );
  });

  it('says which statement denies, and why', () => {
    const result = explain([
      { Effect: 'Allow', Principal: account, Action: 'sts:AssumeRole' },
      {
        Sid: 'NoMfaNoEntry',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sts:AssumeRole',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ]);
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.summary).toBe(
      'Denied by statement 2: it denies requests without an MFA code (when present).',
    );
    expect(result.statements).toEqual([
      'Statement 1: allows this request',
      'Statement 2 (NoMfaNoEntry): denies this request',
    ]);
  });

  it('says which statement allows', () => {
    expect(explain({ Effect: 'Allow', Principal: account, Action: 'sts:AssumeRole' }).summary).toBe(
      'Allowed by statement 1.',
    );
  });

  it('explains each statement that did not apply', () => {
    const result = explain(
      [
        { Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: account, Action: 'sts:TagSession' },
        {
          Effect: 'Allow',
          Principal: account,
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'abc' } },
        },
      ],
      { context: { 'sts:ExternalId': 'xyz' } },
    );
    expect(result.statements).toEqual([
      'Statement 1: does not name you (it names account 999999999999 (any user or role there that its own policies allow))',
      'Statement 2: is about sts:TagSession, not this action',
      'Statement 3: does not apply: sts:ExternalId is xyz, not = abc',
    ]);
  });
});

describe('who a trust policy lets in', () => {
  it('describes each statement in words', () => {
    const { policy, dangling } = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: account,
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: 'AROA1234567890EXAMPLE' }, Action: 'sts:AssumeRole' },
      ],
    });
    if (!policy) throw new Error('bad policy');
    expect(describeTrust(policy, dangling)).toEqual([
      'Statement 1 allows account 111111111111 (any user or role there that its own policies allow) to sts:AssumeRole with an MFA code.',
      'Statement 2 allows the service ec2.amazonaws.com to sts:AssumeRole.',
      'Statement 3 allows a deleted principal (AROA1234567890EXAMPLE) to sts:AssumeRole.',
      'AROA1234567890EXAMPLE: the trusted principal was deleted; statement 3 matches no one until the ARN is saved again.',
    ]);
  });
});
