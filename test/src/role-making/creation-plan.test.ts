// The calls that make a role, in order, each with its line for the confirmation page.
import { describe, expect, it } from 'vitest';
import { creationPlan } from '../../../src/role-making/creation-plan';
import { emptyRoleSpec } from '../../../src/role-making/role-spec';

const TRUST =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}';

describe('the creation plan', () => {
  it('puts everything CreateRole can carry in one call, then each attach, then the inline policy', () => {
    const plan = creationPlan(
      '222222222222',
      {
        ...emptyRoleSpec(),
        name: 'Deployer',
        path: '/ci/',
        description: 'Deploys the service',
        maxSession: '90m',
        tags: [
          { key: 'team', value: 'platform' },
          { key: 'env', value: 'prod' },
        ],
        managedPolicies: [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        ],
        inlinePolicy:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
        permissionsBoundary: 'arn:aws:iam::222222222222:policy/boundary',
      },
      TRUST,
    );
    expect(plan.roleArn).toBe('arn:aws:iam::222222222222:role/ci/Deployer');
    expect(plan.calls.map((c) => c.change)).toEqual([
      {
        action: 'CreateRole',
        roleName: 'Deployer',
        trustPolicy: TRUST,
        path: '/ci/',
        description: 'Deploys the service',
        maxSessionSeconds: 5400,
        tags: [
          { key: 'team', value: 'platform' },
          { key: 'env', value: 'prod' },
        ],
        permissionsBoundary: 'arn:aws:iam::222222222222:policy/boundary',
      },
      {
        action: 'AttachRolePolicy',
        roleName: 'Deployer',
        policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      },
      {
        action: 'AttachRolePolicy',
        roleName: 'Deployer',
        policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      },
      {
        action: 'PutRolePolicy',
        roleName: 'Deployer',
        // An inline policy without a name of its own takes the role's.
        policyName: 'Deployer',
        document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      },
    ]);
    expect(plan.calls.map((c) => c.summary)).toEqual([
      'CreateRole Deployer in 222222222222 with the trust policy (path /ci/, max session 1h 30m, a description, 2 tags, boundary boundary)',
      'AttachRolePolicy ReadOnlyAccess (arn:aws:iam::aws:policy/ReadOnlyAccess)',
      'AttachRolePolicy AWSLambdaBasicExecutionRole (arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole)',
      'PutRolePolicy Deployer (the inline policy, 1 statement)',
    ]);
  });

  it('leaves IAM’s defaults to IAM: one CreateRole with only the name and the trust policy', () => {
    const plan = creationPlan('222222222222', { ...emptyRoleSpec(), name: 'Plain' }, TRUST);
    expect(plan.roleArn).toBe('arn:aws:iam::222222222222:role/Plain');
    expect(plan.calls).toEqual([
      {
        change: { action: 'CreateRole', roleName: 'Plain', trustPolicy: TRUST },
        summary: 'CreateRole Plain in 222222222222 with the trust policy (max session 1h (IAM’s default))',
      },
    ]);
  });
});
