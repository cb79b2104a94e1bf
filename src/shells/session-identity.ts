// Who a live session is, in the terms the child environment is built from: the same words
// `rolecall exec` uses for a profile, drawn from what the session remembers of its origin.
import { type Session, sessionAccount } from '../sessions/store';
import type { SessionIdentity } from './child-env';

export function sessionIdentity(session: Session, parent: NodeJS.ProcessEnv): SessionIdentity {
  // Not an MFA session's device: it has no role, and its account is the caller's own.
  const account = (session.origin.roleArn || session.origin.permissionSet) && sessionAccount(session.origin);
  return {
    region: session.region,
    ...(session.origin.profile ? { profile: session.origin.profile } : {}),
    ...(session.origin.roleArn ? { roleArn: session.origin.roleArn } : {}),
    ...(account ? { account } : {}),
    // Kept when set, as exec does: against the sandbox the child's SDKs must talk to it too.
    ...(parent.AWS_ENDPOINT_URL ? { endpoint: parent.AWS_ENDPOINT_URL } : {}),
  };
}
