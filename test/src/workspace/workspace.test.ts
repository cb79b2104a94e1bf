// The workspace the screens call, against the sandbox with its own AWS files: accounts, an
// account's roles from profiles and IAM, and assuming with MFA codes through the prompt.
import { readFileSync, writeFileSync } from 'node:fs';
import { STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AwsClients, awsClients } from '../../../src/aws/clients';
import { type Clock, systemClock } from '../../../src/clock';
import { MfaPrompt, type MfaPromptState } from '../../../src/mfa/mfa-prompt';
import { rowVerdict } from '../../../src/role-listing/role-rows';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { sandboxVariables } from '../../../src/sandbox/local';
import { DEV, IDENTITY, PROD, VENDOR } from '../../../src/sandbox/seed';
import { SessionStore } from '../../../src/sessions/store';
import { Settings } from '../../../src/settings/settings';
import { Workspace } from '../../../src/workspace/workspace';
import { adjustableClock, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { tempConfigDir } from '../../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  env = sandboxVariables(sandbox.endpoint, files);
  process.env.AWS_ENDPOINT_URL = sandbox.endpoint;
});
afterAll(async () => {
  process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
  files?.remove();
  await sandbox?.close();
});

function workspace(environment = env, clock: Clock = systemClock, clients?: AwsClients) {
  const settings = new Settings({ dir: tempConfigDir() });
  const sessions = new SessionStore(clock, 300);
  const mfa = new MfaPrompt();
  const seen: MfaPromptState[] = [];
  mfa.on((state) => seen.push(state));
  return {
    settings,
    sessions,
    mfa,
    seen,
    ws: new Workspace({ env: environment, settings, sessions, mfa, clock, ...(clients ? { clients } : {}) }),
  };
}

/** Answers each form the prompt puts up with the next code from `codes`. */
function answerWith(mfa: MfaPrompt, codes: Array<() => Promise<string>>) {
  const problems: Array<string | undefined> = [];
  mfa.on((state) => {
    if (state.phase !== 'asking') return;
    problems.push(state.request.problem);
    const next = codes.shift();
    if (next) void next().then((code) => mfa.answer({ serial: state.request.serials[0] ?? '', code }));
    else mfa.cancel();
  });
  return problems;
}

/** A sandbox of the test's own: AWS takes each 30-second step's MFA code once, and some tests change its world. */
async function withOwnSandbox(test: (own: TestSandbox, files: SandboxAwsFiles) => Promise<void>) {
  const own = await startTestSandbox();
  const ownFiles = writeSandboxAwsFiles(own.seeded, own.endpoint);
  process.env.AWS_ENDPOINT_URL = own.endpoint;
  try {
    await test(own, ownFiles);
  } finally {
    process.env.AWS_ENDPOINT_URL = sandbox.endpoint;
    ownFiles.remove();
    await own.close();
  }
}

describe('the workspace', () => {
  it('groups the profiles into accounts, with who reaches each', async () => {
    const { ws } = workspace();
    const { accounts, unplaced } = await ws.accounts();
    expect(accounts.map((a) => a.id).sort()).toEqual([IDENTITY, DEV, PROD, VENDOR].sort());
    const prod = accounts.find((a) => a.id === PROD);
    expect(prod?.roleProfiles).toEqual([
      'prod-admin',
      'prod-breakglass',
      'prod-readonly',
      'prod-vendor-audit',
    ]);
    expect(prod && (await ws.reachedBy(prod))).toEqual(['alice', 'auditor']);
    expect(unplaced).toEqual([]);
  });

  it('learns the alias of an account reached only through role profiles, and shows it from the next start', async () => {
    const { ws, settings, sessions, mfa } = workspace();
    const first = await ws.accounts();
    expect(first.accounts.find((a) => a.id === DEV)?.alias).toBeUndefined();
    // Read through dev's first role profile that needs no code; prod's may not read it.
    expect(await first.aliasesLearnt).toEqual(new Map([[DEV, 'dev']]));
    expect(settings.read().accountAliases).toEqual({ [IDENTITY]: 'identity', [DEV]: 'dev' });

    // A session may read its account's alias too (the vendor's auditor may not).
    answerWith(mfa, []);
    const reporter = (await ws.roles(VENDOR)).rows.find((r) => r.profile?.name === 'vendor-reporter');
    if (!reporter) throw new Error('no vendor-reporter row');
    await ws.assume(reporter, await ws.assumeDefaults(reporter));
    expect(sessions.get('vendor-reporter')).toBeDefined();
    await vi.waitFor(() => expect(settings.read().accountAliases[VENDOR]).toBe('vendor'));

    // The next start, with AWS out of reach: the aliases come from settings.
    const next = new Workspace({
      env,
      settings,
      sessions: new SessionStore(systemClock, 300),
      mfa,
      clock: systemClock,
    });
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    try {
      const { accounts } = await next.accounts();
      expect(accounts.find((a) => a.id === DEV)?.alias).toBe('dev');
    } finally {
      process.env.AWS_ENDPOINT_URL = sandbox.endpoint;
    }
  });

  it('asks again for who a profile is after a failure (offline at start), not only after r', async () => {
    const { ws } = workspace();
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    try {
      const offline = await ws.accounts();
      expect(offline.unplaced).toEqual(['alice', 'auditor', 'bob', 'ci-bot', 'default']);
    } finally {
      process.env.AWS_ENDPOINT_URL = sandbox.endpoint;
    }
    const online = await ws.accounts();
    expect(online.unplaced).toEqual([]);
    expect(online.accounts.find((a) => a.id === IDENTITY)?.identityProfiles).toEqual([
      'alice',
      'bob',
      'ci-bot',
      'default',
    ]);
  });

  it('lists dev’s roles from IAM through a profile that may, merged with the role profiles', async () => {
    const { ws } = workspace();
    const pages: number[] = [];
    const { rows, iam } = await ws.roles(DEV, { onPage: (n) => pages.push(n) });
    expect(iam).toMatchObject({ state: 'listed' });
    expect(pages.at(-1)).toBe(4);
    // One row per role profile, each carrying what IAM said of its role; one for a role with none.
    const admin = rows.filter((r) => r.arn === `arn:aws:iam::${DEV}:role/Admin`);
    expect(admin.map((r) => r.profile?.name)).toEqual(['dev-admin', 'dev-admin-via-developer']);
    expect(admin.map((r) => r.iam?.maxSessionSeconds)).toEqual([12 * 3600, 12 * 3600]);
    expect(rows.filter((r) => r.name === 'ReadOnly').map((r) => r.profile?.name)).toEqual([
      'dev-readonly-via-developer',
    ]);
    // Sorted by role name, as the console lists them, whatever order IAM sent.
    expect(rows.map((r) => r.name)).toEqual(['Admin', 'Admin', 'Deployer', 'Developer', 'ReadOnly']);
  });

  it('judges a row by what its assume would send: session name, external ID, duration', async () => {
    const { ws, settings } = workspace();
    settings.update({ sessionNameTemplate: 'rc-{role}', defaultSessionSeconds: 7200 });
    const reporter = (await ws.roles(VENDOR)).rows.find((r) => r.profile?.name === 'vendor-reporter');
    const admin = (await ws.roles(IDENTITY)).rows.find((r) => r.name === 'Admin' && !r.profile);
    if (!reporter || !admin) throw new Error('rows missing');
    settings.rememberExternalId(admin.arn, 'remembered-1');
    const wouldSend = ws.assumeRequests();
    expect(wouldSend(reporter)).toMatchObject({ sessionName: 'ci-report', durationSeconds: 7200 });
    expect(wouldSend(admin)).toMatchObject({ sessionName: 'rc-Admin', externalId: 'remembered-1' });
    expect(rowVerdict(reporter, await ws.callerFor(reporter), wouldSend(reporter)).kind).toBe(
      'duration-capped',
    );
    expect(
      rowVerdict(reporter, await ws.callerFor(reporter), { ...wouldSend(reporter), durationSeconds: 3600 })
        .kind,
    ).toBe('assumable');
  });

  it('judges two profiles for one role each by its own caller, and opens each by its own key', async () => {
    const { ws } = workspace();
    const { rows } = await ws.roles(DEV);
    const wouldSend = ws.assumeRequests();
    const [direct, viaDeveloper] = rows.filter((r) => r.name === 'Admin');
    if (!direct || !viaDeveloper) throw new Error('two Admin rows expected');
    const verdictOf = async (row: typeof direct) => rowVerdict(row, await ws.callerFor(row), wouldSend(row));
    expect((await verdictOf(direct)).kind).toBe('needs-mfa');
    // Developer's session is not in the account Admin trusts.
    expect((await verdictOf(viaDeveloper)).kind).toBe('denied');
    expect(ws.row(DEV, viaDeveloper.key)?.profile?.name).toBe('dev-admin-via-developer');
    expect(ws.row(DEV, direct.key)?.profile?.name).toBe('dev-admin');
    expect((await ws.assumeDefaults(viaDeveloper)).capReason).toContain('role chaining');
  });

  it('says why prod’s IAM cannot be read before a code, and still lists its role profiles', async () => {
    const { ws } = workspace();
    const { rows, iam } = await ws.roles(PROD);
    expect(iam).toMatchObject({
      state: 'unavailable',
      first: 'assume a role here',
      why: '3 profiles need an MFA code first; profile prod-vendor-audit may not list them.',
    });
    expect(rows.map((r) => r.profile?.name)).toEqual([
      'prod-admin',
      'prod-breakglass',
      'prod-readonly',
      'prod-vendor-audit',
    ]);
  });

  it('assumes an MFA role after a wrong code, shows the MFA session too, and then reads prod’s IAM', async () => {
    const { ws, mfa, sessions, seen } = workspace();
    const codes = [async () => '000000', async () => '000001', () => sandbox.aliceCode()];
    const problems = answerWith(mfa, codes);
    const { rows } = await ws.roles(PROD);
    const admin = rows.find((r) => r.profile?.name === 'prod-admin');
    if (!admin) throw new Error('no prod-admin row');
    const defaults = await ws.assumeDefaults(admin);
    const { session } = await ws.assume(admin, defaults);
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
    const listing = await ws.roles(PROD);
    expect(listing.iam).toMatchObject({ state: 'listed', via: 'session prod-admin' });
    expect(listing.rows.some((r) => r.name === 'Legacy' && !r.profile)).toBe(true);

    // The MFA session serves a role no profile names, assumed from the same user's keys: its
    // mark says so, and the assume asks for no code.
    const identityAdmin = (await ws.roles(IDENTITY)).rows.find((r) => r.name === 'Admin' && !r.profile);
    if (!identityAdmin) throw new Error('no Admin row in the identity account');
    const caller = await ws.callerFor(identityAdmin);
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
    const viaSession = await ws.assume(identityAdmin, await ws.assumeDefaults(identityAdmin));
    expect(problems).toEqual([]);
    expect(viaSession.session.origin).toMatchObject({ mfa: true, chained: true });

    // Renewing the MFA session asks through the same form, which stays up after a wrong code.
    problems.length = 0;
    codes.push(
      async () => '000002',
      () => sandbox.aliceCode(30),
    );
    const before = sessions.get('mfa:alice')?.credentials.accessKeyId;
    const renewed = await sessions.refresh('mfa:alice');
    expect(renewed.credentials.accessKeyId).not.toBe(before);
    expect(problems).toEqual([undefined, expect.stringMatching(/refused the MFA code/)]);
  });

  it('Esc on the MFA form ends the assume with no session', async () => {
    const { ws, mfa, sessions } = workspace();
    answerWith(mfa, []);
    const { rows } = await ws.roles(PROD);
    const readonly = rows.find((r) => r.profile?.name === 'prod-readonly');
    if (!readonly) throw new Error('no prod-readonly row');
    await expect(ws.assume(readonly, await ws.assumeDefaults(readonly))).rejects.toThrow(
      'No MFA code was given.',
    );
    expect(sessions.list()).toEqual([]);
  });

  it('refreshes with rotated keys once r has read the files again, the MFA session too', () =>
    withOwnSandbox(async (own, ownFiles) => {
      const { ws, mfa, sessions } = workspace(sandboxVariables(own.endpoint, ownFiles));
      const codes = [() => own.aliceCode(), () => own.aliceCode(30)];
      answerWith(mfa, codes);
      const rowOf = async (account: string, profile: string) => {
        const row = (await ws.roles(account)).rows.find((r) => r.profile?.name === profile);
        if (!row) throw new Error(`no ${profile} row`);
        return row;
      };
      const developer = await rowOf(DEV, 'dev-developer');
      await ws.assume(developer, await ws.assumeDefaults(developer));
      const admin = await rowOf(PROD, 'prod-admin');
      await ws.assume(admin, await ws.assumeDefaults(admin));
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

      ws.reload();
      await ws.profiles();
      const developerBefore = sessions.get('dev-developer')?.credentials.accessKeyId;
      expect((await sessions.refresh('dev-developer')).credentials.accessKeyId).not.toBe(developerBefore);
      const mfaBefore = sessions.get('mfa:alice')?.credentials.accessKeyId;
      expect((await sessions.refresh('mfa:alice')).credentials.accessKeyId).not.toBe(mfaBefore);
    }));

  /**
   * prod-readonly assumed with a code, which starts alice's MFA session: prod-admin is then
   * assumable through it, with no code.
   */
  async function mfaSessionServingProdAdmin(
    own: TestSandbox,
    ownFiles: SandboxAwsFiles,
    clients?: AwsClients,
  ) {
    const { ws, mfa, sessions } = workspace(sandboxVariables(own.endpoint, ownFiles), systemClock, clients);
    const problems = answerWith(mfa, [() => own.aliceCode(), () => own.aliceCode(30)]);
    const rowOf = async (profile: string) => {
      const row = (await ws.roles(PROD)).rows.find((r) => r.profile?.name === profile);
      if (!row) throw new Error(`no ${profile} row`);
      return row;
    };
    const readonly = await rowOf('prod-readonly');
    await ws.assume(readonly, await ws.assumeDefaults(readonly));
    const admin = await rowOf('prod-admin');
    const verdict = async () =>
      rowVerdict(admin, await ws.callerFor(admin), { durationSeconds: 3600, now: Date.now() }).kind;
    expect(await verdict()).toBe('assumable');
    return { ws, sessions, problems, admin, verdict };
  }

  it('drops an MFA session AWS refuses, says so, and asks for a code at the next assume', () =>
    withOwnSandbox(async (own, ownFiles) => {
      const { ws, sessions, problems, admin, verdict } = await mfaSessionServingProdAdmin(own, ownFiles);

      // AWS no longer takes the MFA session's key (revoked, say).
      const key = sessions.get('mfa:alice')?.credentials.accessKeyId ?? '';
      expect(own.seeded.world.credentials.delete(key)).toBe(true);
      await expect(ws.assume(admin, await ws.assumeDefaults(admin))).rejects.toThrow(
        'AWS refused the MFA session for arn:aws:iam::111111111111:mfa/alice (its key is unknown to AWS, or was revoked); it was dropped: the next assume asks for a code.',
      );
      expect(sessions.get('mfa:alice')).toBeUndefined();
      expect(await verdict()).toBe('needs-mfa');
      expect(problems).toHaveLength(1);

      // The next assume asks for a code, and starts a new MFA session.
      const { session } = await ws.assume(admin, await ws.assumeDefaults(admin));
      expect(problems).toHaveLength(2);
      expect(session.id).toBe('prod-admin');
      expect(sessions.get('mfa:alice')?.credentials.accessKeyId).not.toBe(key);
    }));

  it('keeps a new MFA session started while AWS was refusing the old one', () =>
    withOwnSandbox(async (own, ownFiles) => {
      // AWS's refusals of AssumeRole are held back, once armed, until the test lets them through.
      const real = awsClients({ endpoint: own.endpoint });
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
      const { ws, sessions, problems, admin, verdict } = await mfaSessionServingProdAdmin(
        own,
        ownFiles,
        clients,
      );

      // AWS no longer takes the MFA session's key; while its refusal is on the way, the session
      // is renewed with a new code (the dashboard's r on its row).
      const key = sessions.get('mfa:alice')?.credentials.accessKeyId ?? '';
      own.seeded.world.credentials.delete(key);
      armed = true;
      const assuming = ws.assume(admin, await ws.assumeDefaults(admin));
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
      const { session } = await ws.assume(admin, await ws.assumeDefaults(admin));
      expect(session.id).toBe('prod-admin');
      expect(problems).toHaveLength(2);
    }));

  it('forgets the MFA session when its row is dropped: roles need a code again, and the next assume asks', () =>
    withOwnSandbox(async (own, ownFiles) => {
      const { ws, sessions, problems, admin, verdict } = await mfaSessionServingProdAdmin(own, ownFiles);
      const key = sessions.get('mfa:alice')?.credentials.accessKeyId;

      // d on the dashboard's MFA session row.
      sessions.drop('mfa:alice');
      expect(await verdict()).toBe('needs-mfa');
      await ws.assume(admin, await ws.assumeDefaults(admin));
      expect(problems).toHaveLength(2);
      expect(sessions.get('mfa:alice')?.credentials.accessKeyId).not.toBe(key);
    }));

  it('asks for a new code for a role that wants one younger than the MFA session', () =>
    withOwnSandbox(async (own, ownFiles) => {
      // Only rolecall's clock moves: AWS (the sandbox) judges the code typed at its own time.
      const clock = adjustableClock();
      const { ws, mfa } = workspace(sandboxVariables(own.endpoint, ownFiles), clock);
      const problems = answerWith(mfa, [() => own.aliceCode(), () => own.aliceCode(30)]);
      const rowOf = async (profile: string) => {
        const row = (await ws.roles(PROD)).rows.find((r) => r.profile?.name === profile);
        if (!row) throw new Error(`no ${profile} row`);
        return row;
      };
      const readonly = await rowOf('prod-readonly');
      await ws.assume(readonly, await ws.assumeDefaults(readonly));
      expect(problems).toHaveLength(1);

      // prod's Admin wants MFA used within the hour: the session serves it for its first hour.
      const admin = await rowOf('prod-admin');
      const judging = () => ({ durationSeconds: 3600, now: clock.now() });
      expect(rowVerdict(admin, await ws.callerFor(admin), judging()).kind).toBe('assumable');
      clock.advance(61 * 60_000);
      const later = rowVerdict(admin, await ws.callerFor(admin), judging());
      expect(later).toMatchObject({ kind: 'needs-mfa', text: expect.stringContaining('began 1h 1m ago') });

      const { session, notes } = await ws.assume(admin, await ws.assumeDefaults(admin));
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
      const { ws, mfa, sessions } = workspace(sandboxVariables(own.endpoint, ownFiles));
      const offered: string[][] = [];
      mfa.on((state) => {
        if (state.phase !== 'asking') return;
        offered.push([...state.request.serials]);
        if (offered.length > 3) return mfa.cancel();
        if (offered.length === 1) return mfa.answer({ serial: alice.serial, code: '000000' });
        void own.aliceCode().then((code) => mfa.answer({ serial: alice.serial, code }));
      });
      const { rows, iam } = await ws.roles(IDENTITY);
      expect(iam).toMatchObject({ state: 'listed', via: 'profile alice' });
      const admin = rows.find((r) => r.name === 'Admin');
      if (!admin || admin.profile) throw new Error('Admin should have no profile');
      const { session } = await ws.assume(admin, await ws.assumeDefaults(admin));
      // After a refused code, the form asks again for the device picked.
      expect(offered).toEqual([[alice.serial, backup], [alice.serial]]);
      expect(session.id).toBe(`${IDENTITY}/Admin`);
      expect(sessions.get(`${IDENTITY}/Admin`)?.origin).toMatchObject({
        mfa: true,
        source: 'profile default',
      });
      // Again, while the MFA session that code began lasts: its device, no choice and no code.
      await ws.assume(admin, await ws.assumeDefaults(admin));
      expect(offered).toHaveLength(2);
    }));
});
