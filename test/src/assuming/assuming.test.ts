// Assuming roles, against the sandbox with its own AWS files: MFA codes through the prompt, the
// sessions put on the dashboard, and their renewals with keys rotated in the files.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sandboxVariables } from '../../../src/sandbox/local';
import { DEV, IDENTITY, PROD } from '../../../src/sandbox/seed';
import { rowVerdict } from '../../../src/verdicts/row-verdict';
import {
  answerWith,
  coreUnderTest,
  sandboxForTheseTests,
  withOwnSandbox,
} from '../../helpers/core-under-test';

const shared = sandboxForTheseTests();

describe('assuming a role', () => {
  it('assumes an MFA role after a wrong code, shows the MFA session too, and then reads prod’s IAM', async () => {
    const { core, mfa, sessions, seen } = coreUnderTest(shared.env);
    const codes = [async () => '000000', async () => '000001', () => shared.sandbox.aliceCode()];
    const problems = answerWith(mfa, codes);
    const { rows } = await core.roleListing.roles(PROD);
    const admin = rows.find((r) => r.profile?.name === 'prod-admin');
    if (!admin) throw new Error('no prod-admin row');
    const defaults = await core.assuming.defaults(admin);
    const { session } = await core.assuming.assume(admin, defaults);
    expect(problems).toEqual([
      undefined,
      expect.stringMatching(/refused the MFA code/),
      expect.stringMatching(/refused the MFA code/),
    ]);
    expect(seen.at(-1)).toEqual({ phase: 'idle' });
    expect(session.id).toBe('prod-admin');
    expect(session.origin).toMatchObject({ mfa: true, chained: true, source: 'profile alice' });
    expect(sessions.list().map((s) => s.id)).toEqual(['mfa:alice', 'prod-admin']);
    // Now a live session in prod may read its IAM.
    const listing = await core.roleListing.roles(PROD);
    expect(listing.iam).toMatchObject({ state: 'listed', via: 'session prod-admin' });
    expect(listing.rows.some((r) => r.name === 'Legacy' && !r.profile)).toBe(true);

    // The MFA session serves a role no profile names, assumed from the same user's keys: its
    // mark says so, and the assume asks for no code.
    const identityAdmin = (await core.roleListing.roles(IDENTITY)).rows.find(
      (r) => r.name === 'Admin' && !r.profile,
    );
    if (!identityAdmin) throw new Error('no Admin row in the identity account');
    const caller = await core.verdicts.callerFor(identityAdmin);
    expect(caller?.mfaSession?.serial).toBe(`arn:aws:iam::${IDENTITY}:mfa/alice`);
    expect(rowVerdict(identityAdmin, caller, { durationSeconds: 3600, now: Date.now() })).toMatchObject({
      kind: 'assumable',
      text: expect.stringMatching(/^Assumable through your MFA session/),
    });
    // Longer than an hour goes straight to AWS with a code.
    expect(rowVerdict(identityAdmin, caller, { durationSeconds: 7200, now: Date.now() }).kind).toBe(
      'needs-mfa',
    );
    problems.length = 0;
    const viaSession = await core.assuming.assume(identityAdmin, await core.assuming.defaults(identityAdmin));
    expect(problems).toEqual([]);
    expect(viaSession.session.origin).toMatchObject({ mfa: true, chained: true });

    // Renewing the MFA session asks through the same form, which stays up after a wrong code.
    problems.length = 0;
    codes.push(
      async () => '000002',
      () => shared.sandbox.aliceCode(30),
    );
    const before = sessions.get('mfa:alice')?.credentials.accessKeyId;
    const renewed = await sessions.refresh('mfa:alice');
    expect(renewed.credentials.accessKeyId).not.toBe(before);
    expect(problems).toEqual([undefined, expect.stringMatching(/refused the MFA code/)]);
  });

  it('Esc on the MFA form ends the assume with no session', async () => {
    const { core, mfa, sessions } = coreUnderTest(shared.env);
    answerWith(mfa, []);
    const { rows } = await core.roleListing.roles(PROD);
    const readonly = rows.find((r) => r.profile?.name === 'prod-readonly');
    if (!readonly) throw new Error('no prod-readonly row');
    await expect(core.assuming.assume(readonly, await core.assuming.defaults(readonly))).rejects.toThrow(
      'No MFA code was given.',
    );
    expect(sessions.list()).toEqual([]);
  });

  it('refreshes with rotated keys once r has read the files again, the MFA session too', () =>
    withOwnSandbox(async (own, ownFiles) => {
      const { core, mfa, sessions } = coreUnderTest(sandboxVariables(own.endpoint, ownFiles));
      const codes = [() => own.aliceCode(), () => own.aliceCode(30)];
      answerWith(mfa, codes);
      const rowOf = async (account: string, profile: string) => {
        const row = (await core.roleListing.roles(account)).rows.find((r) => r.profile?.name === profile);
        if (!row) throw new Error(`no ${profile} row`);
        return row;
      };
      const developer = await rowOf(DEV, 'dev-developer');
      await core.assuming.assume(developer, await core.assuming.defaults(developer));
      const admin = await rowOf(PROD, 'prod-admin');
      await core.assuming.assume(admin, await core.assuming.defaults(admin));
      expect(sessions.list().map((s) => s.id)).toEqual(['dev-developer', 'mfa:alice', 'prod-admin']);

      // alice rotates her keys: a new pair in the files, the old one deleted in AWS.
      const old = own.seeded.keys.alice;
      const rotated = own.seeded.world.issueUserKeys(IDENTITY, 'alice');
      own.seeded.world.credentials.delete(old.accessKeyId);
      const file = readFileSync(ownFiles.credentialsFile, 'utf8');
      writeFileSync(
        ownFiles.credentialsFile,
        file
          .replaceAll(old.accessKeyId, rotated.accessKeyId)
          .replaceAll(old.secretAccessKey, rotated.secretAccessKey),
      );
      await expect(sessions.refresh('dev-developer')).rejects.toThrow();

      core.reload();
      await core.profiles.read();
      const developerBefore = sessions.get('dev-developer')?.credentials.accessKeyId;
      expect((await sessions.refresh('dev-developer')).credentials.accessKeyId).not.toBe(developerBefore);
      const mfaBefore = sessions.get('mfa:alice')?.credentials.accessKeyId;
      expect((await sessions.refresh('mfa:alice')).credentials.accessKeyId).not.toBe(mfaBefore);
    }));
});
