// IAM Identity Center (SSO) for the sandbox's example organisation: the OIDC API a login goes
// through (RegisterClient, StartDeviceAuthorization, CreateToken with the device code, the
// authorization code and PKCE, or a refresh token) and the access portal (ListAccounts,
// ListAccountRoles, GetRoleCredentials), as the AWS SDK's SSO and SSO OIDC clients call them
// (restJson1: the paths and headers of their models). It refuses what AWS refuses: a login not
// yet approved, a device code or token past its time, a client or secret it never issued, a
// role not assigned. Where AWS shows a person a page to approve a login, the sandbox has one
// too (GET /sso/device?user_code=…, as alice unless `user=` says another), which a test fetches
// as a browser would.
import { createHash, randomBytes } from 'node:crypto';
import { htmlPage } from './html-page';
import type { World } from './world';

/** The organisation's portal, as `sso_start_url` names it. */
export const SSO_START_URL = 'https://rolecall-sandbox.awsapps.com/start';
export const SSO_REGION = 'us-east-1';

/** How long things last (the OIDC API reference; AWS's defaults). */
const DEVICE_CODE_SECONDS = 600;
const ACCESS_TOKEN_SECONDS = 8 * 3600;
const CLIENT_SECONDS = 90 * 24 * 3600;
/** What a permission set's session lasts, as AWS's default is. */
const ROLE_SESSION_SECONDS = 3600;
/** The scope that earns a refresh token (sso_registration_scopes). */
const ACCOUNT_ACCESS_SCOPE = 'sso:account:access';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface Assignment {
  user: string;
  account: string;
  /** The permission set's name (DeveloperAccess); its role in the account is `role`. */
  permissionSet: string;
  role: string;
}

export interface IdentityCenterDirectory {
  users: readonly string[];
  assignments: readonly Assignment[];
  /** The portal's name of each account. */
  accountNames: ReadonlyMap<string, string>;
}

export interface IdentityCenterReply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

interface Client {
  secret: string;
  scopes: string[];
  expiresAt: number;
  redirectUris: string[];
}

interface DeviceLogin {
  clientId: string;
  userCode: string;
  expiresAt: number;
  approvedBy?: string;
  /** Redeemed already: a device code gives one token. */
  used: boolean;
}

interface CodeGrant {
  clientId: string;
  user: string;
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

interface Token {
  user: string;
  clientId: string;
  expiresAt: number;
}

/** The API's two halves, with the state a day of logins leaves; bounded, oldest first. */
export function identityCenter(world: World, directory: IdentityCenterDirectory) {
  const clients = new Map<string, Client>();
  const devices = new Map<string, DeviceLogin>();
  const codes = new Map<string, CodeGrant>();
  const tokens = new Map<string, Token>();
  const refreshTokens = new Map<string, { user: string; clientId: string }>();
  const now = () => world.clock.now();
  const bound = <K, V>(map: Map<K, V>) => {
    while (map.size > 10_000) map.delete(map.keys().next().value as K);
  };

  // --- OIDC (oidc.REGION.amazonaws.com) ---

  function registerClient(body: Record<string, unknown>): IdentityCenterReply {
    const name = body.clientName;
    if (typeof name !== 'string' || !name)
      return oidcError(400, 'InvalidRequestException', 'invalid_request', 'clientName is required.');
    if (body.clientType !== 'public')
      return oidcError(
        400,
        'InvalidClientMetadataException',
        'invalid_client_metadata',
        'clientType must be public.',
      );
    const clientId = randomBytes(16).toString('base64url');
    const secret = randomBytes(48).toString('base64url');
    const issuedAt = Math.floor(now() / 1000);
    clients.set(clientId, {
      secret,
      scopes: stringList(body.scopes),
      redirectUris: stringList(body.redirectUris),
      expiresAt: now() + CLIENT_SECONDS * 1000,
    });
    bound(clients);
    return json(200, {
      clientId,
      clientSecret: secret,
      clientIdIssuedAt: issuedAt,
      clientSecretExpiresAt: issuedAt + CLIENT_SECONDS,
    });
  }

  /** The client a request names, with its secret; or the refusal. */
  function clientOf(body: Record<string, unknown>): Client | IdentityCenterReply {
    const client = typeof body.clientId === 'string' ? clients.get(body.clientId) : undefined;
    if (!client || client.secret !== body.clientSecret || now() >= client.expiresAt)
      return oidcError(401, 'InvalidClientException', 'invalid_client', 'Invalid client provided');
    return client;
  }

  function startDeviceAuthorization(body: Record<string, unknown>, origin: string): IdentityCenterReply {
    const client = clientOf(body);
    if (!('secret' in client)) return client;
    // The start URL is the organisation's portal (UNVERIFIED: how AWS words a wrong one).
    if (body.startUrl !== SSO_START_URL)
      return oidcError(400, 'InvalidRequestException', 'invalid_request', 'Invalid start url');
    const deviceCode = randomBytes(48).toString('base64url');
    const userCode = userCodeOf();
    devices.set(deviceCode, {
      clientId: body.clientId as string,
      userCode,
      expiresAt: now() + DEVICE_CODE_SECONDS * 1000,
      used: false,
    });
    bound(devices);
    return json(200, {
      deviceCode,
      userCode,
      verificationUri: `${origin}/sso/device`,
      verificationUriComplete: `${origin}/sso/device?user_code=${userCode}`,
      expiresIn: DEVICE_CODE_SECONDS,
      interval: 1,
    });
  }

  function createToken(body: Record<string, unknown>): IdentityCenterReply {
    const client = clientOf(body);
    if (!('secret' in client)) return client;
    const clientId = body.clientId as string;
    let user: string;
    if (body.grantType === DEVICE_GRANT) {
      const login = typeof body.deviceCode === 'string' ? devices.get(body.deviceCode) : undefined;
      if (!login || login.clientId !== clientId || login.used)
        return oidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid grant provided');
      if (now() >= login.expiresAt)
        return oidcError(400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
      if (!login.approvedBy)
        return oidcError(
          400,
          'AuthorizationPendingException',
          'authorization_pending',
          'Authorization is still pending',
        );
      login.used = true;
      user = login.approvedBy;
    } else if (body.grantType === 'authorization_code') {
      const grant = typeof body.code === 'string' ? codes.get(body.code) : undefined;
      if (typeof body.code === 'string') codes.delete(body.code);
      const verifier = typeof body.codeVerifier === 'string' ? body.codeVerifier : '';
      if (
        !grant ||
        grant.clientId !== clientId ||
        now() >= grant.expiresAt ||
        grant.redirectUri !== body.redirectUri ||
        createHash('sha256').update(verifier).digest('base64url') !== grant.challenge
      )
        return oidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid grant provided');
      user = grant.user;
    } else if (body.grantType === 'refresh_token') {
      const held = typeof body.refreshToken === 'string' ? refreshTokens.get(body.refreshToken) : undefined;
      if (!held || held.clientId !== clientId)
        return oidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid grant provided');
      user = held.user;
    } else {
      return oidcError(
        400,
        'UnsupportedGrantTypeException',
        'unsupported_grant_type',
        'Unsupported grant type',
      );
    }
    const accessToken = `aoa${randomBytes(96).toString('base64url')}`;
    tokens.set(accessToken, { user, clientId, expiresAt: now() + ACCESS_TOKEN_SECONDS * 1000 });
    bound(tokens);
    // A refresh token only for a client registered with the portal's scope (sso_registration_scopes).
    let refreshToken: string | undefined;
    if (client.scopes.includes(ACCOUNT_ACCESS_SCOPE)) {
      refreshToken = `aor${randomBytes(96).toString('base64url')}`;
      refreshTokens.set(refreshToken, { user, clientId });
      bound(refreshTokens);
    }
    return json(200, {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_SECONDS,
      ...(refreshToken ? { refreshToken } : {}),
    });
  }

  /**
   * The browser's half of the authorization-code flow: alice is taken as signed in to the
   * portal, so the sandbox sends the browser straight back to the client's loopback redirect.
   */
  function authorize(query: URLSearchParams): IdentityCenterReply {
    const clientId = query.get('client_id') ?? '';
    const client = clients.get(clientId);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!client?.redirectUris.includes(redirectUri))
      return htmlPage(400, 'Sign-in failed', ['The client or its redirect URI is not one registered.']);
    if (
      query.get('response_type') !== 'code' ||
      query.get('code_challenge_method') !== 'S256' ||
      !query.get('code_challenge')
    )
      return htmlPage(400, 'Sign-in failed', ['response_type=code and a S256 code_challenge are required.']);
    const code = randomBytes(32).toString('base64url');
    codes.set(code, {
      clientId,
      user: query.get('user') ?? 'alice',
      redirectUri,
      challenge: query.get('code_challenge') ?? '',
      expiresAt: now() + 5 * 60 * 1000,
    });
    bound(codes);
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return { status: 302, contentType: 'text/plain', body: '', headers: { location: back.href } };
  }

  /** What a person does in the browser: approve the login their terminal shows the code of. */
  function approvePage(query: URLSearchParams): IdentityCenterReply {
    const userCode = query.get('user_code') ?? '';
    const user = query.get('user') ?? 'alice';
    const login = [...devices.values()].find((d) => d.userCode === userCode);
    if (!login || now() >= login.expiresAt)
      return htmlPage(400, 'Request not found', [
        `No login is waiting for the code ${userCode || '(none)'}: it may have expired.`,
      ]);
    if (!directory.users.includes(user))
      return htmlPage(400, 'Sign-in failed', [`${user} is not a user of this directory.`]);
    login.approvedBy = user;
    return htmlPage(200, 'Request approved', [
      `${user} approved the login with the code ${userCode}. You can close this window.`,
    ]);
  }

  // --- The portal (portal.sso.REGION.amazonaws.com) ---

  /** The user a bearer token is for, or the refusal. */
  function bearer(headers: Record<string, string | undefined>): string | IdentityCenterReply {
    const token = headers['x-amz-sso_bearer_token'];
    const held = token ? tokens.get(token) : undefined;
    if (!held || now() >= held.expiresAt)
      return portalError(401, 'UnauthorizedException', 'Session token not found or invalid');
    return held.user;
  }

  function listAccounts(user: string, query: URLSearchParams): IdentityCenterReply {
    const accounts = [
      ...new Set(directory.assignments.filter((a) => a.user === user).map((a) => a.account)),
    ].sort();
    const { items, nextToken } = onePage(accounts, query);
    return json(200, {
      accountList: items.map((account) => ({
        accountId: account,
        accountName: directory.accountNames.get(account) ?? account,
        emailAddress: `aws-${directory.accountNames.get(account) ?? account}@example.com`,
      })),
      ...(nextToken ? { nextToken } : {}),
    });
  }

  function listAccountRoles(user: string, query: URLSearchParams): IdentityCenterReply {
    const account = query.get('account_id');
    if (!account) return portalError(400, 'InvalidRequestException', 'account_id is required');
    const roles = directory.assignments
      .filter((a) => a.user === user && a.account === account)
      .map((a) => a.permissionSet);
    const { items, nextToken } = onePage(roles.sort(), query);
    return json(200, {
      roleList: items.map((roleName) => ({ roleName, accountId: account })),
      ...(nextToken ? { nextToken } : {}),
    });
  }

  function getRoleCredentials(user: string, query: URLSearchParams): IdentityCenterReply {
    const account = query.get('account_id');
    const permissionSet = query.get('role_name');
    if (!account || !permissionSet)
      return portalError(400, 'InvalidRequestException', 'role_name and account_id are required');
    const assignment = directory.assignments.find(
      (a) => a.user === user && a.account === account && a.permissionSet === permissionSet,
    );
    // Not assigned: AWS says "No access" (ForbiddenException, as users report it; not in the model).
    if (!assignment) return portalError(403, 'ForbiddenException', 'No access');
    const issued = world.issueTemporary(
      { kind: 'role-session', account, role: assignment.role, sessionName: user },
      ROLE_SESSION_SECONDS,
    );
    return json(200, {
      roleCredentials: {
        accessKeyId: issued.accessKeyId,
        secretAccessKey: issued.secretAccessKey,
        sessionToken: issued.sessionToken,
        // Milliseconds since 1970, as the portal gives it.
        expiration: issued.expiresAt,
      },
    });
  }

  function onePage<T>(items: readonly T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
    const start = Number(query.get('next_token') ?? '0') || 0;
    const max = Math.min(Number(query.get('max_result') ?? '100') || 100, 100);
    const slice = items.slice(start, start + max);
    return start + max < items.length ? { items: slice, nextToken: String(start + max) } : { items: slice };
  }

  return {
    /** The answer to a request for an Identity Center path; undefined for any other path. */
    answer(
      method: string,
      url: URL,
      headers: Record<string, string | undefined>,
      body: string,
      origin: string,
    ): IdentityCenterReply | undefined {
      const path = url.pathname;
      const post = (handle: (parsed: Record<string, unknown>) => IdentityCenterReply) => {
        if (method !== 'POST')
          return oidcError(405, 'InvalidRequestException', 'invalid_request', 'POST only');
        const parsed = parseJson(body);
        return parsed
          ? handle(parsed)
          : oidcError(400, 'InvalidRequestException', 'invalid_request', 'The body is not JSON.');
      };
      const portal = (handle: (user: string, query: URLSearchParams) => IdentityCenterReply) => {
        if (method !== 'GET') return portalError(405, 'InvalidRequestException', 'GET only');
        const user = bearer(headers);
        return typeof user === 'string' ? handle(user, url.searchParams) : user;
      };
      switch (path) {
        case '/client/register':
          return post(registerClient);
        case '/device_authorization':
          return post((parsed) => startDeviceAuthorization(parsed, origin));
        case '/token':
          return post(createToken);
        case '/authorize':
          return authorize(url.searchParams);
        case '/sso/device':
          return approvePage(url.searchParams);
        case '/assignment/accounts':
          return portal(listAccounts);
        case '/assignment/roles':
          return portal(listAccountRoles);
        case '/federation/credentials':
          return portal(getRoleCredentials);
        default:
          return undefined;
      }
    },
  };
}

/**
 * The API action a path of Identity Center's is, as a fault names it (`--fault hang:CreateToken`):
 * the OIDC and portal APIs are REST, with no Action parameter.
 */
export function identityCenterActionOf(path: string): string | undefined {
  return {
    '/client/register': 'RegisterClient',
    '/device_authorization': 'StartDeviceAuthorization',
    '/token': 'CreateToken',
    '/assignment/accounts': 'ListAccounts',
    '/assignment/roles': 'ListAccountRoles',
    '/federation/credentials': 'GetRoleCredentials',
  }[path];
}

/** ABCD-EFGH: the letters a person types, without the ones easily misread. */
function userCodeOf(): string {
  const letters = 'BCDFGHJKLMNPQRSTVWXZ';
  const pick = () => [...randomBytes(4)].map((b) => letters[b % letters.length]).join('');
  return `${pick()}-${pick()}`;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function json(status: number, value: object, headers: Record<string, string> = {}): IdentityCenterReply {
  return { status, contentType: 'application/json', body: JSON.stringify(value), headers };
}

/** OIDC's errors: OAuth's error and error_description, the type in x-amzn-errortype (restJson1). */
function oidcError(status: number, type: string, error: string, description: string): IdentityCenterReply {
  return json(status, { error, error_description: description }, { 'x-amzn-errortype': type });
}

function portalError(status: number, type: string, message: string): IdentityCenterReply {
  return json(status, { message }, { 'x-amzn-errortype': type });
}
