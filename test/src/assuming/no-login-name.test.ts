// A uid with no passwd entry (a container run with --user 1234): os.userInfo() throws there, and
// the roles screen, every assume, and rolecall env and exec still work, with USER as {user}.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { profileSession } from '../../../src/commands/profile-session';
import { createCore } from '../../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { sandboxVariables } from '../../../src/sandbox/local';
import { DEV, IDENTITY } from '../../../src/sandbox/seed';
import { Settings } from '../../../src/settings/settings';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { tempConfigDir } from '../../helpers/temp-dirs';

vi.mock('node:os', async (actual) => ({
  ...(await actual<typeof import('node:os')>()),
  // What Node throws when getpwuid_r finds no entry for the uid.
  userInfo: () => {
    throw Object.assign(new Error('A system error occurred: uv_os_get_passwd returned ENOENT'), {
      code: 'ERR_SYSTEM_ERROR',
    });
  },
}));

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

describe('with no login name for the uid', () => {
  it('judges and assumes roles with USER as {user}', async () => {
    const settings = new Settings({ dir: tempConfigDir() });
    settings.update({ sessionNameTemplate: 'rc-{user}-{role}' });
    const core = createCore({
      settings,
      env: { ...sandboxVariables(sandbox.endpoint, files), USER: 'builder' },
    });
    // The roles screen's marks: an IAM role no profile names gets the template's name.
    const admin = (await core.roleListing.roles(IDENTITY)).rows.find((r) => r.name === 'Admin' && !r.profile);
    if (!admin) throw new Error('no Admin row without a profile');
    expect(core.verdicts.assumeRequests()(admin).sessionName).toBe('rc-builder-Admin');
    // An assume: AWS names the session so.
    const developer = (await core.roleListing.roles(DEV)).rows.find(
      (r) => r.profile?.name === 'dev-developer',
    );
    if (!developer) throw new Error('no dev-developer row');
    const { session } = await core.assuming.assume(developer, await core.assuming.defaults(developer));
    const { Arn } = await sandbox.sts(session.credentials).send(new GetCallerIdentityCommand({}));
    expect(Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/Developer/rc-builder-Developer`);
  });

  it('gives rolecall env and exec a session named for USER', async () => {
    const { credentials } = await profileSession({
      profile: 'dev-developer',
      env: {
        ...sandboxVariables(sandbox.endpoint, files),
        USER: 'builder',
        ROLECALL_CONFIG_DIR: tempConfigDir(),
      },
    });
    const { Arn } = await sandbox.sts(credentials).send(new GetCallerIdentityCommand({}));
    expect(Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/Developer/rolecall-builder`);
  });
});
