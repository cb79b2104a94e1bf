// The environment a child gets for a session: the one function `rolecall exec`, `rolecall env`
// and the TUI's shells all use. It sets what every AWS SDK and CLI reads and removes what would
// shadow it (aws-reference.md section 5): a stale AWS_PROFILE makes the JS SDK ignore exported
// keys, and a stale AWS_SECURITY_TOKEN wins in botocore.

import { rfc3339 } from '../aws-shapes/timestamp';
import type { Credentials } from '../credentials/provider';

export type SessionCredentials = Credentials;

export interface SessionIdentity {
  profile?: string;
  roleArn?: string;
  account?: string;
  region: string;
  /** Set against the sandbox, so the SDKs in the child talk to it too. */
  endpoint?: string;
}

/** Variables the child environment always removes. */
export const REMOVED_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_FILE',
  'AWS_SDK_LOAD_CONFIG',
] as const;

/** Which live client (shell) the environment belongs to: set by the agent's shells only. */
const LIVE_CLIENT_VARIABLES = ['ROLECALL_CLIENT', 'ROLECALL_GENERATION_FILE'] as const;

/** What to set and what to unset, for a session: the exports of `rolecall env` are drawn from it. */
export function sessionVariables(
  credentials: SessionCredentials,
  identity: SessionIdentity,
  parent: NodeJS.ProcessEnv,
  /** A new process (exec, a shell) is one level deeper; exports into the same shell are not. */
  options: { nested: boolean } = { nested: true },
): { set: Record<string, string>; unset: string[] } {
  const level = shellLevel(parent);
  const set: Record<string, string> = {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: identity.region,
    AWS_DEFAULT_REGION: identity.region,
    ROLECALL_SHLVL: String(options.nested ? level + 1 : Math.max(level, 1)),
  };
  const unset: string[] = [...REMOVED_VARIABLES];
  if (credentials.sessionToken) set.AWS_SESSION_TOKEN = credentials.sessionToken;
  else unset.push('AWS_SESSION_TOKEN');
  if (credentials.expiration) {
    const expiration = rfc3339(credentials.expiration);
    set.AWS_CREDENTIAL_EXPIRATION = expiration;
    set.AWS_SESSION_EXPIRATION = expiration;
  } else {
    unset.push('AWS_CREDENTIAL_EXPIRATION', 'AWS_SESSION_EXPIRATION');
  }
  for (const [name, value] of [
    ['ROLECALL_PROFILE', identity.profile],
    ['ROLECALL_ROLE_ARN', identity.roleArn],
    ['ROLECALL_ACCOUNT', identity.account],
    // Read by the JS SDK, botocore and CLI v2 alike (aws-reference.md section 5): never stale.
    ['AWS_ACCOUNT_ID', identity.account],
    ['AWS_ENDPOINT_URL', identity.endpoint],
  ] as const) {
    if (value) set[name] = value;
    else if (name !== 'AWS_ENDPOINT_URL') unset.push(name);
  }
  return { set, unset };
}

/** The whole environment for a child: the parent's, with the session's variables applied. */
export function childEnvironment(
  parent: NodeJS.ProcessEnv,
  credentials: SessionCredentials,
  identity: SessionIdentity,
): NodeJS.ProcessEnv {
  const { set, unset } = sessionVariables(credentials, identity, parent);
  const env = { ...parent };
  for (const name of unset) delete env[name];
  // A live shell's binding is its own: a `rolecall use` in this child must not rebind that shell.
  for (const name of LIVE_CLIENT_VARIABLES) delete env[name];
  return { ...env, ...set };
}

/** How many rolecall shells deep this process runs (0 outside any). */
export function shellLevel(env: NodeJS.ProcessEnv): number {
  const level = Number(env.ROLECALL_SHLVL);
  return Number.isInteger(level) && level > 0 ? level : 0;
}

/**
 * Inside a rolecall shell, starting another for a different identity is most often a mistake
 * (the prompt says one account, the keys another); refused unless forced. Returns why, or undefined.
 */
export function nestingRefusal(
  parent: NodeJS.ProcessEnv,
  identity: SessionIdentity,
  force: boolean,
  /** How the caller can force it, in its words; false where it cannot (the TUI). */
  howToForce: string | false = 'pass --force',
): string | undefined {
  if (force || shellLevel(parent) === 0) return undefined;
  const current = parent.ROLECALL_ROLE_ARN || parent.ROLECALL_PROFILE;
  const wanted = identity.roleArn || identity.profile;
  if (!current || current === wanted) return undefined;
  const ways = howToForce
    ? `Use another terminal, leave the rolecall shell, or ${howToForce}.`
    : 'Use another terminal, or leave the rolecall shell.';
  return `This shell already holds the credentials of ${current} (a rolecall shell, or rolecall env); running as ${wanted} from it would mix the two. ${ways}`;
}
