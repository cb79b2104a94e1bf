// Creating a role the way the AWS docs do it by hand (CreateRole, then AttachRolePolicy or
// PutRolePolicy, then PutRolePermissionsBoundary), changing who may assume it, and granting a
// user in the source account sts:AssumeRole on it: what the trust-policy builder will call.
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  type IAMClient,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';

export interface NewRole {
  name: string;
  path?: string;
  trustPolicy: string;
  description?: string;
  maxSessionSeconds?: number;
  tags?: Array<{ key: string; value: string }>;
  managedPolicies?: string[];
  inlinePolicies?: Array<{ name: string; document: string }>;
  permissionsBoundary?: string;
}

/** Creates the role, then attaches, puts and bounds, in the order the console does; returns its ARN. */
export async function createRole(iam: IAMClient, role: NewRole): Promise<string> {
  const created = await iam.send(
    new CreateRoleCommand({
      RoleName: role.name,
      AssumeRolePolicyDocument: role.trustPolicy,
      ...(role.path ? { Path: role.path } : {}),
      ...(role.description ? { Description: role.description } : {}),
      ...(role.maxSessionSeconds ? { MaxSessionDuration: role.maxSessionSeconds } : {}),
      ...(role.tags?.length ? { Tags: role.tags.map((t) => ({ Key: t.key, Value: t.value })) } : {}),
    }),
  );
  for (const arn of role.managedPolicies ?? []) {
    await iam.send(new AttachRolePolicyCommand({ RoleName: role.name, PolicyArn: arn }));
  }
  for (const policy of role.inlinePolicies ?? []) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: role.name,
        PolicyName: policy.name,
        PolicyDocument: policy.document,
      }),
    );
  }
  if (role.permissionsBoundary) {
    await iam.send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: role.name,
        PermissionsBoundary: role.permissionsBoundary,
      }),
    );
  }
  return created.Role?.Arn ?? '';
}

export async function updateTrustPolicy(
  iam: IAMClient,
  roleName: string,
  trustPolicy: string,
): Promise<void> {
  await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: trustPolicy }));
}

/** The source account's side of a cross-account role: the identity policy a user needs to assume it. */
export function assumeRolePolicy(roleArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }],
  });
}

/** Lets a user in the source account assume the role (an inline policy on the user). */
export async function grantAssumeRole(
  iam: IAMClient,
  userName: string,
  roleArn: string,
  policyName?: string,
): Promise<void> {
  const name = policyName ?? `assume-${roleArn.split('/').at(-1)}`.slice(0, 128);
  await iam.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: name,
      PolicyDocument: assumeRolePolicy(roleArn),
    }),
  );
}
