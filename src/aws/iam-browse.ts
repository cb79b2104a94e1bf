// Reading an account's roles with IAM: every page of ListRoles (with progress, and a way to
// stop), a role's details, its policies and tags, the caller's MFA devices, the account's alias.
// Policy documents come URL-encoded (aws-reference.md section 3) and are returned decoded.
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAccountAliasesCommand,
  ListMFADevicesCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  paginateListRoles,
  paginateListRoleTags,
  type Role,
} from '@aws-sdk/client-iam';
import type { AwsClients, CredentialSource } from './clients';

export interface RoleSummary {
  name: string;
  path: string;
  arn: string;
  id: string;
  maxSessionSeconds: number;
  description?: string;
  created?: Date;
  /** The trust policy, decoded from IAM's URL encoding. */
  trustPolicy: string;
}

export interface RoleDetail extends RoleSummary {
  lastUsed?: { date?: Date; region?: string };
  tags: Array<{ key: string; value: string }>;
  attachedPolicies: Array<{ name: string; arn: string }>;
  inlinePolicies: string[];
  permissionsBoundary?: string;
}

export function iamClientFor(source: CredentialSource, region: string, clients: AwsClients): IAMClient {
  return clients.make(IAMClient, 'IAM', source, region);
}

/** Every role, page by page; `onPage` hears the count so far; `signal` stops it between pages. */
export async function listRoles(
  iam: IAMClient,
  options: { onPage?: (rolesSoFar: number) => void; signal?: AbortSignal; pathPrefix?: string } = {},
): Promise<RoleSummary[]> {
  const roles: RoleSummary[] = [];
  const pages = paginateListRoles(
    { client: iam, pageSize: 1000 },
    options.pathPrefix ? { PathPrefix: options.pathPrefix } : {},
  );
  for await (const page of pages) {
    if (options.signal?.aborted) throw options.signal.reason ?? new DOMException('Stopped', 'AbortError');
    roles.push(...(page.Roles ?? []).map(summaryOf));
    options.onPage?.(roles.length);
  }
  return roles;
}

export async function roleDetail(iam: IAMClient, roleName: string): Promise<RoleDetail> {
  // Every list to its last page: IAM may return fewer than asked even when more remain.
  const input = { RoleName: roleName };
  const [{ Role: role }, attached, inline, tags] = await Promise.all([
    iam.send(new GetRoleCommand(input)),
    everyPage(paginateListAttachedRolePolicies({ client: iam }, input), (p) => p.AttachedPolicies),
    everyPage(paginateListRolePolicies({ client: iam }, input), (p) => p.PolicyNames),
    everyPage(paginateListRoleTags({ client: iam }, input), (p) => p.Tags),
  ]);
  if (!role) throw new Error(`IAM returned no role ${roleName}`);
  return {
    ...summaryOf(role),
    ...(role.RoleLastUsed?.LastUsedDate
      ? { lastUsed: { date: role.RoleLastUsed.LastUsedDate, region: role.RoleLastUsed.Region } }
      : {}),
    tags: tags.map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
    attachedPolicies: attached.map((p) => ({
      name: p.PolicyName ?? '',
      arn: p.PolicyArn ?? '',
    })),
    inlinePolicies: inline,
    ...(role.PermissionsBoundary?.PermissionsBoundaryArn
      ? { permissionsBoundary: role.PermissionsBoundary.PermissionsBoundaryArn }
      : {}),
  };
}

export async function inlineRolePolicy(
  iam: IAMClient,
  roleName: string,
  policyName: string,
): Promise<string> {
  const out = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
  return decode(out.PolicyDocument ?? '');
}

/** The MFA devices of a user (the caller, when it is a user and no name is given). */
export async function mfaDevices(
  iam: IAMClient,
  userName?: string,
): Promise<Array<{ serial: string; user: string }>> {
  const out = await iam.send(new ListMFADevicesCommand(userName ? { UserName: userName } : {}));
  return (out.MFADevices ?? []).map((d) => ({ serial: d.SerialNumber ?? '', user: d.UserName ?? '' }));
}

/** The account's alias (there is at most one), or undefined when it has none or it may not be read. */
export async function accountAlias(iam: IAMClient): Promise<string | undefined> {
  try {
    return (await iam.send(new ListAccountAliasesCommand({}))).AccountAliases?.[0];
  } catch (error) {
    // Not allowed to read it: no alias to show. Anything else (expired, offline) is the caller's to hear.
    if ((error as Error).name === 'AccessDenied' || (error as Error).name === 'AccessDeniedException')
      return undefined;
    throw error;
  }
}

async function everyPage<Page, Item>(
  pages: AsyncIterable<Page>,
  items: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

function summaryOf(role: Role): RoleSummary {
  return {
    name: role.RoleName ?? '',
    path: role.Path ?? '/',
    arn: role.Arn ?? '',
    id: role.RoleId ?? '',
    maxSessionSeconds: role.MaxSessionDuration ?? 3600,
    ...(role.Description ? { description: role.Description } : {}),
    ...(role.CreateDate ? { created: role.CreateDate } : {}),
    trustPolicy: decode(role.AssumeRolePolicyDocument ?? ''),
  };
}

/** IAM's documents are URL-encoded (RFC 3986); JS v3 leaves them so. */
function decode(document: string): string {
  try {
    return decodeURIComponent(document);
  } catch {
    return document;
  }
}
