// The IAM calls that make and unmake a role, one at a time, as the AWS docs make one by hand:
// CreateRole (with its trust policy, path, description, maximum session, tags and permissions
// boundary in the one call), AttachRolePolicy, PutRolePolicy; and their undoing, DetachRolePolicy,
// DeleteRolePolicy, DeleteRole. Also changing who may assume a role (UpdateAssumeRolePolicy). The
// trusted account's side (its identity policy, Put{User,Group,Role}Policy) is src/trusted-side/.
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  type IAMClient,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';

export type RoleChange =
  | {
      action: 'CreateRole';
      roleName: string;
      trustPolicy: string;
      path?: string;
      description?: string;
      maxSessionSeconds?: number;
      tags?: ReadonlyArray<{ key: string; value: string }>;
      permissionsBoundary?: string;
    }
  | { action: 'AttachRolePolicy'; roleName: string; policyArn: string }
  | { action: 'PutRolePolicy'; roleName: string; policyName: string; document: string }
  | { action: 'DeleteRole'; roleName: string }
  | { action: 'DetachRolePolicy'; roleName: string; policyArn: string }
  | { action: 'DeleteRolePolicy'; roleName: string; policyName: string };

/** Sends one change; CreateRole answers with the role's ARN as IAM made it. */
export async function sendRoleChange(iam: IAMClient, change: RoleChange): Promise<{ roleArn?: string }> {
  switch (change.action) {
    case 'CreateRole': {
      const created = await iam.send(
        new CreateRoleCommand({
          RoleName: change.roleName,
          AssumeRolePolicyDocument: change.trustPolicy,
          ...(change.path ? { Path: change.path } : {}),
          ...(change.description ? { Description: change.description } : {}),
          ...(change.maxSessionSeconds ? { MaxSessionDuration: change.maxSessionSeconds } : {}),
          ...(change.tags?.length ? { Tags: change.tags.map((t) => ({ Key: t.key, Value: t.value })) } : {}),
          ...(change.permissionsBoundary ? { PermissionsBoundary: change.permissionsBoundary } : {}),
        }),
      );
      return created.Role?.Arn ? { roleArn: created.Role.Arn } : {};
    }
    case 'AttachRolePolicy':
      await iam.send(new AttachRolePolicyCommand({ RoleName: change.roleName, PolicyArn: change.policyArn }));
      return {};
    case 'PutRolePolicy':
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: change.roleName,
          PolicyName: change.policyName,
          PolicyDocument: change.document,
        }),
      );
      return {};
    case 'DeleteRole':
      await iam.send(new DeleteRoleCommand({ RoleName: change.roleName }));
      return {};
    case 'DetachRolePolicy':
      await iam.send(new DetachRolePolicyCommand({ RoleName: change.roleName, PolicyArn: change.policyArn }));
      return {};
    case 'DeleteRolePolicy':
      await iam.send(
        new DeleteRolePolicyCommand({ RoleName: change.roleName, PolicyName: change.policyName }),
      );
      return {};
  }
}

/** The change that removes exactly what `change` made; undefined for one that makes nothing. */
export function undoOf(change: RoleChange): RoleChange | undefined {
  switch (change.action) {
    case 'CreateRole':
      return { action: 'DeleteRole', roleName: change.roleName };
    case 'AttachRolePolicy':
      return { action: 'DetachRolePolicy', roleName: change.roleName, policyArn: change.policyArn };
    case 'PutRolePolicy':
      return { action: 'DeleteRolePolicy', roleName: change.roleName, policyName: change.policyName };
    default:
      return undefined;
  }
}

export async function updateTrustPolicy(
  iam: IAMClient,
  roleName: string,
  trustPolicy: string,
): Promise<void> {
  await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: trustPolicy }));
}
