// The shell the interface opens on a live session: the person's $SHELL (else /bin/sh) with the
// session's environment, the one `rolecall exec` would give it, or why it is refused.
import { sessionIdentity } from '../sessions/session-identity';
import type { Session } from '../sessions/store';
import type { ChildCommand } from '../terminal/hand-off';
import { childEnvironment, nestingRefusal } from './child-env';

/** There on every POSIX system, so a $SHELL that cannot start still leaves the person a shell. */
export const FALLBACK_SHELL = '/bin/sh';

export type SessionShell = { kind: 'refused'; reason: string } | { kind: 'shell'; child: ChildCommand };

export function sessionShell(session: Session, parent: NodeJS.ProcessEnv): SessionShell {
  const identity = sessionIdentity(session, parent);
  // The interface has no --force: another terminal is the way round it.
  const refusal = nestingRefusal(parent, identity, false, false);
  if (refusal) return { kind: 'refused', reason: refusal };
  const command = parent.SHELL || FALLBACK_SHELL;
  return {
    kind: 'shell',
    child: {
      command,
      env: childEnvironment(parent, session.credentials, identity),
      ...(command === FALLBACK_SHELL ? {} : { fallback: FALLBACK_SHELL }),
    },
  };
}
