// May this caller do this action on this resource, by its identity policies? As IAM decides:
// an explicit Deny in any policy wins, else an Allow in any policy allows, else it is denied.
import { parsePolicy } from '../policy/document';
import { type Decision, evaluatePolicy } from '../policy/evaluate';
import { accessDenied } from './aws-error';
import type { Caller } from './caller';

export function identityDecision(
  caller: Caller,
  action: string,
  resource: string,
  context: Record<string, string>,
): Decision {
  let allowed = false;
  for (const text of caller.policies) {
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

/** Throws AWS's AccessDenied unless the caller's identity policies allow the action. */
export function requireAllowed(
  caller: Caller,
  action: string,
  resource: string,
  context: Record<string, string>,
): void {
  const decision = identityDecision(caller, action, resource, context);
  if (decision === 'Allow') return;
  const why =
    decision === 'ExplicitDeny'
      ? `with an explicit deny in an identity-based policy`
      : `because no identity-based policy allows the ${action} action`;
  throw accessDenied(
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`,
  );
}
