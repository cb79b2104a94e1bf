// Role ARNs as IAM makes them, and read back: the one helper the plan, the simulator and the
// trusted side build them with, so a path or partition is never written two ways.
import { describe, expect, it } from 'vitest';
import { accountOf, ROLE_ARN, roleArn, roleNameOf } from '../../../src/aws-shapes/arn';

describe('role ARNs', () => {
  it('builds them as IAM does, with the path between slashes and the partition given', () => {
    expect(roleArn('333333333333', '/', 'Deployer')).toBe('arn:aws:iam::333333333333:role/Deployer');
    expect(roleArn('333333333333', '/ci/', 'Deployer')).toBe('arn:aws:iam::333333333333:role/ci/Deployer');
    expect(roleArn('333333333333', 'ci/deploy', 'Deployer')).toBe(
      'arn:aws:iam::333333333333:role/ci/deploy/Deployer',
    );
    expect(roleArn('333333333333', '', 'Deployer', 'aws-cn')).toBe(
      'arn:aws-cn:iam::333333333333:role/Deployer',
    );
    expect(roleArn('333333333333', '/a/', 'B', 'aws-us-gov')).toMatch(ROLE_ARN);
  });

  it('reads the account and the name back, the path dropped', () => {
    const arn = roleArn('333333333333', '/ci/', 'Deployer', 'aws-us-gov');
    expect(accountOf(arn)).toBe('333333333333');
    expect(roleNameOf(arn)).toBe('Deployer');
    expect(roleNameOf('arn:aws:iam::333333333333:user/alice')).toBeUndefined();
  });
});
