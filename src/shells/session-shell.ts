// The shell the interface opens on a live session: the person's $SHELL (else /bin/sh) with the
// session's environment, the one `rolecall exec` would give it, or why it is refused.
import { clockTime } from '../clock-time';
import { formatDuration } from '../duration';
import type { Session } from '../sessions/store';
import type { ChildCommand } from '../terminal/hand-off';
import { childEnvironment, nestingRefusal } from './child-env';
import { sessionIdentity } from './session-identity';

/** There on every POSIX system, so a $SHELL that cannot start still leaves the person a shell. */
export const FALLBACK_SHELL = '/bin/sh';

export type SessionShell = { kind: 'refused'; reason: string } | { kind: 'shell'; child: ChildCommand };

export function sessionShell(session: Session, parent: NodeJS.ProcessEnv, now = Date.now()): SessionShell {
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
      banner: shellBanner(session, now, identity.endpoint),
      ...(command === FALLBACK_SHELL ? {} : { fallback: FALLBACK_SHELL }),
    },
  };
}

/**
 * Said in the terminal as the shell starts: whose credentials it has, and until when, since the
 * shell keeps them while the dashboard refreshes the session.
 */
function shellBanner(session: Session, now: number, endpoint: string | undefined): string {
  const who = session.origin.roleArn ? ` (${session.origin.roleArn})` : '';
  const expiration = session.credentials.expiration;
  const until = expiration
    ? `, credentials until ${clockTime(expiration)} (${formatDuration((expiration.getTime() - now) / 1000)})`
    : '';
  // An AWS CLI older than 2.13 (1.29 for v1) ignores AWS_ENDPOINT_URL and would ask AWS itself
  // ("Service-specific endpoints", AWS SDKs and Tools Reference Guide): the sandbox's shells say so.
  const away = endpoint
    ? ` Calls go to ${endpoint} (AWS_ENDPOINT_URL); an AWS CLI older than 2.13 needs --endpoint-url "$AWS_ENDPOINT_URL".`
    : '';
  return `rolecall: shell as ${session.id}${who}${until}. exit to go back.${away}`;
}
