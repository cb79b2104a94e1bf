// The sandbox's IAM Identity Center, through the AWS SDK's own SSO OIDC and SSO clients over
// HTTP: a device login approved as a browser approves it, the authorization-code flow with PKCE,
// refresh tokens for a client registered with the portal's scope, the portal's accounts and
// roles, and role credentials that STS and IAM then take; and what AWS refuses.

import { createHash, randomBytes } from 'node:crypto';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
} from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSO_START_URL } from '../../../src/sandbox/identity-center';
import { DEV, PROD } from '../../../src/sandbox/seed';
import { adjustableClock, failure, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox;
const clock = adjustableClock();
let oidc: SSOOIDCClient;
let portal: SSOClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ clock, identityCenter: true });
  const config = { endpoint: sandbox.endpoint, region: 'us-east-1', maxAttempts: 1 };
  oidc = new SSOOIDCClient(config);
  portal = new SSOClient(config);
});
afterAll(() => sandbox.close());

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

async function register(scopes?: string[]) {
  const out = await oidc.send(
    new RegisterClientCommand({
      clientName: 'rolecall-test',
      clientType: 'public',
      ...(scopes ? { scopes } : {}),
    }),
  );
  return { clientId: out.clientId ?? '', clientSecret: out.clientSecret ?? '' };
}

/** A device login approved as `user` in the browser; its token answer. */
async function deviceLogin(scopes: string[] = ['sso:account:access'], user = 'alice') {
  const client = await register(scopes);
  const started = await oidc.send(
    new StartDeviceAuthorizationCommand({ ...client, startUrl: SSO_START_URL }),
  );
  const page = await fetch(`${started.verificationUriComplete}&user=${user}`);
  expect(await page.text()).toContain('Request approved');
  const token = await oidc.send(
    new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: started.deviceCode }),
  );
  return { client, token };
}

describe('a device login', () => {
  it('is pending until approved in the browser, then gives a token once', async () => {
    const client = await register(['sso:account:access']);
    const started = await oidc.send(
      new StartDeviceAuthorizationCommand({ ...client, startUrl: SSO_START_URL }),
    );
    expect(started).toMatchObject({
      userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      verificationUri: `${sandbox.endpoint}/sso/device`,
      expiresIn: 600,
      interval: 1,
    });
    const ask = () =>
      oidc.send(
        new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: started.deviceCode }),
      );
    expect(await failure(ask())).toMatchObject({ name: 'AuthorizationPendingException', status: 400 });
    await fetch(started.verificationUriComplete ?? '');
    const token = await ask();
    expect(token).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 28_800,
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    expect(await failure(ask())).toMatchObject({ name: 'InvalidGrantException' });
  });

  it('refuses a device code past its 10 minutes, a wrong secret and another start URL', async () => {
    const client = await register();
    const started = await oidc.send(
      new StartDeviceAuthorizationCommand({ ...client, startUrl: SSO_START_URL }),
    );
    expect(
      await failure(
        oidc.send(
          new StartDeviceAuthorizationCommand({ ...client, clientSecret: 'wrong', startUrl: SSO_START_URL }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidClientException', status: 401 });
    expect(
      await failure(
        oidc.send(
          new StartDeviceAuthorizationCommand({ ...client, startUrl: 'https://elsewhere.awsapps.com/start' }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidRequestException' });
    clock.advance(600_000);
    expect(
      await failure(
        oidc.send(
          new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: started.deviceCode }),
        ),
      ),
    ).toMatchObject({ name: 'ExpiredTokenException' });
  });

  it('gives a refresh token only to a client registered with sso:account:access, and the refresh works', async () => {
    expect((await deviceLogin([])).token.refreshToken).toBeUndefined();
    const { client, token } = await deviceLogin();
    const refreshed = await oidc.send(
      new CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken: token.refreshToken }),
    );
    const accounts = await portal.send(new ListAccountsCommand({ accessToken: refreshed.accessToken }));
    expect(accounts.accountList?.map((a) => a.accountId)).toEqual([DEV, PROD]);
    expect(
      await failure(
        oidc.send(new CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken: 'made-up' })),
      ),
    ).toMatchObject({ name: 'InvalidGrantException' });
  });
});

describe('the authorization-code flow with PKCE', () => {
  it('sends the browser back to the loopback redirect with a code that only the verifier redeems', async () => {
    const redirectUri = 'http://127.0.0.1:54321/oauth/callback';
    const registered = await oidc.send(
      new RegisterClientCommand({
        clientName: 'rolecall-test',
        clientType: 'public',
        scopes: ['sso:account:access'],
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: [redirectUri],
        issuerUrl: SSO_START_URL,
      }),
    );
    const client = { clientId: registered.clientId ?? '', clientSecret: registered.clientSecret ?? '' };
    const verifier = randomBytes(32).toString('base64url');
    const authorize = async () => {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: client.clientId,
        redirect_uri: redirectUri,
        state: 'st4te',
        code_challenge_method: 'S256',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        scopes: 'sso:account:access',
      });
      const response = await fetch(`${sandbox.endpoint}/authorize?${query}`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      const back = new URL(response.headers.get('location') ?? '');
      expect(back.origin + back.pathname).toBe(redirectUri);
      expect(back.searchParams.get('state')).toBe('st4te');
      return back.searchParams.get('code') ?? '';
    };
    const redeem = (code: string, codeVerifier: string) =>
      oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: 'authorization_code',
          code,
          redirectUri,
          codeVerifier,
        }),
      );
    expect(await failure(redeem(await authorize(), 'not-the-verifier'))).toMatchObject({
      name: 'InvalidGrantException',
    });
    const token = await redeem(await authorize(), verifier);
    expect(token.accessToken).toEqual(expect.any(String));
  });
});

describe('the portal', () => {
  it("lists alice's accounts with their names and her permission sets in each", async () => {
    const { token } = await deviceLogin();
    const accounts = await portal.send(new ListAccountsCommand({ accessToken: token.accessToken }));
    expect(accounts.accountList).toEqual([
      { accountId: DEV, accountName: 'dev', emailAddress: 'aws-dev@example.com' },
      { accountId: PROD, accountName: 'prod', emailAddress: 'aws-prod@example.com' },
    ]);
    const roles = await portal.send(
      new ListAccountRolesCommand({ accessToken: token.accessToken, accountId: DEV }),
    );
    expect(roles.roleList).toEqual([
      { roleName: 'DeveloperAccess', accountId: DEV },
      { roleName: 'ReadOnlyAccess', accountId: DEV },
    ]);
    const paged = await portal.send(
      new ListAccountRolesCommand({ accessToken: token.accessToken, accountId: DEV, maxResults: 1 }),
    );
    expect(paged).toMatchObject({
      roleList: [{ roleName: 'DeveloperAccess' }],
      nextToken: expect.any(String),
    });
  });

  it("gives role credentials that STS and IAM take as the permission set's role, and no others", async () => {
    const { token } = await deviceLogin();
    const out = await portal.send(
      new GetRoleCredentialsCommand({
        accessToken: token.accessToken,
        accountId: DEV,
        roleName: 'ReadOnlyAccess',
      }),
    );
    const c = out.roleCredentials;
    expect(c?.expiration).toBe(clock.now() - (clock.now() % 1000) + 3_600_000);
    const keys = {
      accessKeyId: c?.accessKeyId ?? '',
      secretAccessKey: c?.secretAccessKey ?? '',
      sessionToken: c?.sessionToken ?? '',
    };
    const who = await sandbox.sts(keys).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(
      `arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_ReadOnlyAccess_9b1d3e5f7a2c4e68/alice`,
    );
    const roles = await sandbox.iam(keys).send(new ListRolesCommand({ PathPrefix: '/aws-reserved/' }));
    expect(roles.Roles?.map((r) => r.Path)).toEqual([
      '/aws-reserved/sso.amazonaws.com/',
      '/aws-reserved/sso.amazonaws.com/',
    ]);
    expect(
      await failure(
        portal.send(
          new GetRoleCredentialsCommand({
            accessToken: token.accessToken,
            accountId: PROD,
            roleName: 'DeveloperAccess',
          }),
        ),
      ),
    ).toMatchObject({ name: 'ForbiddenException', message: 'No access', status: 403 });
  });

  it('refuses a token it never issued, and one past its 8 hours', async () => {
    const { token } = await deviceLogin();
    expect(await failure(portal.send(new ListAccountsCommand({ accessToken: 'made-up' })))).toMatchObject({
      name: 'UnauthorizedException',
      message: 'Session token not found or invalid',
      status: 401,
    });
    clock.advance(8 * 3600 * 1000);
    expect(
      await failure(portal.send(new ListAccountsCommand({ accessToken: token.accessToken }))),
    ).toMatchObject({
      name: 'UnauthorizedException',
    });
  });
});
