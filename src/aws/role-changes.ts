// The IAM calls that make and unmake a role, one at a time, as the AWS docs make one by hand:
// CreateRole (with its trust policy, path, description, maximum session, tags and permissions
// boundary in the one call), AttachRolePolicy, PutRolePolicy; and their undoing, DetachRolePolicy,
// DeleteRolePolicy, DeleteRole. Also changing who may assume a role (UpdateAssumeRolePolicy). The
// trusted account's side (its identity policy, Put{User,Group,Role}Policy) is src/trusted-side/.
import { isDeepStrictEqual } from 'node:util';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
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

/** Refused because the role's trust policy in IAM is no longer the one the change was made against. */
export class TrustPolicyChanged extends Error {
  override readonly name = 'TrustPolicyChanged';
  constructor(roleName: string) {
    super(`${roleName}’s trust policy changed since you opened it; read it again.`);
  }
}

/**
 * Replaces the role's trust policy. With `expected` (the document the change was made against),
 * it reads the role just before and refuses with TrustPolicyChanged when IAM's document differs
 * as JSON, so a change made meanwhile (console, another person) is not overwritten blindly. IAM
 * has no conditional update, so a change in the moment between the two calls still wins.
 */
export async function updateTrustPolicy(
  iam: IAMClient,
  roleName: string,
  trustPolicy: string,
  options: { expected?: string } = {},
): Promise<void> {
  if (options.expected !== undefined) {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    if (!sameDocument(decodeDocument(Role?.AssumeRolePolicyDocument ?? ''), options.expected)) {
      throw new TrustPolicyChanged(roleName);
    }
  }
  await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: trustPolicy }));
}

/**
 * Whether the role named holds this trust policy now: true, false (it exists with another one),
 * or undefined when there is no such role. Undo asks it of a role whose creation may or may not
 * have happened, so as never to delete a role of that name that someone else made.
 */
export async function roleHoldsTrustPolicy(
  iam: IAMClient,
  roleName: string,
  trustPolicy: string,
): Promise<boolean | undefined> {
  try {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    return sameDocument(decodeDocument(Role?.AssumeRolePolicyDocument ?? ''), trustPolicy);
  } catch (error) {
    const name = (error as { name?: string } | undefined)?.name;
    if (name === 'NoSuchEntity' || name === 'NoSuchEntityException') return undefined;
    throw error;
  }
}

/** IAM's documents are URL-encoded (RFC 3986); JS v3 leaves them so. */
function decodeDocument(document: string): string {
  try {
    return decodeURIComponent(document);
  } catch {
    return document;
  }
}

/** Equal as JSON (IAM re-spaces and may reorder keys as it stores a document); as text if either is not JSON. */
function sameDocument(a: string, b: string): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
  } catch {
    return a === b;
  }
}
