// The trusted side of a role just made in prod that trusts the identity account with MFA, against
// the sandbox through the real AWS SDK: the identity policy shown and copied, the places it can go,
// the call confirmed and made by a session that may write IAM there, the config profile shown as
// a diff and written with a backup, and r to the account's roles.
import { readFileSync } from 'node:fs';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/core';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { IDENTITY, PROD } from '../../src/sandbox/seed';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const ALICE_MFA = `arn:aws:iam::${IDENTITY}:mfa/alice`;
const DEPLOY = `arn:aws:iam::${PROD}:role/Deploy`;
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${IDENTITY}:root` },
      Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    },
  ],
});

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let app: AppUnderTest;
let core: Core;
let copied: string[];
beforeEach(async () => {
  sandbox = await startTestSandbox();
  sandbox.seeded.world.addRole(PROD, 'Deploy', JSON.parse(TRUST));
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  copied = [];
  core = createCore({
    settings: new Settings({ dir: tempConfigDir() }),
    env: sandboxVariables(sandbox.endpoint, files),
    clipboard: {
      write: async (text) => {
        copied.push(text);
        return { with: 'program' };
      },
    },
  });
});
afterEach(async () => {
  app?.unmount();
  files?.remove();
  await sandbox?.close();
});

const frame = () => app.lastFrame();
const see = (text: string) => vi.waitFor(() => expect(frame()).toContain(text), { timeout: 5000 });

/** A live session of identity's Admin role (alice, with MFA): someone who may write IAM there. */
async function identityAdminSession() {
  const out = await sandbox.sts(sandbox.seeded.keys.alice).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${IDENTITY}:role/Admin`,
      RoleSessionName: 'admin',
      SerialNumber: ALICE_MFA,
      TokenCode: await sandbox.aliceCode(),
    }),
  );
  core.sessions.add(
    {
      id: 'identity-admin',
      region: 'us-east-1',
      autoRefresh: false,
      origin: {
        roleArn: `arn:aws:iam::${IDENTITY}:role/Admin`,
        source: 'profile alice',
        mfa: true,
        chained: false,
      },
      credentials: {
        accessKeyId: out.Credentials?.AccessKeyId ?? '',
        secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
        sessionToken: out.Credentials?.SessionToken ?? '',
        expiration: out.Credentials?.Expiration ?? new Date(),
      },
    },
    async () => {
      throw new Error('not renewed in this test');
    },
  );
}

describe('the trusted side screen', () => {
  it('shows the whole identity policy in an ordinary terminal, closing brace and all', async () => {
    app = renderApp({ core, columns: 110, rows: 32 });
    app.store.getState().actions.open('trusted-side', { roleArn: DEPLOY, trustPolicy: TRUST });
    await see('Identity policy AssumeRole-Deploy:');
    await see('user alice in 111111111111');
    const lines = frame().split('\n');
    const end = lines.findIndex((line) => /^ {3}\]$/.test(line));
    expect(end, frame()).toBeGreaterThan(0);
    expect(lines[end + 1]).toBe(' }');
    expect(frame()).not.toContain('more line');
  });

  it('attaches the policy to alice through a session that may, then writes the profile that assumes the role', async () => {
    await identityAdminSession();
    app = renderApp({ core, columns: 120, rows: 60 });
    app.store.getState().actions.open('trusted-side', { roleArn: DEPLOY, trustPolicy: TRUST });
    await see('Identity policy AssumeRole-Deploy:');
    expect(frame()).toContain('"Resource": "arn:aws:iam::333333333333:role/Deploy"');
    await app.press('c');
    expect(JSON.parse(copied[0] ?? '')).toMatchObject({
      Statement: [{ Action: 'sts:AssumeRole', Resource: DEPLOY }],
    });

    await see('user alice in 111111111111: the user of profile');
    expect(frame()).toContain('group engineers in 111111111111');
    expect(frame()).toContain('(the trust asks for MFA)');
    await app.press(KEYS.enter);
    await see('PutUserPolicy on user alice in 111111111111');
    expect(frame()).toContain('made by session identity-admin');
    await app.press(KEYS.enter);
    await see('PutUserPolicy done by session identity-admin: user alice has AssumeRole-Deploy.');
    expect(sandbox.seeded.world.user(IDENTITY, 'alice')?.inlinePolicies.has('AssumeRole-Deploy')).toBe(true);
    expect(frame()).toContain('u undo');
    await app.press('u');
    await see('Undone: AssumeRole-Deploy is off user alice.');
    expect(sandbox.seeded.world.user(IDENTITY, 'alice')?.inlinePolicies.has('AssumeRole-Deploy')).toBe(false);
    expect(frame()).not.toContain('u undo');

    const before = readFileSync(files.configFile, 'utf8');
    await app.press('s');
    await see(`+[profile ${PROD}-Deploy]`);
    expect(frame()).toContain(`+role_arn = ${DEPLOY}`);
    expect(frame()).toContain('+source_profile = alice');
    expect(frame()).toContain(`+mfa_serial = ${ALICE_MFA}`);
    expect(readFileSync(files.configFile, 'utf8')).toBe(before);
    await app.press('y');
    await see(`Wrote profile ${PROD}-Deploy to ${files.configFile}.`);
    const backup = /The file as it was is at (\S+)\./.exec(frame().replace(/\n\s*/g, ''))?.[1] ?? '';
    expect(readFileSync(backup, 'utf8')).toBe(before);
    expect(readFileSync(files.configFile, 'utf8')).toContain(`[profile ${PROD}-Deploy]`);

    await app.press('r');
    await see(`Roles in ${PROD}`);
    // The profiles were read again: the new one is among prod's roles, to assume with a.
    await see(`${PROD}-Deploy`);
  });

  it('says what to ask an admin when none of yours may write IAM there, and every step can be skipped', async () => {
    app = renderApp({ core, columns: 120, rows: 60 });
    app.store.getState().actions.open('trusted-side', { roleArn: DEPLOY, trustPolicy: TRUST });
    await see('user ci-bot in 111111111111');
    for (let n = 0; n < 6 && !chosenLine().includes('ci-bot'); n++) await app.press(KEYS.down);
    expect(chosenLine()).toContain('› user ci-bot');
    await app.press(KEYS.enter);
    await see('PutUserPolicy on user ci-bot in 111111111111');
    expect(frame()).toMatch(/made by profile \S+ \(if refused, the next of: profile/);
    await app.press(KEYS.enter);
    // The message wraps: read it as one line.
    await vi.waitFor(
      () =>
        expect(frame().replace(/\s*\n\s*/g, ' ')).toContain(
          'Ask an admin of 111111111111 to attach this policy to user ci-bot as AssumeRole-Deploy:',
        ),
      { timeout: 5000 },
    );
    expect(sandbox.seeded.world.user(IDENTITY, 'ci-bot')?.inlinePolicies.has('AssumeRole-Deploy')).toBe(
      false,
    );
    await app.press('c');
    expect(JSON.parse(copied.at(-1) ?? '').Statement[0].Resource).toBe(DEPLOY);
    // ci-bot has no MFA device, and the trust asks for MFA: said, and nothing to write.
    await app.press('s');
    await see('names no MFA device');
    const before = readFileSync(files.configFile, 'utf8');
    await app.press('s');
    await see('Done. r goes to the account’s roles; Esc leaves.');
    expect(readFileSync(files.configFile, 'utf8')).toBe(before);
    await app.press(KEYS.escape);
    await vi.waitFor(() => expect(frame()).not.toContain('Trusted side of Deploy'), { timeout: 5000 });
  });
});

describe('the trusted side screen, when something fails or there is nothing to do', () => {
  it('says in words when finding the writers or undoing fails, and goes on', async () => {
    await identityAdminSession();
    const side = await core.trustedSide();
    vi.spyOn(side, 'writers').mockRejectedValueOnce(new Error('the profiles could not be read'));
    vi.spyOn(side, 'undo').mockRejectedValueOnce(new Error('the connection was reset'));
    app = renderApp({ core, columns: 120, rows: 60 });
    app.store.getState().actions.open('trusted-side', { roleArn: DEPLOY, trustPolicy: TRUST });
    await see('user alice in 111111111111: the user of profile');
    await app.press(KEYS.enter);
    await see('Could not find who may write IAM in 111111111111: the profiles could not be read');
    await app.press(KEYS.enter);
    await see('made by session identity-admin');
    await app.press(KEYS.enter);
    await see('has AssumeRole-Deploy.');
    await app.press('u');
    await vi.waitFor(
      () =>
        expect(frame().replace(/\s*\n\s*/g, ' ')).toContain(
          'Could not take AssumeRole-Deploy off user alice (the connection was reset); it may still be there.',
        ),
      { timeout: 5000 },
    );
  });

  it('says plainly there is nothing to attach for a service trust, offers no policy nor profile, and is done', async () => {
    const ec2 = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    app = renderApp({ core, columns: 160, rows: 40 });
    app.store.getState().actions.open('trusted-side', { roleArn: DEPLOY, trustPolicy: ec2 });
    await see('Nothing to attach here');
    await see('Done. r goes to the account’s roles; Esc leaves.');
    const flat = frame().replace(/\s*\n\s*/g, ' ');
    expect(flat).toContain(`needs iam:PassRole on ${DEPLOY}, not sts:AssumeRole.`);
    expect(flat).not.toContain('"sts:AssumeRole"');
    expect(flat).not.toContain('[profile');
    await app.press('c');
    expect(copied).toEqual([]);
  });
});

/** The row of the places the cursor is on. */
function chosenLine(): string {
  return (
    app
      .lastFrame()
      .split('\n')
      .find((line) => line.trimStart().startsWith('› ')) ?? ''
  );
}
