// What the walkthrough knows of the person: read through the interface's core from the
// sandbox's newcomer world (alice, new, with only her own keys; prod reached by an admin's role),
// and from the parts that could be read when others could not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountEntry } from '../../../src/accounts/group-accounts';
import { defaultIdentity } from '../../../src/credentials/default-identity';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { sandboxVariables } from '../../../src/sandbox/local';
import { readTourFacts, tourFacts } from '../../../src/tour/tour-facts';
import { coreUnderTest } from '../../helpers/core-under-test';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
beforeAll(async () => {
  sandbox = await startTestSandbox({ newcomer: true });
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

describe('the facts of the newcomer world', () => {
  it('are alice, her account identity, and prod, reached through OrganizationAccountAccessRole', async () => {
    const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files));
    const facts = await readTourFacts({
      identity: () =>
        defaultIdentity(core.env, core.assuming.rules.defaultRegion(), core.clients, () =>
          core.profiles.read(),
        ),
      accounts: () => core.accounts.list(),
      profiles: () => core.profiles.read(),
    });
    expect(facts).toEqual({
      me: { kind: 'user', name: 'alice', account: '111111111111' },
      home: { id: '111111111111', name: 'identity' },
      // Its alias is read through the role profile (lead-prod), which needs no MFA code.
      away: { id: '333333333333', name: 'prod', role: 'OrganizationAccountAccessRole' },
    });
  });

  it('keep what could be read when the rest could not', async () => {
    const { core } = coreUnderTest(sandboxVariables(sandbox.endpoint, files));
    const facts = await readTourFacts({
      identity: () => Promise.reject(new Error('the endpoint did not answer')),
      accounts: () => core.accounts.list(),
      profiles: () => Promise.reject(new Error('unreadable')),
    });
    expect(facts.me).toBeUndefined();
    // Without the identity, the account of the person's keys is where their key profiles are.
    expect(facts.home).toEqual({ id: '111111111111', name: 'identity' });
    expect(facts.away?.id).toBe('333333333333');
    expect(facts.away?.role).toBeUndefined();
  });
});

describe('choosing the accounts to speak of', () => {
  const account = (id: string, more: Partial<AccountEntry>): AccountEntry => ({
    id,
    roleProfiles: [],
    identityProfiles: [],
    ...more,
  });

  it('prefers an account named prod for the trusting account, and the person’s label over the alias', () => {
    const facts = tourFacts({
      identity: {
        kind: 'identity',
        arn: 'arn:aws:iam::111111111111:user/team/bob',
        account: '111111111111',
        source: 'profile default',
      },
      accounts: [
        account('111111111111', { alias: 'identity', identityProfiles: ['default'] }),
        account('222222222222', { alias: 'dev', roleProfiles: ['dev-admin'] }),
        account('333333333333', { alias: 'acme-production', label: 'live', roleProfiles: ['prod-admin'] }),
      ],
    });
    expect(facts.me).toEqual({ kind: 'user', name: 'bob', account: '111111111111' });
    expect(facts.away).toEqual({ id: '333333333333', name: 'live' });
  });

  it('says a role session is a role, and takes no account of its own as the trusting one', () => {
    const facts = tourFacts({
      identity: {
        kind: 'identity',
        arn: 'arn:aws:sts::222222222222:assumed-role/Developer/rolecall-alice',
        account: '222222222222',
        source: 'exported keys',
      },
      accounts: [account('222222222222', { roleProfiles: ['dev'] })],
    });
    expect(facts.me).toEqual({ kind: 'role', name: 'Developer', account: '222222222222' });
    expect(facts.home).toEqual({ id: '222222222222' });
    expect(facts.away).toBeUndefined();
  });
});
