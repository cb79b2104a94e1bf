// Whether a statement's Principal names the caller, as IAM decides it.

import { accountOf } from '../aws-shapes/arn';
import type { Principal } from './document';
import type { RequestPrincipal } from './request';

const ROLE_ARN = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const SESSION_ARN = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;
const ROOT_ARN = /^arn:([\w-]+):iam::(\d{12}):root$/;

export function principalMatches(principal: Principal, caller: RequestPrincipal): boolean {
  // "*" and {"AWS": "*"} are the same: everyone, services included (IAM User Guide,
  // reference_policies_elements_principal.md).
  if (principal === '*' || principal.aws.includes('*')) return true;
  switch (caller.kind) {
    case 'service':
      return principal.service.includes('*') || principal.service.includes(caller.service);
    case 'federated':
      return principal.federated.includes('*') || principal.federated.includes(caller.provider);
    case 'aws':
      return principal.aws.some((entry) => awsEntryMatches(entry, caller.arn));
  }
}

/** One entry of {"AWS": …} against the caller's ARN. */
export function awsEntryMatches(entry: string, callerArn: string): boolean {
  if (entry === '*') return true;
  const callerAccount = accountOf(callerArn);
  // An account, as its ID or its root ARN, stands for every principal in that account.
  if (/^\d{12}$/.test(entry)) return entry === callerAccount;
  const root = ROOT_ARN.exec(entry);
  if (root) return root[2] === callerAccount && partitionOf(callerArn) === root[1];
  // A role ARN matches that role's sessions, whose ARNs drop the role's path.
  const role = ROLE_ARN.exec(entry);
  const session = SESSION_ARN.exec(callerArn);
  if (role && session) return role[1] === session[1] && role[2] === session[2] && role[3] === session[3];
  // A user ARN, a role ARN (for the role itself) or a session ARN: only that exact principal.
  // A unique ID (AIDA…, AROA…) is what IAM shows once the named principal was deleted: it matches no one.
  return entry === callerArn;
}

function partitionOf(arn: string): string | undefined {
  return /^arn:([\w-]+):/.exec(arn)?.[1];
}
