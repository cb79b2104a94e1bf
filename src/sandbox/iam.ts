// IAM (2010-05-08), the actions a role browser reads with. Each is authorized against the
// caller's identity policies, as IAM does.

import { requireAllowed } from './authorize';
import { noSuchEntity, validationError } from './aws-error';
import { callerContext } from './caller';
import type { Role, User } from './model';
import type { ActionInput } from './sts';
import { effectiveTrustPolicy } from './trusted-principals';
import { checkNumber, integer, required } from './validate';
import type { World } from './world';
import type { XmlObject } from './xml';

type Handler = (input: ActionInput) => Promise<XmlObject | undefined>;

/** IAM lists by name, ignoring case. One collator: building one per comparison costs ~30 ms a page. */
const BY_NAME = new Intl.Collator('en', { sensitivity: 'base' });

/** Authorizes `iam:<action>` on `resource` for the caller, or throws AccessDenied. */
function authorize({ caller, world }: ActionInput, action: string, resource: string): void {
  requireAllowed(caller, `iam:${action}`, resource, callerContext(caller, world.clock.now()));
}

function roleNamed(input: ActionInput): Role {
  const name = required('roleName', input.params.RoleName);
  const role = input.world.role(input.caller.account, name);
  authorize(
    input,
    input.params.Action ?? '',
    role?.arn ?? `arn:aws:iam::${input.caller.account}:role/${name}`,
  );
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

/** The user named, or (no UserName) the caller, who must then be a user. */
function userNamed(input: ActionInput): User {
  const { caller, world, params } = input;
  let name = params.UserName;
  if (name === undefined) {
    if (caller.identity.kind === 'role-session') {
      throw validationError('Must specify userName when calling with non-User credentials');
    }
    name = caller.identity.user;
  }
  const user = world.user(caller.account, name);
  authorize(input, params.Action ?? '', user?.arn ?? `arn:aws:iam::${caller.account}:user/${name}`);
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

/** IAM pages with Marker and MaxItems (1-1000, default 100); the marker here is the next index. */
function page<T>(
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

export const IAM_ACTIONS: Record<string, Handler> = {
  async GetUser(input) {
    const user = userNamed(input);
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
    authorize(input, 'ListRoles', `arn:aws:iam::${input.caller.account}:role${prefix}*`);
    const roles = [...input.world.account(input.caller.account).roles.values()]
      .filter((r) => r.path.startsWith(prefix))
      .sort((a, b) => BY_NAME.compare(a.name, b.name));
    const { items, ...paging } = page(roles, input.params);
    return { Roles: items.map((r) => roleXml(r, false, input.world)), ...paging };
  },

  async GetRole(input) {
    return { Role: roleXml(roleNamed(input), true, input.world) };
  },

  async ListRoleTags(input) {
    const role = roleNamed(input);
    const { items, ...paging } = page(
      [...role.tags].sort((a, b) => a.Key.localeCompare(b.Key)),
      input.params,
    );
    return { Tags: items.map((t) => ({ ...t })), ...paging };
  },

  async ListAttachedRolePolicies(input) {
    const role = roleNamed(input);
    const attached = role.attachedPolicies.map((arn) => ({
      PolicyName: arn.split('/').at(-1),
      PolicyArn: arn,
    }));
    const { items, ...paging } = page(attached, input.params);
    return { AttachedPolicies: items, ...paging };
  },

  async ListRolePolicies(input) {
    const role = roleNamed(input);
    const { items, ...paging } = page([...role.inlinePolicies.keys()].sort(), input.params);
    return { PolicyNames: items, ...paging };
  },

  async GetRolePolicy(input) {
    const role = roleNamed(input);
    const name = required('policyName', input.params.PolicyName);
    const document = role.inlinePolicies.get(name);
    if (document === undefined) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
    return { RoleName: role.name, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
  },

  async ListMFADevices(input) {
    const user = userNamed(input);
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
    authorize(input, 'ListAccountAliases', '*');
    const alias = input.world.account(input.caller.account).alias;
    return { AccountAliases: alias ? [alias] : [], IsTruncated: false };
  },
};
