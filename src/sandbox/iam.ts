// IAM (2010-05-08), the actions a role browser reads with. Each is authorized against the
// caller's identity policies, as IAM does.

import { type ActionHandler, authorizeIam, namedRole, namedUser } from './action';
import { noSuchEntity, validationError } from './aws-error';
import { awsManagedPolicies } from './aws-managed-policies';
import type { ManagedPolicy, Role } from './model';
import { effectiveTrustPolicy } from './trusted-principals';
import { checkNumber, integer, required } from './validate';
import type { World } from './world';
import type { XmlObject } from './xml';

/** IAM lists by name, ignoring case. One collator: building one per comparison costs ~30 ms a page. */
const BY_NAME = new Intl.Collator('en', { sensitivity: 'base' });

/** IAM pages with Marker and MaxItems (1-1000, default 100); the marker here is the next index. */
export function page<T>(
  items: readonly T[],
  params: Record<string, string>,
): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const max = integer('maxItems', params.MaxItems) ?? 100;
  checkNumber('maxItems', max, 1, 1000);
  let start = 0;
  if (params.Marker !== undefined) {
    start = Number.parseInt(Buffer.from(params.Marker, 'base64').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0) throw validationError('Invalid Marker.');
  }
  const slice = items.slice(start, start + max);
  const next = start + slice.length;
  return next < items.length
    ? { items: slice, IsTruncated: true, Marker: Buffer.from(String(next)).toString('base64') }
    : { items: slice, IsTruncated: false };
}

export function roleXml(role: Role, full: boolean, world: World): XmlObject {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: role.created,
    // IAM returns policy documents URL-encoded (RFC 3986).
    AssumeRolePolicyDocument: encodeURIComponent(effectiveTrustPolicy(role, world)),
    Description: role.description,
    MaxSessionDuration: role.maxSessionSeconds,
    ...(full
      ? {
          PermissionsBoundary: role.permissionsBoundary
            ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: role.permissionsBoundary }
            : undefined,
          Tags: role.tags.length ? role.tags.map((t) => ({ ...t })) : undefined,
          RoleLastUsed: role.lastUsed
            ? { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region }
            : {},
        }
      : {}),
  };
}

/** How many roles, users and groups have the policy attached, and how many roles it bounds. */
function usageOf(arn: string, world: World): { attached: number; bounding: number } {
  let attached = 0;
  let bounding = 0;
  for (const account of world.accounts.values()) {
    for (const role of account.roles.values()) {
      if (role.attachedPolicies.includes(arn)) attached++;
      if (role.permissionsBoundary === arn) bounding++;
    }
    for (const user of account.users.values()) if (user.attachedPolicies.includes(arn)) attached++;
    for (const group of account.groups.values()) if (group.attachedPolicies.includes(arn)) attached++;
  }
  return { attached, bounding };
}

/**
 * A policy as GetPolicy, CreatePolicy and ListPolicies give it. Only GetPolicy includes the
 * Description: IAM's Policy data type says it "is not included in the response to the
 * ListPolicies operation".
 */
export function policyXml(policy: ManagedPolicy, world: World, withDescription: boolean): XmlObject {
  const usage = usageOf(policy.arn, world);
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: 'v1',
    AttachmentCount: usage.attached,
    PermissionsBoundaryUsageCount: usage.bounding,
    IsAttachable: true,
    Description: withDescription ? policy.description : undefined,
    CreateDate: policy.created,
    UpdateDate: policy.created,
  };
}

const SCOPES = ['All', 'AWS', 'Local'];

export const IAM_ACTIONS: Record<string, ActionHandler> = {
  async GetUser(input) {
    const user = namedUser(input, input.params.Action ?? '', { defaultToCaller: true });
    return {
      User: {
        Path: user.path,
        UserName: user.name,
        UserId: user.id,
        Arn: user.arn,
        CreateDate: user.created,
      },
    };
  },

  async ListRoles(input) {
    const prefix = input.params.PathPrefix ?? '/';
    authorizeIam(input, 'ListRoles', `arn:aws:iam::${input.caller.account}:role${prefix}*`);
    const roles = [...input.world.account(input.caller.account).roles.values()]
      .filter((r) => r.path.startsWith(prefix))
      .sort((a, b) => BY_NAME.compare(a.name, b.name));
    const { items, ...paging } = page(roles, input.params);
    return { Roles: items.map((r) => roleXml(r, false, input.world)), ...paging };
  },

  async ListPolicies(input) {
    const { params, world, caller } = input;
    const scope = params.Scope ?? 'All';
    if (!SCOPES.includes(scope)) {
      throw validationError(
        `1 validation error detected: Value '${scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]`,
      );
    }
    const prefix = params.PathPrefix ?? '/';
    const onlyAttached = params.OnlyAttached === 'true';
    // ListPolicies has no resource in IAM's service authorization reference: "*".
    authorizeIam(input, 'ListPolicies', '*');
    const policies = [
      ...(scope === 'Local' ? [] : awsManagedPolicies()),
      ...(scope === 'AWS' ? [] : world.account(caller.account).policies.values()),
    ]
      .filter((p) => p.path.startsWith(prefix))
      .filter((p) => !onlyAttached || usageOf(p.arn, world).attached > 0)
      .sort((a, b) => BY_NAME.compare(a.name, b.name));
    const { items, ...paging } = page(policies, params);
    return { Policies: items.map((p) => policyXml(p, world, false)), ...paging };
  },

  async GetRole(input) {
    return { Role: roleXml(namedRole(input, input.params.Action ?? ''), true, input.world) };
  },

  async ListRoleTags(input) {
    const role = namedRole(input, input.params.Action ?? '');
    const { items, ...paging } = page(
      [...role.tags].sort((a, b) => a.Key.localeCompare(b.Key)),
      input.params,
    );
    return { Tags: items.map((t) => ({ ...t })), ...paging };
  },

  async ListAttachedRolePolicies(input) {
    const role = namedRole(input, input.params.Action ?? '');
    const attached = role.attachedPolicies.map((arn) => ({
      PolicyName: arn.split('/').at(-1),
      PolicyArn: arn,
    }));
    const { items, ...paging } = page(attached, input.params);
    return { AttachedPolicies: items, ...paging };
  },

  async ListRolePolicies(input) {
    const role = namedRole(input, input.params.Action ?? '');
    const { items, ...paging } = page([...role.inlinePolicies.keys()].sort(), input.params);
    return { PolicyNames: items, ...paging };
  },

  async GetRolePolicy(input) {
    const role = namedRole(input, input.params.Action ?? '');
    const name = required('policyName', input.params.PolicyName);
    const document = role.inlinePolicies.get(name);
    if (document === undefined) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
    return { RoleName: role.name, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
  },

  async ListMFADevices(input) {
    const user = namedUser(input, input.params.Action ?? '', { defaultToCaller: true });
    const devices = [...input.world.account(user.account).mfaDevices.values()].filter(
      (d) => d.user?.toLowerCase() === user.name.toLowerCase() && d.enabled,
    );
    const { items, ...paging } = page(devices, input.params);
    return {
      MFADevices: items.map((d) => ({ UserName: user.name, SerialNumber: d.serial, EnableDate: d.enabled })),
      ...paging,
    };
  },

  async ListAccountAliases(input) {
    authorizeIam(input, 'ListAccountAliases', '*');
    const alias = input.world.account(input.caller.account).alias;
    return { AccountAliases: alias ? [alias] : [], IsTruncated: false };
  },
};
