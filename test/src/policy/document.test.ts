import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/document';

const trust = (statement: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: statement });

describe('reading a policy document', () => {
  it('takes Statement as one object or as a list', () => {
    const one = parsePolicy(
      trust({ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' }),
    );
    const list = parsePolicy(
      trust([{ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' }]),
    );
    expect(one.problems).toEqual([]);
    expect(one.policy).toEqual(list.policy);
    expect(one.policy?.statements[0]).toMatchObject({
      effect: 'Allow',
      principal: { aws: ['111111111111'], service: [], federated: [], canonicalUser: [] },
      action: ['sts:AssumeRole'],
    });
  });

  it('reads the URL-encoded text IAM returns from ListRoles and GetRole', () => {
    const encoded = encodeURIComponent(
      trust({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    );
    const { policy, problems } = parsePolicy(encoded);
    expect(problems).toEqual([]);
    expect(policy?.statements[0]?.principal).toMatchObject({ service: ['ec2.amazonaws.com'] });
  });

  it('reads every principal form', () => {
    const { policy, problems } = parsePolicy(
      trust({
        Effect: 'Allow',
        Principal: {
          AWS: [
            '111111111111',
            'arn:aws:iam::111111111111:root',
            'arn:aws:iam::111111111111:user/dev/alice',
            'arn:aws:iam::111111111111:role/path/Ops',
            'arn:aws:sts::111111111111:assumed-role/Ops/session-1',
          ],
          Service: ['ecs.amazonaws.com', 'elasticloadbalancing.amazonaws.com'],
          Federated: 'arn:aws:iam::111111111111:saml-provider/Okta',
        },
        Action: 'sts:AssumeRole',
      }),
    );
    expect(problems).toEqual([]);
    expect(policy?.statements[0]?.principal).toMatchObject({
      aws: expect.arrayContaining(['arn:aws:sts::111111111111:assumed-role/Ops/session-1']),
      service: ['ecs.amazonaws.com', 'elasticloadbalancing.amazonaws.com'],
      federated: ['arn:aws:iam::111111111111:saml-provider/Okta'],
    });
    expect(
      parsePolicy(trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })).policy?.statements[0]
        ?.principal,
    ).toBe('*');
  });

  it('recognises a unique ID in a principal as a deleted principal', () => {
    const { problems, dangling } = parsePolicy(
      trust([
        { Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' },
        {
          Effect: 'Allow',
          Principal: { AWS: ['AROA1234567890EXAMPLE', 'AIDAJQABLZS4A3QDU576Q'] },
          Action: 'sts:AssumeRole',
        },
      ]),
    );
    expect(problems).toEqual([]);
    expect(dangling).toEqual([
      {
        path: '$.Statement[1].Principal.AWS[0]',
        statementIndex: 1,
        id: 'AROA1234567890EXAMPLE',
        kind: 'role',
      },
      {
        path: '$.Statement[1].Principal.AWS[1]',
        statementIndex: 1,
        id: 'AIDAJQABLZS4A3QDU576Q',
        kind: 'user',
      },
    ]);
  });

  it('lists what is wrong with a malformed document, each with its JSON path, and never throws', () => {
    expect(parsePolicy('{"Statement": [').problems[0]).toMatchObject({
      path: '$',
      message: expect.stringMatching(/^not JSON/),
    });
    expect(parsePolicy('[]').problems).toEqual([{ path: '$', message: 'a policy must be a JSON object' }]);
    expect(parsePolicy('{"Version":"2012-10-17"}').problems).toEqual([
      { path: '$.Statement', message: 'a policy needs a Statement' },
    ]);
    const { problems } = parsePolicy(
      JSON.stringify({
        Version: '2012-10-18',
        Statement: [
          { Effect: 'allow', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { Users: 'alice' }, NotPrincipal: '*', Action: 'AssumeRole' },
          {
            Effect: 'Deny',
            Principal: { AWS: 'alice' },
            Condition: { StringEqualz: { 'sts:ExternalId': 'x' } },
          },
          'not a statement',
        ],
      }),
    );
    expect(problems).toEqual([
      {
        path: '$.Version',
        message: 'Version must be "2012-10-17" (or the old "2008-10-17"), not "2012-10-18"',
      },
      { path: '$.Statement[0].Effect', message: 'Effect must be "Allow" or "Deny", not "allow"' },
      {
        path: '$.Statement[0].Principal.AWS',
        message: 'a principal cannot hold a partial wildcard: arn:aws:iam::*:root',
        value: 'arn:aws:iam::*:root',
      },
      {
        path: '$.Statement[1].NotPrincipal',
        message: 'a statement cannot have both Principal and NotPrincipal',
      },
      {
        path: '$.Statement[1].Principal.Users',
        message: 'unknown principal type Users (use AWS, Service or Federated)',
      },
      {
        path: '$.Statement[1].Action',
        message: 'not an action (service:Action, e.g. sts:AssumeRole): AssumeRole',
      },
      { path: '$.Statement[2].Condition.StringEqualz', message: 'unknown condition operator StringEqualz' },
      {
        path: '$.Statement[2].Principal.AWS',
        message: 'not an AWS principal (an account ID or an IAM ARN): alice',
        value: 'alice',
      },
      { path: '$.Statement[2].Action', message: 'a statement needs Action or NotAction' },
      { path: '$.Statement[3]', message: 'a statement must be a JSON object' },
    ]);
  });

  it('reads condition operators with their qualifiers, and values of any scalar type as text', () => {
    const { policy, problems } = parsePolicy(
      trust({
        Effect: 'Allow',
        Principal: '*',
        Action: 'sts:AssumeRole',
        Condition: {
          'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['team', 'cost-*'] },
          NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
          Bool: { 'aws:MultiFactorAuthPresent': true },
        },
      }),
    );
    expect(problems).toEqual([]);
    expect(policy?.statements[0]?.conditions).toEqual([
      {
        written: 'ForAnyValue:StringLikeIfExists',
        operator: 'StringLike',
        ifExists: true,
        set: 'ForAnyValue',
        key: 'aws:TagKeys',
        values: ['team', 'cost-*'],
      },
      {
        written: 'NumericLessThan',
        operator: 'NumericLessThan',
        ifExists: false,
        key: 'aws:MultiFactorAuthAge',
        values: ['3600'],
      },
      {
        written: 'Bool',
        operator: 'Bool',
        ifExists: false,
        key: 'aws:MultiFactorAuthPresent',
        values: ['true'],
      },
    ]);
  });
});
