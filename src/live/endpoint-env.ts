// The environment of a live client (a shell `s` or `rolecall shell` opens, a command `exec --live`
// runs): the parent's, with the agent's exports applied, and, for an endpoint client, the
// container endpoint and its token instead of anything an SDK would take first.
import type { AgentAnswer } from './protocol';

type Opened = Pick<Extract<AgentAnswer, { ok: true; op: 'open' }>, 'client' | 'endpoint' | 'exports'>;

/**
 * What shadows the container endpoint, removed from an endpoint client's environment. The SDKs
 * and the CLI take exported keys, a profile, and a web identity (AWS_WEB_IDENTITY_TOKEN_FILE with
 * AWS_ROLE_ARN, as an EKS pod has) before the container provider (aws-reference.md section 5;
 * @aws-sdk/credential-provider-node's chain, botocore's create_credential_resolver); botocore
 * reads a relative URI before the full one, and a token file before the token (section 9), so an
 * inherited one would send another token and get 403.
 *
 * AWS_CREDENTIAL_EXPIRATION and AWS_SESSION_EXPIRATION are not here: the JS SDK and botocore read
 * the expiry only beside AWS_ACCESS_KEY_ID (fromEnv, EnvProvider), which is gone, so it shadows
 * nothing; the agent sends it with the prompt variables because `rolecall prompt` shows the
 * minutes left from it (a shell's hook keeps it current; in `exec --live` it is the expiry the
 * command started with, as ROLECALL_PROFILE is the profile it started with).
 */
export const ENDPOINT_SHADOWS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
] as const;

/**
 * Another live client's endpoint, token and binding: never passed on to a client of its own (a
 * `rolecall use` in a command started from a live shell would rebind that shell).
 */
const ANOTHER_CLIENTS = [
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'ROLECALL_CLIENT',
  'ROLECALL_GENERATION_FILE',
];

/**
 * The parent's environment with the client's exports; an endpoint client's endpoint and token,
 * and `hide` (default-shadow.ts: the credentials file hidden when its [default] would win).
 */
export function liveClientEnvironment(
  parent: NodeJS.ProcessEnv,
  opened: Opened,
  hide: Readonly<Record<string, string>> = {},
): NodeJS.ProcessEnv {
  const env = { ...parent };
  const endpoint = opened.client.mode === 'endpoint';
  for (const name of ANOTHER_CLIENTS) delete env[name];
  if (endpoint) for (const name of ENDPOINT_SHADOWS) delete env[name];
  for (const name of opened.exports.unset) delete env[name];
  Object.assign(env, opened.exports.set);
  if (endpoint) {
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI = opened.endpoint.uri;
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN = opened.endpoint.token;
    Object.assign(env, hide);
  }
  return env;
}
