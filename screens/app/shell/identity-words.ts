// The default identity in the header's few words. It is said there once: the status line is for
// what just happened, and a default profile without credentials is no news while the other
// profiles work. Only a fault, an endpoint that did not answer say, is also put on the status
// line, in full.
import type { HeaderIdentity } from '../../../components/header-identity';
import type { DefaultIdentity, NoCredentials } from '../../../src/credentials/default-identity';

export function headerIdentity(
  identity: DefaultIdentity,
  /** For the name of the profile the SDK would use (AWS_PROFILE, else default). */
  env: NodeJS.ProcessEnv,
): { header: HeaderIdentity; status?: string } {
  switch (identity.kind) {
    case 'identity':
      return { header: { text: `${shortArn(identity.arn)} · ${identity.account}`, tone: 'ok' } };
    case 'needs-mfa':
      return { header: { text: `profile ${identity.profile}: needs an MFA code`, tone: 'warning' } };
    case 'none':
      return {
        header: {
          text: `profile ${env.AWS_PROFILE || 'default'}: ${causeWords(identity.cause)}`,
          tone: 'warning',
        },
      };
    case 'error':
      return { header: { text: 'identity unknown', tone: 'error' }, status: identity.message };
  }
}

/** "refused (line 12 of config)", "SSO, not supported yet", "no credentials". */
function causeWords(cause: NoCredentials): string {
  switch (cause.kind) {
    case 'refused':
      return cause.line ? `refused (line ${cause.line} of ${cause.file})` : 'refused';
    case 'unsupported':
      return `${cause.source}, not supported yet`;
    case 'no-credentials':
      return 'no credentials';
  }
}

/** "user/alice", "Developer/session": the part after the account, roles without their path. */
function shortArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.replace(/^assumed-role\//, '');
}
