// Providers and the session store against the sandbox through the real SDK, with the clock
// moved by hand: one MFA code for many roles, a code asked again only when it must be, and a
// day of sessions refreshed in milliseconds.
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProfileProviderOptions, providerForProfile } from '../../../src/credentials/from-profile';
import type { MfaSessionProvider } from '../../../src/credentials/mfa-session';
import { loadProfiles } from '../../../src/profiles/load';
import type { ProfileSet } from '../../../src/profiles/profile-set';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { renewFromProfile } from '../../../src/sessions/profile-renewal';
import { type SessionEvent, SessionStore } from '../../../src/sessions/store';
import { adjustableClock, startTestSandbox, type TestSandbox, testClients } from '../../helpers/sandbox';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let profiles: ProfileSet;
const clock = adjustableClock();

beforeAll(async () => {
  sandbox = await startTestSandbox({ clock });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  profiles = await loadProfiles({
    env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile },
  });
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

/** Options as the TUI would give them, counting the codes asked for. */
function options(mfaSessions = new Map<string, MfaSessionProvider>()) {
  const asked: string[] = [];
  const opts: ProfileProviderOptions = {
    askCode: async (_serial, why) => {
      asked.push(why);
      // The person types the code their app shows now: a new one each time step.
      clock.advance(30_000);
      return sandbox.aliceCode();
    },
    defaultRegion: 'us-east-1',
    clock,
    defaultDurationSeconds: 3600,
    sessionName: (hop) => `test-${hop.profile}`,
    mfaSessions,
    env: {},
    clients: testClients(sandbox),
  };
  return { opts, asked };
}

describe('one MFA code, many roles', () => {
  it('a second role from the same MFA session asks for nothing', async () => {
    const { opts, asked } = options();
    await providerForProfile(profiles, 'prod-readonly', opts).provider.retrieve();
    await providerForProfile(profiles, 'dev-admin', opts).provider.retrieve();
    expect(asked).toEqual(['to start an MFA session for profile alice']);
  });

  it('a role asked for longer than an hour is assumed with its own code, and the person is told why', async () => {
    const { opts, asked } = options();
    await providerForProfile(profiles, 'prod-readonly', opts).provider.retrieve();
    const long = providerForProfile(profiles, 'dev-admin', { ...opts, durationSeconds: 12 * 3600 });
    const credentials = await long.provider.retrieve();
    expect(asked).toEqual([
      'to start an MFA session for profile alice',
      'to assume arn:aws:iam::222222222222:role/Admin',
    ]);
    expect(long.notes).toEqual([
      'dev-admin asks for 12h: assumed directly with an MFA code, because a role assumed from an MFA session is capped at 1h.',
    ]);
    expect(credentials.expiration?.getTime()).toBe(Math.floor(clock.now() / 1000) * 1000 + 12 * 3600_000);
  });
});

describe('durations', () => {
  it('--duration wins over duration_seconds, which wins over the default', async () => {
    appendFileSync(
      files.configFile,
      '\n[profile dev-long]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = alice\nduration_seconds = 7200\n',
    );
    const reread = await loadProfiles({
      env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile },
    });
    const { opts } = options();
    // The profile asks for 2 h, more than Developer allows; the flag asks for 1 h and wins.
    await expect(providerForProfile(reread, 'dev-long', opts).provider.retrieve()).rejects.toMatchObject({
      name: 'ValidationError',
    });
    const flagged = await providerForProfile(reread, 'dev-long', {
      ...opts,
      durationSeconds: 3600,
    }).provider.retrieve();
    expect(flagged.expiration?.getTime()).toBe(Math.floor(clock.now() / 1000) * 1000 + 3600_000);
  });

  it('a chained profile with no duration of its own gets 1 h, not a longer default, and is told so', async () => {
    const { opts } = options();
    const chained = providerForProfile(profiles, 'dev-readonly-via-developer', {
      ...opts,
      defaultDurationSeconds: 4 * 3600,
    });
    const credentials = await chained.provider.retrieve();
    expect(credentials.expiration?.getTime()).toBe(Math.floor(clock.now() / 1000) * 1000 + 3600_000);
    expect(chained.notes).toEqual([
      'dev-readonly-via-developer is reached by role chaining, so its session lasts 1h, not the default 4h.',
    ]);
  });
});

describe('a day of sessions', () => {
  it('refreshes before expiry all day, re-using the MFA session and asking again only when it ends', async () => {
    const mfaSessions = new Map<string, MfaSessionProvider>();
    const { opts, asked } = options(mfaSessions);
    const renew = renewFromProfile(profiles, 'prod-readonly', opts);
    const store = new SessionStore(clock, 300);
    const events: SessionEvent['type'][] = [];
    store.on((event) => events.push(event.type));
    store.add(
      {
        id: 'prod-readonly',
        credentials: await renew(),
        origin: { profile: 'prod-readonly', source: 'profile alice', mfa: true, chained: true },
        region: 'us-east-1',
        autoRefresh: true,
      },
      renew,
    );
    // A refresh in flight finishes before the clock moves on, as it would in real time.
    const inFlight: Promise<unknown>[] = [];
    store.on((event) => {
      if (event.type === 'expiring') inFlight.push(store.refresh(event.session.id).catch(() => {}));
    });
    const start = clock.now();
    while (clock.now() - start < 24 * 3600_000) {
      clock.advance(60_000);
      store.tick();
      await Promise.all(inFlight.splice(0));
    }

    expect(events.filter((e) => e === 'expired')).toEqual([]);
    expect(events.filter((e) => e === 'refresh-failed')).toEqual([]);
    // A one-hour session refreshed five minutes early: about every 55 minutes.
    // One-hour sessions refreshed five minutes early, in one-minute steps: 26 times in a day.
    expect(events.filter((e) => e === 'refreshed')).toHaveLength(26);
    // The first code at 0 h; the 12-hour MFA session ends and asks once more at 12 h; no more.
    expect(asked).toEqual([
      'to start an MFA session for profile alice',
      'to start an MFA session for profile alice',
    ]);
    expect(store.secondsLeft(store.get('prod-readonly') ?? ({} as never))).toBeGreaterThan(0);
  }, 60_000);
});
