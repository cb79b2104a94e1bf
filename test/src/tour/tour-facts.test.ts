// What the walkthrough knows of the person: read through the interface's core from the
// sandbox's newcomer world (alice, new, with only her own keys; prod reached by an admin's role),
// and from the parts that could be read when others could not.
import { appendFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountEntry } from '../../../src/accounts/group-accounts';
import { defaultIdentity } from '../../../src/credentials/default-identity';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { sandboxVariables } from '../../../src/sandbox/local';
import type { SetupProgress } from '../../../src/settings/schema';
import { readTourFacts, tourFacts } from '../../../src/tour/tour-facts';
import { coreUnderTest } from '../../helpers/core-under-test';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { tempConfigDir } from '../../helpers/temp-dirs';

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

/** The facts as the walkthrough reads them through the core on `env`, with the guided setup's `setup`. */
function factsOn(env: NodeJS.ProcessEnv, setup?: SetupProgress) {
  const { core } = coreUnderTest(env);
  return readTourFacts({
    identity: () =>
      defaultIdentity(core.env, core.assuming.rules.defaultRegion(), core.clients, () =>
        core.profiles.read(),
      ),
    accounts: () => core.accounts.list(),
    profiles: () => core.profiles.read(),
    keyIdentity: core.keyIdentity,
    setup: () => setup,
  });
}

/** The newcomer's files with `more` config sections after them, in a directory of their own. */
function newcomerFilesWith(more: string): NodeJS.ProcessEnv {
  const dir = tempConfigDir();
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  copyFileSync(files.configFile, configFile);
  copyFileSync(files.credentialsFile, credentialsFile);
  appendFileSync(configFile, more);
  return {
    ...sandboxVariables(sandbox.endpoint, files),
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
  };
}

describe('the facts of the newcomer world', () => {
  it('are alice, her account identity, and prod, with no example role: the only one there is the stand-in admin’s', async () => {
    const facts = await factsOn(sandboxVariables(sandbox.endpoint, files));
    expect(facts).toEqual({
      me: { kind: 'user', name: 'alice', account: '111111111111' },
      home: { id: '111111111111', name: 'identity' },
      // Its alias is read through the role profile (lead-prod), which needs no MFA code; its
      // role (OrganizationAccountAccessRole, from lead's keys) is no newcomer's way in.
      away: { id: '333333333333', name: 'prod' },
    });
  });

  it('take the role of a profile that assumes it with the person’s own keys', async () => {
    const env = newcomerFilesWith(
      '\n[profile alice-prod]\nrole_arn = arn:aws:iam::333333333333:role/ReadOnly\nsource_profile = alice\n',
    );
    const facts = await factsOn(env);
    expect(facts.away).toEqual({ id: '333333333333', name: 'prod', role: 'ReadOnly' });
  });

  it('take the role the guided setup made, once its step 2 is done', async () => {
    const env = sandboxVariables(sandbox.endpoint, files);
    const made = await factsOn(env, { step: 3, target: '333333333333', roleName: 'Onboarding' });
    expect(made.away).toEqual({ id: '333333333333', name: 'prod', role: 'Onboarding' });
    // Still at step 2: the name is only typed, no role is made yet.
    const typed = await factsOn(env, { step: 2, target: '333333333333', roleName: 'Onboarding' });
    expect(typed.away).toEqual({ id: '333333333333', name: 'prod' });
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
