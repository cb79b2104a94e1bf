// What every IAM and STS action gets, and the lookups IAM actions share: the named role or
// user, authorized for the action before it is found, as IAM checks permission first.
import { requireAllowed } from './authorize';
import { noSuchEntity, validationError } from './aws-error';
import { type Caller, callerContext } from './caller';
import type { Role, User } from './model';
import { required } from './validate';
import type { World } from './world';
import type { XmlObject } from './xml';

export interface ActionInput {
  params: Record<string, string>;
  caller: Caller;
  world: World;
  /** The region the request was signed for. */
  region: string;
}

export type ActionHandler = (input: ActionInput) => Promise<XmlObject | undefined>;

/** Authorizes `iam:<action>` on `resource` for the caller, or throws AccessDenied. */
export function authorizeIam({ caller, world }: ActionInput, action: string, resource: string): void {
  requireAllowed(caller, `iam:${action}`, resource, callerContext(caller, world.clock.now()));
}

/** The role RoleName names, once the caller may do `action` on it. */
export function namedRole(input: ActionInput, action: string): Role {
  const name = required('roleName', input.params.RoleName);
  const role = input.world.role(input.caller.account, name);
  authorizeIam(input, action, role?.arn ?? `arn:aws:iam::${input.caller.account}:role/${name}`);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

/**
 * The user UserName names, once the caller may do `action` on it. Some actions (GetUser,
 * ListMFADevices) default to the calling user, which a role session is not.
 */
export function namedUser(
  input: ActionInput,
  action: string,
  options: { defaultToCaller?: boolean } = {},
): User {
  const { caller, world, params } = input;
  let name = params.UserName;
  if (name === undefined && options.defaultToCaller) {
    if (caller.identity.kind === 'role-session') {
      throw validationError('Must specify userName when calling with non-User credentials');
    }
    name = caller.identity.user;
  }
  name = required('userName', name);
  const user = world.user(caller.account, name);
  authorizeIam(input, action, user?.arn ?? `arn:aws:iam::${caller.account}:user/${name}`);
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}
