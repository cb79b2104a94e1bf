// Profiles grouped into accounts, with the sandbox's AWS files and real GetCallerIdentity calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountName, groupAccounts } from '../../../src/accounts/group-accounts';
import { accountAlias, iamClientFor } from '../../../src/aws/iam-browse';
import { callerIdentity } from '../../../src/credentials/caller-identity';
import { staticProvider } from '../../../src/credentials/provider';
import { loadProfiles } from '../../../src/profiles/load';
import type { ProfileSet } from '../../../src/profiles/profile-set';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { startTestSandbox, type TestSandbox, testClients } from '../../helpers/sandbox';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let set: ProfileSet;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  set = await loadProfiles({
    env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile },
  });
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

describe('accounts from profiles', () => {
  it('places role profiles by their role ARN and key profiles by who their keys are, with aliases and labels', async () => {
    let calls = 0;
    // Every client made here talks to the sandbox, never to AWS.
    const clients = testClients(sandbox);
    const keysOf = (profile: string) =>
      staticProvider(profile, set.staticKeys(profile) ?? { accessKeyId: '', secretAccessKey: '' });
    const accountOf = async (profile: string) => {
      calls += 1;
      return (await callerIdentity(keysOf(profile), 'us-east-1', clients)).account;
    };
    const { accounts, unplaced } = await groupAccounts(
      set,
      {
        accountOf,
        // Only key profiles can read an alias here; role profiles would need their role assumed first.
        aliasOf: async (profile) =>
          set.staticKeys(profile)
            ? accountAlias(iamClientFor(keysOf(profile), 'us-east-1', clients))
            : undefined,
      },
      { '333333333333': { label: 'Production', colour: 'red' } },
    );
    // Sorted by what the person sees; the vendor's auditor may not read its alias, so its ID shows.
    const shown = accounts.map((a) => [a.id, a.label ?? a.alias ?? '', a.roleProfiles, a.identityProfiles]);
    expect(shown).toEqual([
      [
        '222222222222',
        '',
        [
          'dev-admin',
          'dev-admin-via-developer',
          'dev-deployer',
          'dev-developer',
          'dev-readonly-via-developer',
        ],
        [],
      ],
      ['999999999999', '', ['vendor-reporter'], ['auditor']],
      ['111111111111', 'identity', [], ['alice', 'bob', 'ci-bot', 'default']],
      [
        '333333333333',
        'Production',
        ['prod-admin', 'prod-breakglass', 'prod-readonly', 'prod-vendor-audit'],
        [],
      ],
    ]);
    expect(accounts.find((a) => a.id === '333333333333')?.colour).toBe('red');
    expect(unplaced).toEqual([]);
    // Once per key profile: role profiles are placed by their ARN, with no call.
    expect(calls).toBe(5);
  });

  it('leaves a profile whose account cannot be learned unplaced, rather than guessing', async () => {
    const { unplaced } = await groupAccounts(set, { accountOf: async () => undefined }, {});
    expect(unplaced).toEqual(['alice', 'auditor', 'bob', 'ci-bot', 'default']);
  });

  it('places an SSO profile in the account it names, with no call and no login', async () => {
    const own = await startTestSandbox({ identityCenter: true });
    const ownFiles = writeSandboxAwsFiles(own.seeded, own.endpoint);
    try {
      const withSso = await loadProfiles({
        env: { AWS_CONFIG_FILE: ownFiles.configFile, AWS_SHARED_CREDENTIALS_FILE: ownFiles.credentialsFile },
      });
      const asked: string[] = [];
      const { accounts, unplaced } = await groupAccounts(
        withSso,
        {
          accountOf: async (profile) => {
            asked.push(profile);
            return undefined;
          },
        },
        {},
      );
      expect(accounts.find((a) => a.id === '222222222222')?.identityProfiles).toEqual(['dev-sso']);
      expect(accounts.find((a) => a.id === '333333333333')?.identityProfiles).toEqual(['prod-sso-readonly']);
      expect(asked).not.toContain('dev-sso');
      expect(unplaced).not.toContain('dev-sso');
    } finally {
      ownFiles.remove();
      await own.close();
    }
  });

  it('adds the accounts IAM Identity Center’s portal lists, called by the organisation’s names unless labelled', async () => {
    const { accounts } = await groupAccounts(
      set,
      { accountOf: async () => undefined },
      { '222222222222': { label: 'my dev' } },
      undefined,
      Promise.resolve([
        {
          login: 'corp',
          accounts: [
            { id: '222222222222', name: 'dev' },
            { id: '444444444444', name: 'billing' },
            { id: 'not-an-account' },
          ],
        },
      ]),
    );
    const billing = accounts.find((a) => a.id === '444444444444');
    expect(billing).toMatchObject({ portalName: 'billing', ssoLogins: ['corp'], roleProfiles: [] });
    expect(accountName(billing ?? { id: '' })).toBe('billing');
    const dev = accounts.find((a) => a.id === '222222222222');
    expect(dev?.ssoLogins).toEqual(['corp']);
    expect(accountName(dev ?? { id: '' })).toBe('my dev');
    expect(accounts.some((a) => a.id === 'not-an-account')).toBe(false);
  });
});
