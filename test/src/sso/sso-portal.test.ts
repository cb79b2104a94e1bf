// IAM Identity Center's portal as the accounts and roles screens ask it, against the sandbox's
// through the real SSO SDK: the logins the config names (an [sso-session] and a legacy start
// URL, each once), no call without a cached login, the accounts with the organisation's names
// and the permission sets once logged in, a login past its time, and a portal that fails.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadedProfiles } from '../../../src/profiles/loaded-profiles';
import { SSO_START_URL } from '../../../src/sandbox/identity-center';
import { DEV, PROD } from '../../../src/sandbox/seed';
import { deviceLogin } from '../../../src/sso/sso-login';
import { ssoLoginsOf } from '../../../src/sso/sso-logins';
import { SsoPortal } from '../../../src/sso/sso-portal';
import { tokenCachePath, writeCachedToken } from '../../../src/sso/token-cache';
import { NOWHERE } from '../../helpers/nowhere';
import { adjustableClock, startTestSandbox, type TestSandbox, testClients } from '../../helpers/sandbox';
import { tempConfigDir } from '../../helpers/temp-dirs';

let sandbox: TestSandbox;
const clock = adjustableClock();

beforeAll(async () => {
  sandbox = await startTestSandbox({ clock, identityCenter: true });
});
afterAll(() => sandbox?.close());

/** A home with this config, and a portal on it. */
function portalWith(
  config: string,
  target: { endpoint: string } = sandbox,
  timeouts = { connectSeconds: 3, requestSeconds: 15 },
) {
  const home = tempConfigDir();
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), config);
  writeFileSync(join(home, '.aws', 'credentials'), '');
  const env = {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
  };
  const clients = testClients(target, { maxAttempts: 1, timeouts });
  const profiles = new LoadedProfiles(env);
  return { portal: new SsoPortal({ profiles, clients, clock, env }), profiles, clients, env };
}

const CONFIG = [
  '[sso-session corp]',
  `sso_start_url = ${SSO_START_URL}`,
  'sso_region = us-east-1',
  '',
  '[profile dev-sso]',
  'sso_session = corp',
  `sso_account_id = ${DEV}`,
  'sso_role_name = DeveloperAccess',
  '',
  '[profile legacy-a]',
  'sso_start_url = https://legacy.awsapps.com/start',
  'sso_region = eu-west-1',
  `sso_account_id = ${DEV}`,
  'sso_role_name = ReadOnlyAccess',
  '',
  '[profile legacy-b]',
  'sso_start_url = https://legacy.awsapps.com/start',
  'sso_region = eu-west-1',
  `sso_account_id = ${PROD}`,
  'sso_role_name = ReadOnlyAccess',
  '',
  '[sso-session half]',
  'sso_region = us-east-1',
  '',
].join('\n');

describe('the logins the config names', () => {
  it('are each [sso-session] and each legacy start URL once; a session with no start URL is none', async () => {
    const { profiles } = portalWith(CONFIG);
    const logins = ssoLoginsOf(await profiles.read());
    expect(logins.map((l) => [l.key, l.session, l.region, l.profile, l.profiles])).toEqual([
      ['corp', 'corp', 'us-east-1', undefined, ['dev-sso']],
      ['https://legacy.awsapps.com/start', undefined, 'eu-west-1', 'legacy-a', ['legacy-a', 'legacy-b']],
    ]);
  });
});

describe('the portal', () => {
  it('says a login is needed, with no call, when none is cached', async () => {
    // Pointed nowhere: a call would fail, not say a login is needed.
    const { portal } = portalWith(CONFIG, { endpoint: NOWHERE });
    const states = await portal.accounts();
    expect(states.map((s) => [s.login.key, s.state])).toEqual([
      ['corp', 'login-needed'],
      ['https://legacy.awsapps.com/start', 'login-needed'],
    ]);
    const [corp] = states;
    expect(corp?.state === 'login-needed' && corp.why).toContain('aws sso login --sso-session corp');
  });

  it('lists the accounts with their names, and each account’s permission sets, once logged in', async () => {
    const { portal, profiles, clients, env } = portalWith(CONFIG);
    const [corp] = ssoLoginsOf(await profiles.read());
    if (!corp) throw new Error('no login');
    await deviceLogin(corp, { clients, clock, env, sleep: async () => {} }, async (prompt) => {
      await fetch(prompt.verificationUriComplete);
    });
    const [listed] = await portal.accounts();
    expect(listed).toMatchObject({
      state: 'listed',
      accounts: [
        { id: DEV, name: 'dev' },
        { id: PROD, name: 'prod' },
      ],
    });
    expect(await portal.roles(corp, DEV)).toEqual(['DeveloperAccess', 'ReadOnlyAccess']);
    expect(await portal.roles(corp, PROD)).toEqual(['ReadOnlyAccess']);
    // Kept for the run: the same answer, not asked again.
    expect(await portal.accounts()).toEqual(await portal.accounts());
  });

  it('says a login is needed again once the cached one is past its time', async () => {
    const { portal, env } = portalWith(CONFIG);
    writeCachedToken(tokenCachePath('corp', env), {
      startUrl: SSO_START_URL,
      region: 'us-east-1',
      accessToken: 'old',
      expiresAt: new Date(clock.now() - 1000),
    });
    const [corp] = await portal.accounts();
    expect(corp?.state).toBe('login-needed');
    expect(corp?.state === 'login-needed' && corp.why).toContain('has expired');
  });

  it('says a token the portal no longer takes means logging in again', async () => {
    const { portal, env } = portalWith(CONFIG);
    writeCachedToken(tokenCachePath('corp', env), {
      startUrl: SSO_START_URL,
      region: 'us-east-1',
      accessToken: 'not-a-token-the-portal-gave',
      expiresAt: new Date(clock.now() + 3600_000),
    });
    const [corp] = await portal.accounts();
    expect(corp?.state === 'login-needed' && corp.why).toBe(
      `IAM Identity Center no longer takes the login for ${SSO_START_URL}.`,
    );
  });

  it('says what failed, and is asked again at the next look, when the portal fails', async () => {
    const failing = await startTestSandbox({ identityCenter: true, fault: { mode: { kind: '5xx' } } });
    try {
      const { portal, env } = portalWith(CONFIG, failing);
      writeCachedToken(tokenCachePath('corp', env), {
        startUrl: SSO_START_URL,
        region: 'us-east-1',
        accessToken: 'tok-secret-5xx',
        expiresAt: new Date(clock.now() + 3600_000),
      });
      const [corp] = await portal.accounts();
      expect(corp?.state).toBe('failed');
      expect(corp?.state === 'failed' && corp.why).toMatch(/list your accounts in IAM Identity Center/);
      expect(corp?.state === 'failed' && corp.why).not.toContain('tok-secret-5xx');
      const again = await portal.accounts();
      expect(again[0]).not.toBe(corp);
    } finally {
      await failing.close();
    }
  });

  it('ends a call the portal never answers at the request timeout, and says so', async () => {
    // Only ListAccountRoles hangs: the accounts are listed, the sets are not.
    const hanging = await startTestSandbox({
      identityCenter: true,
      fault: { mode: { kind: 'hang' }, action: 'ListAccountRoles' },
    });
    try {
      const { portal, profiles, clients, env } = portalWith(CONFIG, hanging, {
        connectSeconds: 1,
        requestSeconds: 1,
      });
      const [corp] = ssoLoginsOf(await profiles.read());
      if (!corp) throw new Error('no login');
      await deviceLogin(corp, { clients, clock, env, sleep: async () => {} }, async (prompt) => {
        await fetch(prompt.verificationUriComplete);
      });
      const [listed] = await portal.accounts();
      expect(listed?.state).toBe('listed');
      const error = await portal.roles(corp, DEV).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.name).toMatch(/Timeout|TimeoutError|RequestTimeout/);
      expect(hanging.faulted()).toBe(1);
    } finally {
      await hanging.close();
    }
  });
});
