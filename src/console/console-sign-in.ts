// A console sign-in URL for a session, built as AWS documents it for a custom identity broker:
// who the credentials are (GetCallerIdentity); a role's session or a federated user's goes to
// the federation endpoint as it is, and a plain IAM user's long-term keys go through
// GetFederationToken first, as aws-vault and granted do; then getSigninToken, then the login
// URL. No SessionDuration is sent: the console session ends when the credentials do, which
// is what the dashboard counts down, and AWS refuses it for chained and federated sessions.
// The URL is a secret: it is returned, never logged, and no error here carries it.
import type { AwsClients, AwsTimeouts } from '../aws/clients';
import { describeAwsError } from '../aws/errors';
import { callerIdentity } from '../credentials/caller-identity';
import type { CredentialProvider, Credentials } from '../credentials/provider';
import { stsClientFor, stsSdk } from '../credentials/sts-client';
import {
  consoleDestination,
  federationEndpoint,
  loginUrl,
  type Partition,
  partitionOfArn,
  SIGNIN_TOKEN_SECONDS,
} from './console-address';
import { requestSigninToken } from './signin-token';

/** What a plain IAM user's console session lasts (GetFederationToken's duration), as aws-vault's default. */
export const FEDERATION_SECONDS = 3600;
/** GetFederationToken's Name: 2 to 32 of these (STS API reference). */
const FEDERATED_NAME = /^[\w+=,.@-]{2,32}$/;
/**
 * The policy passed to GetFederationToken. A federated user may do only what both its user's
 * policies and this allow, and nothing with no policy passed: so, everything, which leaves the
 * user's own (aws-vault and granted pass the same).
 */
const ALLOW_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

export interface ConsoleSignInRequest {
  credentials: Credentials;
  /** The console's region, and the region STS is asked in. */
  region: string;
  /** A console service's path (`s3`, `ec2`); the console's home when absent. */
  service?: string;
}

export interface ConsoleSignInUrl {
  /** Signs the browser in for 15 minutes: show it only when asked to. */
  url: string;
  /** Who the console will be: the role session's ARN, or the federated user's. */
  arn: string;
  /** Through GetFederationToken (an IAM user's keys), or the session as it is. */
  via: 'session' | 'federation-token';
  /** When the URL stops working. */
  validUntil: Date;
}

export interface ConsoleSignInDeps {
  clients: AwsClients;
  timeouts: () => AwsTimeouts;
  /** Where getSigninToken goes instead of AWS sign-in: the sandbox's (ROLECALL_SIGNIN_ENDPOINT). */
  signinEndpoint?: string;
  now: () => number;
  signal?: AbortSignal;
}

/** A console sign-in that cannot be made, said so that the person knows what to do. */
export class ConsoleSignInError extends Error {
  override name = 'ConsoleSignInError';
}

export async function consoleSignInUrl(
  request: ConsoleSignInRequest,
  deps: ConsoleSignInDeps,
): Promise<ConsoleSignInUrl> {
  const { credentials, region } = request;
  const source: CredentialProvider = { label: 'the session', retrieve: async () => credentials };
  let who: { arn: string };
  try {
    who = await callerIdentity(source, region, deps.clients);
  } catch (error) {
    throw new ConsoleSignInError(describeAwsError(error, { doing: 'find out who the session is' }).message);
  }
  const partition = partitionOfArn(who.arn);
  if (!partition)
    throw new ConsoleSignInError(
      `rolecall signs in to the console of aws, aws-cn and aws-us-gov, not ${who.arn}'s.`,
    );
  const kind = /^arn:[\w-]+:(?:sts|iam)::\d{12}:(assumed-role|federated-user|user|root)\b/.exec(who.arn)?.[1];
  let session: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  let arn = who.arn;
  let via: ConsoleSignInUrl['via'] = 'session';
  if ((kind === 'assumed-role' || kind === 'federated-user') && credentials.sessionToken) {
    session = { ...credentials, sessionToken: credentials.sessionToken };
  } else if (kind === 'user' && credentials.sessionToken) {
    throw new ConsoleSignInError(
      `${who.arn}'s MFA session cannot sign in to the console: AWS sign-in takes a role's session or a federated user's, and an MFA session cannot ask for a federated user. Open the console from a role's session, or from the profile that holds the user's keys.`,
    );
  } else if (kind === 'user') {
    ({ session, arn } = await federationToken(who.arn, source, region, deps));
    via = 'federation-token';
  } else if (kind === 'root') {
    throw new ConsoleSignInError(
      'These are the root user’s keys: rolecall does not sign in to the console with them. Sign in as root in the browser yourself, or use an IAM user or a role.',
    );
  } else {
    throw new ConsoleSignInError(`rolecall cannot sign in to the console as ${who.arn}.`);
  }
  const federation = deps.signinEndpoint ?? federationEndpoint(partition, region);
  const token = await requestSigninToken(federation, session, deps.timeouts(), deps.signal);
  return {
    url: loginUrl(federation, token, consoleDestination(partition as Partition, region, request.service)),
    arn,
    via,
    validUntil: new Date(deps.now() + SIGNIN_TOKEN_SECONDS * 1000),
  };
}

/** A federated user named after the IAM user, with the user's own permissions, for an hour. */
async function federationToken(
  userArn: string,
  source: CredentialProvider,
  region: string,
  deps: ConsoleSignInDeps,
) {
  const user = userArn.slice(userArn.lastIndexOf('/') + 1);
  // A one-character user name is too short for Name: the suffix makes it two or more.
  const name = FEDERATED_NAME.test(user.slice(0, 32)) ? user.slice(0, 32) : `${user}-console`.slice(0, 32);
  const { GetFederationTokenCommand } = await stsSdk();
  const sts = await stsClientFor(source, region, deps.clients);
  try {
    const out = await sts.send(
      new GetFederationTokenCommand({ Name: name, Policy: ALLOW_ALL, DurationSeconds: FEDERATION_SECONDS }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
      throw new ConsoleSignInError('GetFederationToken answered without credentials.');
    return {
      session: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
      },
      arn: out.FederatedUser?.Arn ?? userArn,
    };
  } catch (error) {
    if (error instanceof ConsoleSignInError) throw error;
    const described = describeAwsError(error, {
      doing: 'get a federated user for the console (GetFederationToken)',
    });
    throw new ConsoleSignInError(
      described.kind === 'denied' || described.kind === 'denied-by-identity'
        ? `${userArn} may not call sts:GetFederationToken, which a console sign-in from an IAM user's keys goes through. Ask for that permission, or open the console from a role's session.`
        : described.message,
    );
  }
}
