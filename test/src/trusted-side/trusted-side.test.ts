// The trusted side through the core, against the sandbox over HTTP: where the policy can go,
// who may put it there, putting it on (then the user can assume the role) and off, and the
// config profile written and read back as the SDK reads it.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients';
import { loadProfiles } from '../../../src/profiles/load';
import { sandboxVariables } from '../../../src/sandbox/local';
import { IDENTITY, PROD } from '../../../src/sandbox/seed';
import type { IdentityPolicy } from '../../../src/trusted-side/identity-policy';
import { withSuffix } from '../../../src/trusted-side/trusted-side';
import { coreUnderTest, withOwnSandbox } from '../../helpers/core-under-test';
import { failure, type TestSandbox, testClients } from '../../helpers/sandbox';

const DEPLOY = `arn:aws:iam::${PROD}:role/Deploy`;
const ALICE_MFA = `arn:aws:iam::${IDENTITY}:mfa/alice`;
const trustText = (condition?: object) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${IDENTITY}:root` },
        Action: 'sts:AssumeRole',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });

function addRole(sandbox: TestSandbox, name: string, text: string) {
  sandbox.seeded.world.addRole(PROD, name, JSON.parse(text));
  return `arn:aws:iam::${PROD}:role/${name}`;
}

async function identityAdminSession(sandbox: TestSandbox, role = 'Admin') {
  const out = await sandbox.sts(sandbox.seeded.keys.alice).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${IDENTITY}:role/${role}`,
      RoleSessionName: 'admin',
      SerialNumber: ALICE_MFA,
      TokenCode: await sandbox.aliceCode(),
    }),
  );
  const credentials = {
    accessKeyId: out.Credentials?.AccessKeyId ?? '',
    secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
    sessionToken: out.Credentials?.SessionToken ?? '',
    expiration: out.Credentials?.Expiration ?? new Date(),
  };
  return {
    id: `identity-${role.toLowerCase()}`,
    region: 'us-east-1',
    autoRefresh: false,
    origin: {
      roleArn: `arn:aws:iam::${IDENTITY}:role/${role}`,
      source: 'profile alice',
      mfa: true,
      chained: false,
    },
    credentials,
  };
}

function ok<T>(result: { ok: true; policy: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.policy;
}

describe('the trusted side against the sandbox', () => {
  it('finds each user of your key profiles in the trusted account, and their groups', () =>
    withOwnSandbox(async (sandbox, files) => {
      const text = trustText();
      addRole(sandbox, 'Deploy', text);
      const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files));
      const side = await core.trustedSide();
      const targets = await side.targets(ok(side.policy(DEPLOY, text)));
      expect(targets.map((t) => t.account)).toEqual([IDENTITY]);
      const places = targets[0]?.targets.map((t) => [t.kind, t.name, t.profiles.sort().join(' ')]);
      expect(places).toEqual(
        expect.arrayContaining([
          ['user', 'alice', 'alice default'],
          ['user', 'bob', 'bob'],
          ['user', 'ci-bot', 'ci-bot'],
          ['group', 'engineers', 'alice bob default'],
        ]),
      );
      // auditor's keys are a vendor's user: the trust does not admit them.
      expect(places?.some(([, name]) => name === 'auditor')).toBe(false);
    }));

  it('says plainly when none of yours may write IAM there, with what to ask an admin', () =>
    withOwnSandbox(async (sandbox, files) => {
      const text = trustText();
      addRole(sandbox, 'Deploy', text);
      const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files));
      const side = await core.trustedSide();
      const policy = ok(side.policy(DEPLOY, text));
      const ciBot = (await side.targets(policy))[0]?.targets.find((t) => t.name === 'ci-bot');
      if (!ciBot) throw new Error('ci-bot is a target');
      const outcome = await side.attach(ciBot, policy);
      expect(outcome).toMatchObject({ ok: false, askAdmin: true });
      expect(outcome.ok === false && outcome.message).toMatch(
        /^No profile or session of yours may write IAM in 111111111111 \(.*profile alice may not.*\)\. Ask an admin of 111111111111 to attach this policy to user ci-bot as AssumeRole-Deploy:$/,
      );
    }));

  it('puts the policy on the user through a session that may, and then the user can assume the role; undo takes it off', () =>
    withOwnSandbox(async (sandbox, files) => {
      const text = trustText();
      addRole(sandbox, 'Deploy', text);
      const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files));
      core.sessions.add(await identityAdminSession(sandbox), async () => {
        throw new Error('not renewed in this test');
      });
      const side = await core.trustedSide();
      const policy = ok(side.policy(DEPLOY, text));
      expect((await side.writers(IDENTITY))[0]).toBe('session identity-admin');
      const ciBot = (await side.targets(policy))[0]?.targets.find((t) => t.name === 'ci-bot');
      if (!ciBot) throw new Error('ci-bot is a target');
      const assume = () =>
        sandbox
          .sts(sandbox.seeded.keys['ci-bot'])
          .send(new AssumeRoleCommand({ RoleArn: DEPLOY, RoleSessionName: 'ci' }));
      expect((await failure(assume())).name).toBe('AccessDenied');
      const outcome = await side.attach(ciBot, policy);
      expect(outcome).toMatchObject({
        ok: true,
        via: 'session identity-admin',
        already: false,
        call: {
          action: 'PutUserPolicy',
          holder: { kind: 'user', name: 'ci-bot' },
          policyName: 'AssumeRole-Deploy',
        },
      });
      expect((await assume()).AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/Deploy/ci`);
      // Again: it is there word for word, so nothing is sent and nothing is replaced.
      expect(await side.attach(ciBot, policy)).toMatchObject({ ok: true, already: true });
      if (!outcome.ok) return;
      expect(await side.undo(outcome)).toEqual({ ok: true });
      expect((await failure(assume())).name).toBe('AccessDenied');
    }));

  it('never replaces another policy of the same name: the next free name is used', () =>
    withOwnSandbox(async (sandbox, files) => {
      const text = trustText();
      addRole(sandbox, 'Deploy', text);
      const group = sandbox.seeded.world.account(IDENTITY).groups.get('engineers');
      group?.inlinePolicies.set('AssumeRole-Deploy', '{"Version":"2012-10-17","Statement":[]}');
      const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files));
      core.sessions.add(await identityAdminSession(sandbox), async () => {
        throw new Error('not renewed in this test');
      });
      const side = await core.trustedSide();
      const policy = ok(side.policy(DEPLOY, text));
      const engineers = (await side.targets(policy))[0]?.targets.find((t) => t.kind === 'group');
      if (!engineers) throw new Error('engineers is a target');
      const outcome = await side.attach(engineers, policy);
      expect(outcome).toMatchObject({
        ok: true,
        call: { action: 'PutGroupPolicy', policyName: 'AssumeRole-Deploy-2' },
      });
      expect(group?.inlinePolicies.get('AssumeRole-Deploy')).toBe('{"Version":"2012-10-17","Statement":[]}');
      expect(JSON.parse(group?.inlinePolicies.get('AssumeRole-Deploy-2') ?? '')).toEqual(
        JSON.parse(policy.document),
      );
    }));

  it('puts the policy through a session that may put but not read policies, under a name that replaces none', () =>
    withOwnSandbox(async (sandbox, files) => {
      const text = trustText();
      addRole(sandbox, 'Deploy', text);
      const granter = sandbox.seeded.world.addRole(IDENTITY, 'Granter', {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${IDENTITY}:user/alice` },
            Action: 'sts:AssumeRole',
          },
        ],
      });
      granter.inlinePolicies.set(
        'put-only',
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['iam:PutUserPolicy', 'iam:DeleteUserPolicy'], Resource: '*' },
          ],
        }),
      );
      const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files));
      core.sessions.add(await identityAdminSession(sandbox, 'Granter'), async () => {
        throw new Error('not renewed in this test');
      });
      const side = await core.trustedSide();
      const policy = ok(side.policy(DEPLOY, text));
      const ciBot = (await side.targets(policy))[0]?.targets.find((t) => t.name === 'ci-bot');
      if (!ciBot) throw new Error('ci-bot is a target');
      const outcome = await side.attach(ciBot, policy);
      expect(outcome).toMatchObject({ ok: true, via: 'session identity-granter', already: false });
      if (!outcome.ok) return;
      expect(outcome.call.policyName).toMatch(/^AssumeRole-Deploy-[0-9a-f]{8}$/);
      expect(outcome.note).toBe(
        `session identity-granter may not read user ci-bot’s policies (iam:GetUserPolicy), so it was named ${outcome.call.policyName} to replace none.`,
      );
      const assumed = await sandbox
        .sts(sandbox.seeded.keys['ci-bot'])
        .send(new AssumeRoleCommand({ RoleArn: DEPLOY, RoleSessionName: 'ci' }));
      expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/Deploy/ci`);
      expect(await side.undo(outcome)).toEqual({ ok: true });
    }));

  it('does not cut off a Put when the person leaves mid-call: it completes, and its outcome is known', () =>
    withOwnSandbox(async (sandbox, files) => {
      const text = trustText();
      addRole(sandbox, 'Deploy', text);
      const leaving = new AbortController();
      const real = testClients(sandbox);
      // The person leaves the moment the Put is about to go out.
      const clients: AwsClients = {
        make: (Client, service, credentials, region) => {
          const client = real.make(Client, service, credentials, region);
          (client as unknown as IAMClient).middlewareStack?.add(
            (next, context) => async (args) => {
              if (context.commandName?.startsWith('Put')) leaving.abort();
              return next(args);
            },
            { step: 'initialize' },
          );
          return client;
        },
        onRetry: (listener) => real.onRetry(listener),
      };
      const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files), { clients });
      core.sessions.add(await identityAdminSession(sandbox), async () => {
        throw new Error('not renewed in this test');
      });
      const side = await core.trustedSide();
      const policy = ok(side.policy(DEPLOY, text));
      const ciBot = (await side.targets(policy))[0]?.targets.find((t) => t.name === 'ci-bot');
      if (!ciBot) throw new Error('ci-bot is a target');
      const outcome = await side.attach(ciBot, policy, leaving.signal);
      expect(leaving.signal.aborted).toBe(true);
      expect(outcome).toMatchObject({ ok: true, call: { policyName: 'AssumeRole-Deploy' } });
      expect(sandbox.seeded.world.user(IDENTITY, 'ci-bot')?.inlinePolicies.has('AssumeRole-Deploy')).toBe(
        true,
      );
      // Left before the first call: nothing is sent, and it says so.
      const gone = await side.attach(ciBot, policy, leaving.signal);
      expect(gone).toMatchObject({
        ok: false,
        askAdmin: false,
        message: 'Stopped before PutUserPolicy: nothing was written.',
      });
    }));

  it('writes the config profile that assumes the role with MFA, and the SDK reads it back', () =>
    withOwnSandbox(async (sandbox, files) => {
      const text = trustText({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
      const arn = addRole(sandbox, 'Deploy', text);
      const env = sandboxVariables(sandbox.endpoint, files);
      const { core } = coreUnderTest(env);
      const side = await core.trustedSide();
      const policy: IdentityPolicy = ok(side.policy(arn, text));
      const before = readFileSync(files.configFile, 'utf8');
      const proposed = await side.profileProposal(policy, 'alice', { mfa: true });
      if (!proposed.ok) throw new Error(proposed.message);
      expect(proposed.proposal.name).toBe(`${PROD}-Deploy`);
      expect(proposed.proposal.alreadyAssumedBy).toEqual([]);
      expect(proposed.proposal.keys).toEqual([
        ['role_arn', arn],
        ['source_profile', 'alice'],
        ['mfa_serial', ALICE_MFA],
        ['region', 'us-east-1'],
      ]);
      expect(proposed.proposal.edit.diff.filter((l) => l.kind === 'added').map((l) => l.text)).toContain(
        `[profile ${PROD}-Deploy]`,
      );
      const written = await side.writeProfile(proposed.proposal);
      expect(written).toMatchObject({ ok: true, path: files.configFile });
      if (!written.ok || !written.backup) throw new Error('written, with a backup');
      expect(readFileSync(written.backup, 'utf8')).toBe(before);
      const set = await loadProfiles({ env });
      expect(set.profiles.get(`${PROD}-Deploy`)).toMatchObject({
        roleArn: arn,
        sourceProfile: 'alice',
        mfaSerial: ALICE_MFA,
      });
      // bob has no MFA device, and no profile names one for him: said, not guessed.
      const bob = await side.profileProposal(policy, 'bob', { mfa: true });
      expect(bob).toEqual({ ok: false, message: expect.stringMatching(/profile bob names no MFA device/) });
      // A name the file has is refused.
      const taken = await side.profileProposal(policy, 'alice', { mfa: true }, 'dev-admin');
      expect(taken).toEqual({
        ok: false,
        message: 'The config file has a profile dev-admin already; choose another name.',
      });
    }));

  it('suggests a name no profile has, in any case, and names the profiles that assume the role already', () =>
    withOwnSandbox(async (sandbox, files) => {
      const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files));
      const side = await core.trustedSide();
      const devAdmin = sandbox.seeded.world.role('222222222222', 'Admin');
      const policy = ok(side.policy(devAdmin?.arn ?? '', devAdmin?.trustPolicy ?? ''));
      const proposed = await side.profileProposal(policy, 'alice', { mfa: true });
      if (!proposed.ok) throw new Error(proposed.message);
      // The account's ID: its alias is learnt only once IAM is read there.
      expect(proposed.proposal.name).toBe('222222222222-Admin');
      expect(proposed.proposal.alreadyAssumedBy).toEqual(['dev-admin', 'dev-admin-via-developer']);
    }));

  it('takes a profile only in the credentials file as taken, for the name asked and the name suggested', () =>
    withOwnSandbox(async (sandbox, files) => {
      const text = trustText();
      const arn = addRole(sandbox, 'Deploy', text);
      // Keys under the name the suggestion would take: the SDK would merge them into the new profile.
      appendFileSync(files.credentialsFile, `\n[${PROD}-Deploy]\naws_access_key_id = AKIAEXAMPLE\n`);
      const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files));
      const side = await core.trustedSide();
      const policy = ok(side.policy(arn, text));
      const proposed = await side.profileProposal(policy, 'alice', { mfa: false });
      expect(proposed.ok && proposed.proposal.name).toBe(`${PROD}-Deploy-2`);
      expect(await side.profileProposal(policy, 'alice', { mfa: false }, `${PROD}-Deploy`)).toEqual({
        ok: false,
        message: `There is a profile ${PROD}-Deploy already (in the credentials file); choose another name.`,
      });
    }));

  it('says in words why the config file could not be read', () =>
    withOwnSandbox(async (sandbox, files) => {
      const text = trustText();
      const arn = addRole(sandbox, 'Deploy', text);
      const folder = join(files.dir, 'config-folder');
      mkdirSync(folder);
      const { core } = coreUnderTest({
        ...sandboxVariables(sandbox.endpoint, files),
        AWS_CONFIG_FILE: folder,
      });
      const side = await core.trustedSide();
      const proposed = await side.profileProposal(ok(side.policy(arn, text)), 'alice', { mfa: false });
      expect(proposed).toEqual({
        ok: false,
        message: `Could not read ${folder}: it is a folder, not a file.`,
      });
    }));

  it('offers a role the trust names, and puts the policy on it with PutRolePolicy', () =>
    withOwnSandbox(async (sandbox, files) => {
      const text = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${IDENTITY}:role/Admin` },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
          },
        ],
      });
      const arn = addRole(sandbox, 'Deploy', text);
      const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files));
      core.sessions.add(await identityAdminSession(sandbox), async () => {
        throw new Error('not renewed in this test');
      });
      const side = await core.trustedSide();
      const policy = ok(side.policy(arn, text));
      const targets = await side.targets(policy);
      expect(targets).toEqual([
        {
          account: IDENTITY,
          notes: [],
          targets: [
            {
              kind: 'role',
              account: IDENTITY,
              name: 'Admin',
              arn: `arn:aws:iam::${IDENTITY}:role/Admin`,
              why: 'the role the trust names',
              profiles: [],
              needs: { mfa: false },
            },
          ],
        },
      ]);
      const role = targets[0]?.targets[0];
      if (!role) throw new Error('the role is a target');
      expect(await side.attach(role, policy)).toMatchObject({ ok: true, call: { action: 'PutRolePolicy' } });
      const put = sandbox.seeded.world.role(IDENTITY, 'Admin')?.inlinePolicies.get('AssumeRole-Deploy') ?? '';
      expect(JSON.parse(put).Statement[0]).toEqual({
        Sid: 'AssumeRole',
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Resource: arn,
      });
    }));
});

describe('a policy name with a suffix', () => {
  it('keeps the start of a long name and IAM’s 128 characters', () => {
    const long = `AssumeRole-${'x'.repeat(117)}`;
    expect(withSuffix(long, '-2')).toBe(`AssumeRole-${'x'.repeat(115)}-2`);
    expect(withSuffix('AssumeRole-Deploy', '-2')).toBe('AssumeRole-Deploy-2');
  });
});
