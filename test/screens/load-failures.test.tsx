// A screen whose load fails says what failed and what to do, in the words of describeAwsError,
// instead of its loading line for ever. The failures are the real SDK's, from a refused
// connection to 127.0.0.1:9; where today's core turns such a failure into "not known" itself
// (who the caller is, IAM's list), the test hands the screen the rejection the core would pass on.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const REFUSED = 'AWS could not be reached (ECONNREFUSED). Check the network or the endpoint.';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let env: NodeJS.ProcessEnv;
let app: AppUnderTest;
beforeEach(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  env = sandboxVariables(sandbox.endpoint, files);
  // The SDK reads the endpoint from the process's environment.
});
afterEach(async () => {
  app?.unmount();
  files?.remove();
  await sandbox?.close();
});

function start() {
  const core = createCore({ settings: new Settings({ dir: tempConfigDir() }), env });
  app = renderApp({ core, columns: 100, rows: 30 });
  return core;
}

const frame = () => app.lastFrame();
const flat = () => frame().replace(/\s+/g, ' ');
const see = (text: string, timeout = 5000) => vi.waitFor(() => expect(flat()).toContain(text), { timeout });

/** What the SDK throws when nothing listens at the endpoint. */
async function refusedByAws(): Promise<unknown> {
  const sts = new STSClient({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'not-a-secret' },
    maxAttempts: 1,
  });
  return sts.send(new GetCallerIdentityCommand({})).then(
    () => {
      throw new Error('something answered on 127.0.0.1:9');
    },
    (error: unknown) => error,
  );
}

/** `method` rejects with `error` the first time it is called, and works after that. */
function failOnce<T extends object, K extends keyof T>(target: T, method: K, error: unknown): void {
  const real = (target[method] as (...args: unknown[]) => unknown).bind(target);
  let failed = false;
  target[method] = (async (...args: unknown[]) => {
    if (failed) return real(...args);
    failed = true;
    throw error;
  }) as T[K];
}

async function showAccounts(accounts = '4 accounts') {
  await app.press('b');
  await see(accounts, 20_000);
}

async function openAccount(id: string) {
  if (!/\d accounts/.test(frame())) await showAccounts();
  for (
    let i = 0;
    i < 10 &&
    !frame()
      .split('\n')
      .some((l) => l.includes('›') && l.includes(id));
    i++
  )
    await app.press(KEYS.down);
  await app.press(KEYS.enter);
  // Titled by the account's alias once it is known (dev's is read in the background).
  await see('Roles in ');
}

async function selectRow(text: string) {
  for (let i = 0; i < 20; i++) {
    if (
      frame()
        .split('\n')
        .some((line) => line.includes('›') && line.includes(text))
    )
      return;
    await app.press(KEYS.down);
  }
  throw new Error(`no row with ${text}:\n${frame()}`);
}

describe('a load that fails', () => {
  it('the accounts say why the profiles could not be read, and r reads them again', async () => {
    const core = start();
    failOnce(core.accounts, 'list', await refusedByAws());
    await app.press('b');
    await see(`Could not read your AWS profiles: ${REFUSED} r reads them again.`);
    expect(frame()).not.toContain('ECONNREFUSED: connect');
    await app.press('r');
    await see('4 accounts');
  });

  it('the roles say why the role profiles could not be read, not "Reading…" for ever', async () => {
    const core = start();
    failOnce(core.roleListing, 'profileRows', await refusedByAws());
    await openAccount('222222222222');
    await see(`Could not read the account’s role profiles: ${REFUSED}`);
    expect(frame()).not.toContain('Reading IAM’s roles');
    await app.press('r');
    await see('IAM’s 4 roles');
  });

  it('a role’s details say why its caller could not be worked out, and r asks again', async () => {
    const core = start();
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('dev-admin');
    failOnce(core.verdicts, 'callerFor', await refusedByAws());
    await app.press(KEYS.enter);
    await see(`Could not work out who would assume it: ${REFUSED} r asks again.`);
    await app.press('r');
    await see('(as arn:aws:iam::111111111111:user/alice)');
  });

  it('the assume form says what failed instead of "Working out…" for ever; Enter asks again', async () => {
    const core = start();
    await openAccount('222222222222');
    await see('IAM’s 4 roles');
    await selectRow('dev-readonly-via-developer');
    failOnce(core.assuming, 'defaults', await refusedByAws());
    await app.press('a');
    await see(`✗ Could not work out what this role allows: ${REFUSED}`);
    expect(flat()).toContain('Enter asks again; Esc goes back.');
    await app.press(KEYS.enter);
    await see('At most 1h: it is assumed from another role’s session (role chaining)');
  });
});

describe('AWS refusing every call from the start', () => {
  it('still lists the accounts and roles, and the assume form opens with AWS’s own cap', {
    timeout: 60_000,
  }, async () => {
    await sandbox.close();
    env = { ...env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
    start();
    // Only the accounts the role profiles name; the keys' own are said to be unknown.
    await showAccounts('3 accounts');
    // Each says why, in the words used everywhere: here, that nothing answered at the endpoint.
    expect(flat()).toContain(
      'alice: Could not find out whose keys these are: AWS could not be reached at http://127.0.0.1:9 (ECONNREFUSED).',
    );
    await openAccount('222222222222');
    await vi.waitFor(
      () =>
        expect(flat()).toMatch(
          /profile [\w-]+: AWS could not be reached at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/,
        ),
      { timeout: 20_000 },
    );
    await selectRow('dev-developer');
    await app.press('a');
    await see('At most 12h: that is AWS’s most for any role', 20_000);
  });
});
