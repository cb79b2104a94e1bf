// IAM (2010-05-08), the actions that grant a user what a trust policy admits it to: an inline
// policy on a group (PutGroupPolicy), the groups a user is in (ListGroupsForUser, ListGroups),
// and taking an inline policy away again (DeleteUserPolicy, DeleteGroupPolicy), as undo does.
// Authorized first, as IAM checks permission before it looks the entity up.
import { createHash } from 'node:crypto';
import { type ActionHandler, type ActionInput, authorizeIam, namedUser } from './action';
import { noSuchEntity } from './aws-error';
import { page } from './iam';
import type { Group } from './model';
import { checkIdentityPolicy } from './policy-checks';
import { checkString, required } from './validate';
import type { XmlObject } from './xml';

const NAME = { regex: /^[\w+=,.@-]+$/, shown: '[\\w+=,.@-]+' };

/** The group GroupName names, once the caller may do `action` on it. */
function namedGroup(input: ActionInput, action: string): Group {
  const name = required('groupName', input.params.GroupName);
  checkString('groupName', name, { min: 1, max: 128, pattern: NAME });
  const group = input.world.account(input.caller.account).groups.get(name.toLowerCase());
  authorizeIam(input, action, group?.arn ?? `arn:aws:iam::${input.caller.account}:group/${name}`);
  if (!group) throw noSuchEntity(`The group with name ${name} cannot be found.`);
  return group;
}

/** AGPA…, IAM's group IDs: the sandbox's model keeps none, so one is made from the ARN, stable. */
function groupId(group: Group): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = createHash('sha256').update(group.arn).digest();
  return `AGPA${[...bytes.subarray(0, 17)].map((b) => alphabet[b % 32]).join('')}`;
}

function groupXml(group: Group): XmlObject {
  const path = /:group(\/.*\/)?[^/]+$/.exec(group.arn)?.[1] ?? '/';
  return {
    Path: path,
    GroupName: group.name,
    GroupId: groupId(group),
    Arn: group.arn,
    CreateDate: new Date(0),
  };
}

function deleteInline(
  holder: { inlinePolicies: Map<string, string> },
  params: Record<string, string>,
  kind: string,
) {
  const name = required('policyName', params.PolicyName);
  checkString('policyName', name, { min: 1, max: 128, pattern: NAME });
  if (!holder.inlinePolicies.delete(name))
    throw noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
}

export const IAM_GRANT_ACTIONS: Record<string, ActionHandler> = {
  async PutGroupPolicy(input) {
    const group = namedGroup(input, 'PutGroupPolicy');
    const name = required('policyName', input.params.PolicyName);
    checkString('policyName', name, { min: 1, max: 128, pattern: NAME });
    const document = required('policyDocument', input.params.PolicyDocument);
    checkIdentityPolicy(document);
    group.inlinePolicies.set(name, document);
    return undefined;
  },

  async GetGroupPolicy(input) {
    const group = namedGroup(input, 'GetGroupPolicy');
    const name = required('policyName', input.params.PolicyName);
    const document = group.inlinePolicies.get(name);
    if (document === undefined) throw noSuchEntity(`The group policy with name ${name} cannot be found.`);
    return { GroupName: group.name, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
  },

  async GetUserPolicy(input) {
    const user = namedUser(input, 'GetUserPolicy');
    const name = required('policyName', input.params.PolicyName);
    const document = user.inlinePolicies.get(name);
    if (document === undefined) throw noSuchEntity(`The user policy with name ${name} cannot be found.`);
    return { UserName: user.name, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
  },

  async DeleteGroupPolicy(input) {
    deleteInline(namedGroup(input, 'DeleteGroupPolicy'), input.params, 'group');
    return undefined;
  },

  async DeleteUserPolicy(input) {
    deleteInline(namedUser(input, 'DeleteUserPolicy'), input.params, 'user');
    return undefined;
  },

  async ListGroupsForUser(input) {
    const user = namedUser(input, 'ListGroupsForUser');
    const groups = input.world.account(user.account).groups;
    const mine = user.groups.flatMap((name) => groups.get(name.toLowerCase()) ?? []);
    const { items, ...paging } = page(mine, input.params);
    return { Groups: items.map(groupXml), ...paging };
  },

  async ListGroups(input) {
    const prefix = input.params.PathPrefix ?? '/';
    authorizeIam(input, 'ListGroups', `arn:aws:iam::${input.caller.account}:group${prefix}*`);
    const groups = [...input.world.account(input.caller.account).groups.values()]
      .map(groupXml)
      .filter((g) => String(g.Path).startsWith(prefix))
      .sort((a, b) => String(a.GroupName).localeCompare(String(b.GroupName)));
    const { items, ...paging } = page(groups, input.params);
    return { Groups: items, ...paging };
  },
};
