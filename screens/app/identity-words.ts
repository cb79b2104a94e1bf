// The default identity in the header's few words, and what the status line adds when there is none.
import type { HeaderIdentity } from '../../components/header';
import type { DefaultIdentity } from '../../src/aws/default-identity';

export function headerIdentity(identity: DefaultIdentity): { header: HeaderIdentity; status?: string } {
  switch (identity.kind) {
    case 'identity':
      return { header: { text: `${shortArn(identity.arn)} · ${identity.account}`, tone: 'ok' } };
    case 'needs-mfa':
      return {
        header: { text: `${identity.profile}: needs an MFA code`, tone: 'warning' },
        status: `Profile ${identity.profile} needs an MFA code before rolecall can say who you are.`,
      };
    case 'none':
      return {
        header: { text: 'no credentials', tone: 'warning' },
        status: `${identity.why} ${identity.hint}`,
      };
    case 'error':
      return { header: { text: 'identity unknown', tone: 'error' }, status: identity.message };
  }
}

/** "user/alice", "Developer/session": the part after the account, roles without their path. */
function shortArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.replace(/^assumed-role\//, '');
}
