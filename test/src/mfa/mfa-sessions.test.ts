// The MFA sessions an assume starts, each on a sandbox of the test's own (AWS takes each
// 30-second step's code once): one code serving many roles, dropped when AWS refuses it or its
// row is dropped, a new code for a role that wants a younger one, and a device picked of several.
import { appendFileSync } from 'node:fs';
import { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { type AwsClients, awsClients } from '../../../src/aws/clients';
import { providerForProfile } from '../../../src/credentials/from-profile';
import { MfaCodes } from '../../../src/mfa/mfa-codes';
import { MfaPrompt } from '../../../src/mfa/mfa-prompt';
import { MfaSessions } from '../../../src/mfa/mfa-sessions';
import { loadProfiles } from '../../../src/profiles/load';
import type { SandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { sandboxVariables } from '../../../src/sandbox/local';
import { DEV, IDENTITY, PROD } from '../../../src/sandbox/seed';
import { SessionStore } from '../../../src/sessions/store';
import { rowVerdict } from '../../../src/verdicts/row-verdict';
import { answerWith, coreUnderTest, withOwnSandbox } from '../../helpers/core-under-test';
import { adjustableClock, type TestSandbox, testClients } from '../../helpers/sandbox';

describe('MFA sessions', () => {
  /**
   * prod-readonly assumed with a code, which starts alice's MFA session: prod-admin is then
   * assumable through it, with no code.
   */
  async function mfaSessionServingProdAdmin(
    own: TestSandbox,
    ownFiles: SandboxAwsFiles,
    clients?: AwsClients,
  ) {
    const { core, mfa, sessions } = coreUnderTest(
      sandboxVariables(own.endpoint, ownFiles),
      clients ? { clients } : {},
    );
    const problems = answerWith(mfa, [() => own.aliceCode(), () => own.aliceCode(30)]);
    const rowOf = async (profile: string) => {
      const row = (await core.roleListing.roles(PROD)).rows.find((r) => r.profile?.name === profile);
      if (!row) throw new Error(`no ${profile} row`);
      return row;
    };
    const readonly = await rowOf('prod-readonly');
    await core.assuming.assume(readonly, await core.assuming.defaults(readonly));
    const admin = await rowOf('prod-admin');
    const verdict = async () =>
      rowVerdict(admin, await core.verdicts.callerFor(admin), { durationSeconds: 3600, now: Date.now() })
        .kind;
    expect(await verdict()).toBe('assumable');
    return { core, sessions, problems, admin, verdict };
  }

  it('drops an MFA session AWS refuses, says so, and asks for a code at the next assume', () =>
    withOwnSandbox(async (own, ownFiles) => {
      const { core, sessions, problems, admin, verdict } = await mfaSessionServingProdAdmin(own, ownFiles);

      // AWS no longer takes the MFA session's key (revoked, say).
      const key = sessions.get('mfa:alice')?.credentials.accessKeyId ?? '';
      expect(own.seeded.world.credentials.delete(key)).toBe(true);
      await expect(core.assuming.assume(admin, await core.assuming.defaults(admin))).rejects.toThrow(
        'AWS refused the MFA session for arn:aws:iam::111111111111:mfa/alice (its key is unknown to AWS, or was revoked); it was dropped: the next assume asks for a code.',
      );
      expect(sessions.get('mfa:alice')).toBeUndefined();
      expect(await verdict()).toBe('needs-mfa');
      expect(problems).toHaveLength(1);

      // The next assume asks for a code, and starts a new MFA session.
      const { session } = await core.assuming.assume(admin, await core.assuming.defaults(admin));
      expect(problems).toHaveLength(2);
      expect(session.id).toBe('prod-admin');
      expect(sessions.get('mfa:alice')?.credentials.accessKeyId).not.toBe(key);
    }));

  it('keeps a new MFA session started while AWS was refusing the old one', () =>
    withOwnSandbox(async (own, ownFiles) => {
      // AWS's refusals of AssumeRole are held back, once armed, until the test lets them through.
      const real = awsClients({ endpoint: own.endpoint, env: {} });
      let armed = false;
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let heard = () => {};
      const refused = new Promise<void>((resolve) => {
        heard = resolve;
      });
      const clients: AwsClients = {
        ...real,
        make(Client, service, credentials, region) {
          const client = real.make(Client, service, credentials, region);
          if (client instanceof STSClient) {
            client.middlewareStack.add(
              (next, context) => async (args) => {
                try {
                  return await next(args);
                } catch (error) {
                  if (armed && context.commandName === 'AssumeRoleCommand') {
                    heard();
                    await released;
                  }
                  throw error;
                }
              },
              { step: 'initialize' },
            );
          }
          return client;
        },
      };
      const { core, sessions, problems, admin, verdict } = await mfaSessionServingProdAdmin(
        own,
        ownFiles,
        clients,
      );

      // AWS no longer takes the MFA session's key; while its refusal is on the way, the session
      // is renewed with a new code (the dashboard's r on its row).
      const key = sessions.get('mfa:alice')?.credentials.accessKeyId ?? '';
      own.seeded.world.credentials.delete(key);
      armed = true;
      const assuming = core.assuming.assume(admin, await core.assuming.defaults(admin));
      const failed = expect(assuming).rejects.toThrow('AWS refused the MFA session');
      await refused;
      armed = false;
      await sessions.refresh('mfa:alice');
      expect(problems).toHaveLength(2);
      release();
      await failed;

      // The new session lives on: on the dashboard, in the marks, and for the next assume.
      expect(sessions.get('mfa:alice')?.credentials.accessKeyId).not.toBe(key);
      expect(await verdict()).toBe('assumable');
      const { session } = await core.assuming.assume(admin, await core.assuming.defaults(admin));
      expect(session.id).toBe('prod-admin');
      expect(problems).toHaveLength(2);
    }));

  it('forgets the MFA session when its row is dropped: roles need a code again, and the next assume asks', () =>
    withOwnSandbox(async (own, ownFiles) => {
      const { core, sessions, problems, admin, verdict } = await mfaSessionServingProdAdmin(own, ownFiles);
      const key = sessions.get('mfa:alice')?.credentials.accessKeyId;

      // d on the dashboard's MFA session row.
      sessions.drop('mfa:alice');
      expect(await verdict()).toBe('needs-mfa');
      await core.assuming.assume(admin, await core.assuming.defaults(admin));
      expect(problems).toHaveLength(2);
      expect(sessions.get('mfa:alice')?.credentials.accessKeyId).not.toBe(key);
    }));

  it('asks for a new code for a role that wants one younger than the MFA session', () =>
    withOwnSandbox(async (own, ownFiles) => {
      // Only rolecall's clock moves: AWS (the sandbox) judges the code typed at its own time.
      const clock = adjustableClock();
      const { core, mfa } = coreUnderTest(sandboxVariables(own.endpoint, ownFiles), { clock });
      const problems = answerWith(mfa, [() => own.aliceCode(), () => own.aliceCode(30)]);
      const rowOf = async (profile: string) => {
        const row = (await core.roleListing.roles(PROD)).rows.find((r) => r.profile?.name === profile);
        if (!row) throw new Error(`no ${profile} row`);
        return row;
      };
      const readonly = await rowOf('prod-readonly');
      await core.assuming.assume(readonly, await core.assuming.defaults(readonly));
      expect(problems).toHaveLength(1);

      // prod's Admin wants MFA used within the hour: the session serves it for its first hour.
      const admin = await rowOf('prod-admin');
      const judging = () => ({ durationSeconds: 3600, now: clock.now() });
      expect(rowVerdict(admin, await core.verdicts.callerFor(admin), judging()).kind).toBe('assumable');
      clock.advance(61 * 60_000);
      const later = rowVerdict(admin, await core.verdicts.callerFor(admin), judging());
      expect(later).toMatchObject({ kind: 'needs-mfa', text: expect.stringContaining('began 1h 1m ago') });

      const { session, notes } = await core.assuming.assume(admin, await core.assuming.defaults(admin));
      expect(problems).toHaveLength(2);
      expect(notes).toContain(
        "Admin wants a newer MFA code than your MFA session's, so a new code was asked for.",
      );
      // Assumed straight from alice's keys with the code: not role chaining.
      expect(session.origin).toMatchObject({ mfa: true, chained: false });
    }));

  it('offers a choice of devices for a role no profile names, and keeps to the one picked', () =>
    withOwnSandbox(async (own, ownFiles) => {
      // A sandbox of its own: AWS takes each 30-second step's code once.
      // A second device for alice: the MFA form must list both.
      const devices = own.seeded.world.account(IDENTITY).mfaDevices;
      const alice = devices.get(`arn:aws:iam::${IDENTITY}:mfa/alice`);
      if (!alice) throw new Error('no alice device');
      const backup = `arn:aws:iam::${IDENTITY}:mfa/alice-backup`;
      devices.set(backup, { ...alice, serial: backup });
      const { core, mfa, sessions } = coreUnderTest(sandboxVariables(own.endpoint, ownFiles));
      const offered: string[][] = [];
      mfa.on((state) => {
        if (state.phase !== 'asking') return;
        offered.push([...state.request.serials]);
        if (offered.length > 2) return mfa.cancel();
        if (offered.length === 1) return mfa.answer({ serial: alice.serial, code: '000000' });
        void own.aliceCode().then((code) => mfa.answer({ serial: alice.serial, code }));
      });
      const { rows, iam } = await core.roleListing.roles(IDENTITY);
      expect(iam).toMatchObject({ state: 'listed', via: 'profile alice' });
      const admin = rows.find((r) => r.name === 'Admin');
      if (!admin || admin.profile) throw new Error('Admin should have no profile');
      const { session } = await core.assuming.assume(admin, await core.assuming.defaults(admin));
      // After a refused code, the form asks again for the device picked.
      expect(offered).toEqual([[alice.serial, backup], [alice.serial]]);
      expect(session.id).toBe(`${IDENTITY}/Admin`);
      expect(sessions.get(`${IDENTITY}/Admin`)?.origin).toMatchObject({
        mfa: true,
        source: 'profile default',
      });
      // Again, while the MFA session that code began lasts: its device, no choice and no code.
      await core.assuming.assume(admin, await core.assuming.defaults(admin));
      expect(offered).toHaveLength(2);
      // For 2h the MFA session cannot serve (role chaining is 1h at most): a code is needed, and
      // the choice of device is offered again rather than taken from the live session.
      const longer = { ...(await core.assuming.defaults(admin)), durationSeconds: 7200 };
      await expect(core.assuming.assume(admin, longer)).rejects.toThrow('No MFA code was given.');
      expect(offered[2]).toEqual([alice.serial, backup]);
    }));

  it('spares a code only to a chain an assume would send through the live MFA session', () =>
    withOwnSandbox(async (own, ownFiles) => {
      const alice = `arn:aws:iam::${IDENTITY}:mfa/alice`;
      // Two profiles that name alice's device but would not go through her MFA session: one
      // reached through another role (only the role right on a user's keys may), and one that
      // asks for 2h (what is assumed from an MFA session is role chaining: 1h at most).
      appendFileSync(
        ownFiles.configFile,
        `\n[profile readonly-via-developer-mfa]\nrole_arn = arn:aws:iam::${DEV}:role/ReadOnly\n` +
          `source_profile = dev-developer\nmfa_serial = ${alice}\n` +
          `\n[profile prod-readonly-2h]\nrole_arn = arn:aws:iam::${PROD}:role/ReadOnly\n` +
          `source_profile = alice\nmfa_serial = ${alice}\nduration_seconds = 7200\n`,
      );
      const env = sandboxVariables(own.endpoint, ownFiles);
      const set = await loadProfiles({ env });
      const clock = own.seeded.world.clock;
      const prompt = new MfaPrompt();
      answerWith(prompt, [() => own.aliceCode()]);
      const codes = new MfaCodes(prompt, clock);
      const mfaSessions = new MfaSessions({
        env,
        sessions: new SessionStore(clock, 300),
        codes,
        rowRegion: () => 'us-east-1',
      });
      const chains = ['prod-readonly', 'prod-admin', 'readonly-via-developer-mfa', 'prod-readonly-2h'];
      const asking = () => chains.filter((name) => mfaSessions.wouldAskForCode(set, name));
      expect(asking()).toEqual(chains);

      // A code for prod-readonly starts alice's MFA session.
      const { provider } = providerForProfile(set, 'prod-readonly', {
        askCode: codes.ask,
        defaultRegion: 'us-east-1',
        clock,
        defaultDurationSeconds: 3600,
        sessionName: () => 'rolecall-test',
        mfaSessions: mfaSessions.byDevice,
        env,
        clients: testClients(own),
      });
      await codes.run(() => provider.retrieve());
      expect(mfaSessions.liveFor(alice)).toBeDefined();
      expect(asking()).toEqual(['readonly-via-developer-mfa', 'prod-readonly-2h']);
    }));
});
