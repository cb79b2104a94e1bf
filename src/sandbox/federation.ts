// AWS sign-in's federation endpoint (https://signin.aws.amazon.com/federation), as a custom
// identity broker uses it (IAM User Guide, "Enable custom identity broker access to the AWS
// console"): `getSigninToken` trades temporary credentials for a sign-in token, and `login`
// redeems the token within 15 minutes (GET or a POSTed form, both). Where AWS's `login` sends the browser on to the console,
// the sandbox answers with a page that names the session, so a test can see who signed in.
import { randomBytes } from 'node:crypto';
import { htmlPage } from './html-page';
import { identityArn, type World } from './world';

/** A sign-in token is good for 15 minutes from its issue (the IAM User Guide, above). */
export const SIGNIN_TOKEN_MS = 15 * 60 * 1000;
/** Tokens kept at once; the oldest go first. A sandbox left running all day stays small. */
const MAX_TOKENS = 1000;
/** The console hosts a Destination may name, by partition (aws-reference.md section 6). */
const CONSOLE_HOST = /^([a-z0-9-]+\.)?console\.(aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)$/;

export interface FederationReply {
  status: number;
  contentType: string;
  body: string;
}

interface SigninToken {
  arn: string;
  issuedAt: number;
  /** When the console session it opens ends: SessionDuration after issue, else the credentials' end. */
  consoleEndsAt: number;
  /** Made from GetSessionToken's credentials, which login refuses. */
  sessionToken: boolean;
}

/** The endpoint's two actions, with the tokens it has issued. */
export function federationEndpoint(world: World) {
  const tokens = new Map<string, SigninToken>();

  function getSigninToken(params: Record<string, string>): FederationReply {
    const session = sessionParam(params.Session);
    if (!session) return refused();
    const credentials = world.credentials.get(session.sessionId);
    if (
      !credentials ||
      credentials.secretAccessKey !== session.sessionKey ||
      credentials.sessionToken === undefined ||
      credentials.sessionToken !== session.sessionToken
    )
      return refused();
    const now = world.clock.now();
    // Expired credentials: the same 400, as the sandbox reads it (UNVERIFIED in AWS's documents).
    if (credentials.expiresAt !== undefined && now >= credentials.expiresAt) return refused();
    const { identity } = credentials;
    // A user's long-term keys are refused here (aws-vault #104). GetSessionToken's are given a
    // token that login then refuses, as users report it (aws-vault #1191).
    if (identity.kind === 'user') return refused();
    let consoleEndsAt = credentials.expiresAt ?? now;
    if (params.SessionDuration !== undefined) {
      const seconds = Number(params.SessionDuration);
      if (!/^\d+$/.test(params.SessionDuration) || seconds < 900 || seconds > 43_200) return refused();
      // Never with GetFederationToken's credentials (the IAM User Guide); nor with a role-chaining
      // session (the AWS knowledge center's invalid-credentials-parameter), as the sandbox reads
      // it: above its hour.
      if (identity.kind === 'federated-user') return refused();
      if (identity.kind === 'role-session' && identity.chained && seconds > 3600) return refused();
      if (identity.kind === 'session-token') return refused();
      consoleEndsAt = now + seconds * 1000;
    }
    const token = randomBytes(48).toString('base64url');
    forgetOld(now);
    tokens.set(token, {
      arn: identityArn(identity, world),
      issuedAt: now,
      consoleEndsAt,
      sessionToken: identity.kind === 'session-token',
    });
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ SigninToken: token }) };
  }

  function login(params: Record<string, string>): FederationReply {
    const token = params.SigninToken ? tokens.get(params.SigninToken) : undefined;
    const now = world.clock.now();
    if (!token || now - token.issuedAt >= SIGNIN_TOKEN_MS)
      return htmlPage(400, 'Sign-in failed', [
        'The sign-in token is invalid or has expired: ask for a new one.',
      ]);
    // AWS's words (aws-vault #1191).
    if (token.sessionToken)
      return htmlPage(400, 'Sign-in failed', [
        'Only federation tokens or assume role tokens may be used for federated login. Please contact your administrator.',
      ]);
    const destination = URL.canParse(params.Destination ?? '')
      ? new URL(params.Destination ?? '')
      : undefined;
    if (destination?.protocol !== 'https:' || !CONSOLE_HOST.test(destination.hostname))
      return htmlPage(400, 'Sign-in failed', ['Destination must be an https URL of the AWS console.']);
    return htmlPage(200, 'Signed in to the AWS console (sandbox)', [
      `Signed in as ${token.arn}.`,
      `Destination: ${destination.href}`,
      `Issuer: ${params.Issuer ?? '(none)'}`,
      `The console session ends at ${new Date(token.consoleEndsAt).toISOString()}.`,
    ]);
  }

  function forgetOld(now: number): void {
    for (const [key, token] of tokens) {
      if (now - token.issuedAt >= SIGNIN_TOKEN_MS || tokens.size >= MAX_TOKENS) tokens.delete(key);
      else break;
    }
  }

  return {
    /** The reply to a request for /federation, whose parameters (query or form) are `params`. */
    answer(method: string, params: Record<string, string>): FederationReply {
      if (method !== 'GET' && method !== 'POST') return refused(405, 'Method Not Allowed');
      if (params.Action === 'getSigninToken') return getSigninToken(params);
      if (params.Action === 'login') return login(params);
      return refused(400, 'Invalid Action parameter');
    },
  };
}

/**
 * AWS's refusal of the credentials (or of a SessionDuration it will not take with them): a 400
 * whose body is an HTML page, not JSON (the AWS knowledge center, invalid-credentials-parameter).
 */
function refused(status = 400, why = 'Invalid credentials parameter'): FederationReply {
  return htmlPage(status, `HTTP Status ${status} - ${why}`, [
    'The request sent by the client was syntactically incorrect.',
  ]);
}

function sessionParam(
  text: string | undefined,
): { sessionId: string; sessionKey: string; sessionToken: string } | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { sessionId, sessionKey, sessionToken } = value as Record<string, unknown>;
  if (typeof sessionId !== 'string' || typeof sessionKey !== 'string' || typeof sessionToken !== 'string')
    return undefined;
  return { sessionId, sessionKey, sessionToken };
}
