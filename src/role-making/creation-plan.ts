// The calls that make a role from its spec, in the order they run: CreateRole with everything it
// can carry (the trust policy, path, description, maximum session, tags and the permissions
// boundary: one call, so a role never exists without its boundary), then each AttachRolePolicy,
// then PutRolePolicy. Each with a line for the confirmation page. The spec is taken as checked
// (roleSpecProblems): what is empty is left out, as IAM's defaults apply.
import type { RoleChange } from '../aws/role-changes';
import { roleArn } from '../aws-shapes/arn';
import { formatDuration, parseDuration } from '../duration';
import type { RoleSpec } from './role-spec';

export interface PlannedCall {
  change: RoleChange;
  /** One line for a person: "CreateRole Deployer in 222222222222 (path /ci/, max session 4h, 2 tags)". */
  summary: string;
}

export interface CreationPlan {
  account: string;
  roleName: string;
  /** The ARN the role will have. */
  roleArn: string;
  calls: PlannedCall[];
}

export function creationPlan(account: string, spec: RoleSpec, trustPolicy: string): CreationPlan {
  const roleName = spec.name.trim();
  const path = spec.path.trim() || '/';
  const maxSessionSeconds = spec.maxSession.trim() ? parseDuration(spec.maxSession) : undefined;
  const description = spec.description;
  const tags = spec.tags.map((t) => ({ key: t.key, value: t.value }));
  const boundary = spec.permissionsBoundary.trim();
  const create: RoleChange = {
    action: 'CreateRole',
    roleName,
    trustPolicy,
    ...(path !== '/' ? { path } : {}),
    ...(description ? { description } : {}),
    ...(maxSessionSeconds !== undefined ? { maxSessionSeconds } : {}),
    ...(tags.length ? { tags } : {}),
    ...(boundary ? { permissionsBoundary: boundary } : {}),
  };
  const details = [
    path !== '/' ? `path ${path}` : '',
    `max session ${maxSessionSeconds !== undefined ? formatDuration(maxSessionSeconds) : '1h (IAM’s default)'}`,
    description ? 'a description' : '',
    tags.length ? plural(tags.length, 'tag') : '',
    boundary ? `boundary ${policyName(boundary)}` : '',
  ].filter(Boolean);
  const calls: PlannedCall[] = [
    {
      change: create,
      summary: `CreateRole ${roleName} in ${account} with the trust policy (${details.join(', ')})`,
    },
  ];
  for (const policyArn of spec.managedPolicies) {
    calls.push({
      change: { action: 'AttachRolePolicy', roleName, policyArn },
      summary: `AttachRolePolicy ${policyName(policyArn)} (${policyArn})`,
    });
  }
  if (spec.inlinePolicy.trim()) {
    const name = spec.inlinePolicyName.trim() || roleName;
    calls.push({
      change: { action: 'PutRolePolicy', roleName, policyName: name, document: spec.inlinePolicy },
      summary: `PutRolePolicy ${name} (the inline policy, ${plural(statementCount(spec.inlinePolicy), 'statement')})`,
    });
  }
  return { account, roleName, roleArn: roleArn(account, path, roleName), calls };
}

/** What a change made or would remove, for "What exists now" and the undo's lines. */
export function changeSummary(change: RoleChange): string {
  switch (change.action) {
    case 'CreateRole':
      return `the role ${change.roleName}`;
    case 'DeleteRole':
      return `DeleteRole ${change.roleName}`;
    case 'AttachRolePolicy':
      return `${policyName(change.policyArn)} attached to it`;
    case 'DetachRolePolicy':
      return `DetachRolePolicy ${policyName(change.policyArn)}`;
    case 'PutRolePolicy':
      return `its inline policy ${change.policyName}`;
    case 'DeleteRolePolicy':
      return `DeleteRolePolicy ${change.policyName}`;
  }
}

function policyName(arn: string): string {
  return arn.split('/').at(-1) ?? arn;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function statementCount(text: string): number {
  try {
    const statement = (JSON.parse(text) as { Statement?: unknown }).Statement;
    return Array.isArray(statement) ? statement.length : 1;
  } catch {
    return 0;
  }
}
