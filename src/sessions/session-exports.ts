// A live session as the export lines `rolecall env` prints, for the dashboard's copy key.
import { accountOf } from '../policy/request';
import { sessionVariables } from '../shells/child-env';
import { formatExports } from '../shells/exports';
import type { Session } from './store';

export function sessionExportLines(session: Session, parent: NodeJS.ProcessEnv): string {
  const account = session.origin.roleArn && accountOf(session.origin.roleArn);
  const variables = sessionVariables(
    session.credentials,
    {
      region: session.region,
      ...(session.origin.profile ? { profile: session.origin.profile } : {}),
      ...(session.origin.roleArn ? { roleArn: session.origin.roleArn } : {}),
      ...(account ? { account } : {}),
      ...(parent.AWS_ENDPOINT_URL ? { endpoint: parent.AWS_ENDPOINT_URL } : {}),
    },
    parent,
    // Pasted into the shell the person is in: no deeper level.
    { nested: false },
  );
  return formatExports(variables, 'sh');
}
