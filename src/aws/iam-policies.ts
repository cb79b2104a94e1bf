// The managed policies IAM lists in an account (ListPolicies, Scope=All: AWS's own and the
// account's), for the builder's permissions picker. IAM leaves each policy's description out of
// this list (its Policy data type: "not included in the response to the ListPolicies operation").
import { type IAMClient, ListPoliciesCommand, type Policy } from '@aws-sdk/client-iam';

export interface ListedPolicy {
  name: string;
  arn: string;
  path: string;
  description?: string;
  /** AWS's own ("arn:aws:iam::aws:policy/…"), rather than the account's. */
  awsManaged: boolean;
}

/** AWS keeps about 1,300 managed policies; 20 pages of 1,000 leave room for an account's own. */
export const MAX_POLICY_PAGES = 20;

/**
 * Every managed policy, page by page (Marker / IsTruncated); `signal` stops it between pages.
 * At most `maxPages` pages: past them, the list so far, marked as cut short.
 */
export async function listManagedPolicies(
  iam: IAMClient,
  options: { signal?: AbortSignal; maxPages?: number; pageSize?: number } = {},
): Promise<{ policies: ListedPolicy[]; complete: boolean }> {
  const maxPages = options.maxPages ?? MAX_POLICY_PAGES;
  const policies: ListedPolicy[] = [];
  let marker: string | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    if (options.signal?.aborted) throw options.signal.reason ?? new DOMException('Stopped', 'AbortError');
    const page = await iam.send(
      new ListPoliciesCommand({
        Scope: 'All',
        MaxItems: options.pageSize ?? 1000,
        ...(marker ? { Marker: marker } : {}),
      }),
      options.signal ? { abortSignal: options.signal } : {},
    );
    policies.push(...(page.Policies ?? []).map(listedOf));
    if (!page.IsTruncated || !page.Marker) return { policies, complete: true };
    marker = page.Marker;
  }
  return { policies, complete: false };
}

function listedOf(policy: Policy): ListedPolicy {
  const arn = policy.Arn ?? '';
  return {
    name: policy.PolicyName ?? arn.split('/').at(-1) ?? '',
    arn,
    path: policy.Path ?? '/',
    ...(policy.Description ? { description: policy.Description } : {}),
    awsManaged: /^arn:[\w-]+:iam::aws:policy\//.test(arn),
  };
}
