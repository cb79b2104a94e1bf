// The logins' unhappy ends, against the sandbox's Identity Center through the SSO OIDC SDK: the
// browser coming back to the loopback redirect with a refusal (error=access_denied) instead of a
// code, and a login stopped by the person (its signal), by either way; nothing is cached.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSO_START_URL } from '../../../src/sandbox/identity-center';
import {
  authorizationCodeLogin,
  deviceLogin,
  LoginStopped,
  SsoLoginFailed,
} from '../../../src/sso/sso-login';
import { tokenCachePath } from '../../../src/sso/token-cache';
import { adjustableClock, startTestSandbox, type TestSandbox, testClients } from '../../helpers/sandbox';
import { tempConfigDir } from '../../helpers/temp-dirs';

let sandbox: TestSandbox;
const clock = adjustableClock();
beforeAll(async () => {
  sandbox = await startTestSandbox({ clock, identityCenter: true });
});
afterAll(() => sandbox?.close());

const target = {
  session: 'corp',
  startUrl: SSO_START_URL,
  region: 'us-east-1',
  scopes: ['sso:account:access'],
};

function deps(signal?: AbortSignal) {
  const env = { HOME: tempConfigDir() };
  return {
    env,
    clients: testClients(sandbox, { maxAttempts: 1 }),
    clock,
    ...(signal ? { signal } : {}),
  };
}

async function failureOf(login: Promise<unknown>): Promise<Error> {
  try {
    await login;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the login succeeded');
}

describe('a login by the browser (PKCE)', () => {
  it('says the login was not given when the browser comes back with a refusal, and caches nothing', async () => {
    const d = deps();
    const error = await failureOf(
      authorizationCodeLogin(target, { ...d, oidcEndpoint: sandbox.endpoint }, (authorizeUrl) => {
        // What Identity Center sends the browser back with when the person denies the request.
        const asked = new URL(authorizeUrl);
        const back = new URL(asked.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('state', asked.searchParams.get('state') ?? '');
        void fetch(back);
      }),
    );
    expect(error).toBeInstanceOf(SsoLoginFailed);
    expect(error.message).toBe(
      'IAM Identity Center did not give the login (access_denied): nothing was cached.',
    );
    expect(existsSync(tokenCachePath('corp', d.env))).toBe(false);
  });

  it('ignores a redirect with another state, and stops when the person stops it', async () => {
    const stop = new AbortController();
    const d = deps(stop.signal);
    const error = await failureOf(
      authorizationCodeLogin(target, { ...d, oidcEndpoint: sandbox.endpoint }, (authorizeUrl) => {
        const asked = new URL(authorizeUrl);
        const forged = new URL(asked.searchParams.get('redirect_uri') ?? '');
        forged.searchParams.set('code', 'forged');
        forged.searchParams.set('state', 'not-the-state');
        void fetch(forged).then((answer) => {
          expect(answer.status).toBe(404);
          stop.abort();
        });
      }),
    );
    expect(error).toBeInstanceOf(LoginStopped);
    expect(existsSync(tokenCachePath('corp', d.env))).toBe(false);
  });
});

describe('a login by a device code', () => {
  it('stops while it waits for the approval, and caches nothing', async () => {
    const stop = new AbortController();
    const d = deps(stop.signal);
    const error = await failureOf(deviceLogin(target, d, () => stop.abort()));
    expect(error).toBeInstanceOf(LoginStopped);
    expect(error.message).toBe('The login was stopped: nothing was cached.');
    expect(existsSync(tokenCachePath('corp', d.env))).toBe(false);
  });
});
