// A live session as the export lines `rolecall env` prints, for the dashboard's copy key.

import type { Session } from '../sessions/store';
import { sessionVariables } from './child-env';
import { formatExports } from './exports';
import { sessionIdentity } from './session-identity';

export function sessionExportLines(session: Session, parent: NodeJS.ProcessEnv): string {
  const variables = sessionVariables(
    session.credentials,
    sessionIdentity(session, parent),
    parent,
    // Pasted into the shell the person is in: no deeper level.
    { nested: false },
  );
  return formatExports(variables, 'sh');
}
