// The IAM calls that put the identity policy on the trusted side, and take it off again: an
// inline policy on a user, a group or a role (Put{User,Group,Role}Policy create or replace it;
// Delete… removes it), and the reads that find where it can go (ListGroupsForUser, the inline
// policy already there by that name). Loaded only when the trusted side is used.
import {
  DeleteGroupPolicyCommand,
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  GetGroupPolicyCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  type IAMClient,
  ListGroupsForUserCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';

export type HolderKind = 'user' | 'group' | 'role';

export interface PolicyHolder {
  kind: HolderKind;
  name: string;
}

/** The call's name as IAM's API (and CloudTrail) names it. */
export function putActionOf(kind: HolderKind): string {
  return kind === 'user' ? 'PutUserPolicy' : kind === 'group' ? 'PutGroupPolicy' : 'PutRolePolicy';
}

/** Puts it on. Takes no abort signal on purpose: a write cut off has an unknown outcome. */
export async function putInlinePolicy(
  iam: IAMClient,
  holder: PolicyHolder,
  policyName: string,
  document: string,
): Promise<void> {
  const common = { PolicyName: policyName, PolicyDocument: document };
  if (holder.kind === 'user') await iam.send(new PutUserPolicyCommand({ UserName: holder.name, ...common }));
  else if (holder.kind === 'group')
    await iam.send(new PutGroupPolicyCommand({ GroupName: holder.name, ...common }));
  else await iam.send(new PutRolePolicyCommand({ RoleName: holder.name, ...common }));
}

export async function deleteInlinePolicy(
  iam: IAMClient,
  holder: PolicyHolder,
  policyName: string,
): Promise<void> {
  if (holder.kind === 'user')
    await iam.send(new DeleteUserPolicyCommand({ UserName: holder.name, PolicyName: policyName }));
  else if (holder.kind === 'group')
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: holder.name, PolicyName: policyName }));
  else await iam.send(new DeleteRolePolicyCommand({ RoleName: holder.name, PolicyName: policyName }));
}

/** The inline policy of that name the holder has now (decoded), or undefined when it has none. */
export async function inlinePolicyOf(
  iam: IAMClient,
  holder: PolicyHolder,
  policyName: string,
): Promise<string | undefined> {
  try {
    const out =
      holder.kind === 'user'
        ? await iam.send(new GetUserPolicyCommand({ UserName: holder.name, PolicyName: policyName }))
        : holder.kind === 'group'
          ? await iam.send(new GetGroupPolicyCommand({ GroupName: holder.name, PolicyName: policyName }))
          : await iam.send(new GetRolePolicyCommand({ RoleName: holder.name, PolicyName: policyName }));
    // IAM returns policy documents URL-encoded (aws-reference.md section 3).
    return decodeURIComponent(out.PolicyDocument ?? '');
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchEntity' || name === 'NoSuchEntityException') return undefined;
    throw error;
  }
}

/** The groups the user is in, every page of them. */
export async function groupsOfUser(
  iam: IAMClient,
  userName: string,
): Promise<Array<{ name: string; arn: string }>> {
  const groups: Array<{ name: string; arn: string }> = [];
  let marker: string | undefined;
  // IAM may return fewer than MaxItems with more to come: loop on IsTruncated, bounded.
  for (let pages = 0; pages < 100; pages++) {
    const out = await iam.send(
      new ListGroupsForUserCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) }),
    );
    for (const g of out.Groups ?? []) groups.push({ name: g.GroupName ?? '', arn: g.Arn ?? '' });
    if (!out.IsTruncated || !out.Marker) break;
    marker = out.Marker;
  }
  return groups;
}
