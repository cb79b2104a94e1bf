// May this caller do this action on this resource, by its identity policies? As IAM decides:
// an explicit Deny in any policy wins, else an Allow in any policy allows, else it is denied;
// and a role with a permissions boundary may do only what the boundary allows as well.
import { parsePolicy } from '../policy/document';
import { type Decision, evaluatePolicy } from '../policy/evaluate';
import { accessDenied } from './aws-error';
import type { Caller } from './caller';

export interface Authorization {
  decision: Decision;
  /** What denied it, for AWS's message. */
  by?: 'identity' | 'boundary';
}

export function authorization(
  caller: Caller,
  action: string,
  resource: string,
  context: Record<string, string>,
): Authorization {
  const identity = decide(caller.policies, caller, action, resource, context);
  if (identity !== 'Allow' || caller.boundary === undefined) return { decision: identity, by: 'identity' };
  const boundary = decide([caller.boundary], caller, action, resource, context);
  return boundary === 'Allow' ? { decision: 'Allow' } : { decision: boundary, by: 'boundary' };
}

function decide(
  documents: readonly string[],
  caller: Caller,
  action: string,
  resource: string,
  context: Record<string, string>,
): Decision {
  let allowed = false;
  for (const text of documents) {
    const { policy } = parsePolicy(text);
    if (!policy) continue;
    const { decision } = evaluatePolicy(policy, {
      principal: { kind: 'aws', arn: caller.arn },
      action,
      resource,
      context,
    });
    if (decision === 'ExplicitDeny') return 'ExplicitDeny';
    if (decision === 'Allow') allowed = true;
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}

/** Throws AWS's AccessDenied unless the caller may do the action. */
export function requireAllowed(
  caller: Caller,
  action: string,
  resource: string,
  context: Record<string, string>,
): void {
  const { decision, by } = authorization(caller, action, resource, context);
  if (decision === 'Allow') return;
  const kind = by === 'boundary' ? 'permissions boundary' : 'identity-based policy';
  const why =
    decision === 'ExplicitDeny'
      ? `with an explicit deny in a ${kind}`
      : `because no ${kind} allows the ${action} action`;
  throw accessDenied(
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`,
  );
}
