// The accounts, against the sandbox with its own AWS files: the profiles grouped into accounts,
// who reaches each, whose keys are whose (asked again after a failure), and the aliases learnt.
import { describe, expect, it, vi } from 'vitest';
import { DEV, IDENTITY, PROD, VENDOR } from '../../../src/sandbox/seed';
import { answerWith, coreUnderTest, sandboxForTheseTests } from '../../helpers/core-under-test';

const NOWHERE = 'http://127.0.0.1:9';

const shared = sandboxForTheseTests();

describe('the accounts', () => {
  it('groups the profiles into accounts, with who reaches each', async () => {
    const { core } = coreUnderTest(shared.env);
    const { accounts, unplaced } = await core.accounts.list();
    expect(accounts.map((a) => a.id).sort()).toEqual([IDENTITY, DEV, PROD, VENDOR].sort());
    const prod = accounts.find((a) => a.id === PROD);
    expect(prod?.roleProfiles).toEqual([
      'prod-admin',
      'prod-breakglass',
      'prod-readonly',
      'prod-vendor-audit',
    ]);
    expect(prod && (await core.accounts.reachedBy(prod))).toEqual(['alice', 'auditor']);
    expect(unplaced).toEqual([]);
  });

  it('learns the alias of an account reached only through role profiles, and shows it from the next start', async () => {
    const { core, settings, sessions, mfa } = coreUnderTest(shared.env);
    const first = await core.accounts.list();
    expect(first.accounts.find((a) => a.id === DEV)?.alias).toBeUndefined();
    // Read through dev's first role profile that needs no code; prod's may not read it.
    expect(await first.aliasesLearnt).toEqual(new Map([[DEV, 'dev']]));
    expect(settings.read().accountAliases).toEqual({ [IDENTITY]: 'identity', [DEV]: 'dev' });

    // A session may read its account's alias too (the vendor's auditor may not).
    answerWith(mfa, []);
    const reporter = (await core.roleListing.roles(VENDOR)).rows.find(
      (r) => r.profile?.name === 'vendor-reporter',
    );
    if (!reporter) throw new Error('no vendor-reporter row');
    await core.assuming.assume(reporter, await core.assuming.defaults(reporter));
    expect(sessions.get('vendor-reporter')).toBeDefined();
    await vi.waitFor(() => expect(settings.read().accountAliases[VENDOR]).toBe('vendor'));

    // The next start, with AWS out of reach: the aliases come from settings.
    const next = coreUnderTest({ ...shared.env, AWS_ENDPOINT_URL: NOWHERE }, { settings }).core;
    const { accounts } = await next.accounts.list();
    expect(accounts.find((a) => a.id === DEV)?.alias).toBe('dev');
  });

  it('asks again for who a profile is after a failure (offline at start), not only after r', async () => {
    // The core's environment, with its endpoint out of reach at first: each client reads it when made.
    const changing = { ...shared.env, AWS_ENDPOINT_URL: NOWHERE };
    const { core } = coreUnderTest(changing);
    const offline = await core.accounts.list();
    expect(offline.unplaced).toEqual(['alice', 'auditor', 'bob', 'ci-bot', 'default']);
    changing.AWS_ENDPOINT_URL = shared.sandbox.endpoint;
    const online = await core.accounts.list();
    expect(online.unplaced).toEqual([]);
    expect(online.accounts.find((a) => a.id === IDENTITY)?.identityProfiles).toEqual([
      'alice',
      'bob',
      'ci-bot',
      'default',
    ]);
  });
});
