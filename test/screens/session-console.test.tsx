// o and O on a live session, against the sandbox: o sends a "browser" ($BROWSER, a script) to
// the AWS console as the session, through a one-time loopback address; O copies the sign-in
// URL, which signs in at the sandbox's federation endpoint; neither shows the URL on screen.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { DEV } from '../../src/sandbox/seed';
import type { Session } from '../../src/sessions/store';
import { Settings } from '../../src/settings/settings';
import type { Clipboard } from '../../src/shells/clipboard';
import { sandboxForTheseTests } from '../helpers/core-under-test';
import { type AppUnderTest, renderApp } from '../helpers/render-app';
import { tempConfigDir } from '../helpers/temp-dirs';

const world = sandboxForTheseTests();
let app: AppUnderTest;
afterEach(() => app?.unmount());

const copied: string[] = [];
const clipboard: Clipboard = {
  async write(text) {
    copied.push(text);
    return { with: 'program' };
  },
};

/** The dashboard with one real session of Developer in dev, its core pointed at the sandbox. */
async function dashboard(env: NodeJS.ProcessEnv) {
  copied.length = 0;
  const core = createCore({
    settings: new Settings({ dir: tempConfigDir() }),
    env: { ...world.env, PATH: process.env.PATH, ...env },
    clipboard,
  });
  const out = await world.sandbox
    .sts(world.sandbox.seeded.keys.alice)
    .send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${DEV}:role/Developer`, RoleSessionName: 'console' }),
    );
  const c = out.Credentials;
  const session: Session = {
    id: 'dev-developer',
    credentials: {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
      ...(c?.Expiration ? { expiration: c.Expiration } : {}),
    },
    origin: {
      profile: 'dev-developer',
      roleArn: `arn:aws:iam::${DEV}:role/Developer`,
      source: 'profile alice',
      mfa: false,
      chained: false,
    },
    region: 'us-east-1',
    autoRefresh: false,
  };
  core.sessions.add(session, async () => session.credentials);
  app = renderApp({ core });
  await vi.waitFor(() => expect(app.lastFrame()).toMatch(/dev-developer .*\d\d:\d\d\s*$/m));
  return session;
}

const SIGNED_IN = `Signed in as arn:aws:sts::${DEV}:assumed-role/Developer/console.`;

describe('the console from a session', () => {
  it('o opens $BROWSER on a one-time address that signs it in as the session', async () => {
    const dir = tempConfigDir();
    const browser = join(dir, 'browser.sh');
    writeFileSync(
      browser,
      `#!/bin/sh\nprintf '%s' "$1" > "${browser}.args"\nexec "${process.execPath}" -e 'fetch(process.argv[1]).then(r => r.text()).then(t => require("fs").writeFileSync(process.argv[2], t))' "$1" "${browser}.page"\n`,
    );
    chmodSync(browser, 0o700);
    await dashboard({ BROWSER: browser });
    await app.press('o');
    await vi.waitFor(
      () =>
        expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
          `Opened the AWS console in your browser as arn:aws:sts::${DEV}:assumed-role/Developer/console.`,
        ),
      { timeout: 15_000 },
    );
    expect(readFileSync(`${browser}.args`, 'utf8')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{32}$/);
    await vi.waitFor(() => expect(readFileSync(`${browser}.page`, 'utf8')).toContain(SIGNED_IN), {
      timeout: 10_000,
    });
    expect(app.lastFrame()).not.toContain('SigninToken');
  });

  it('O copies a sign-in URL that signs in as the session, and keeps it off the screen', async () => {
    await dashboard({ DISPLAY: ':0' });
    await app.press('O');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Copied the console sign-in URL for'), {
      timeout: 15_000,
    });
    expect(copied).toHaveLength(1);
    const url = copied[0] ?? '';
    expect(url).toContain('Action=login');
    expect(app.lastFrame()).not.toContain('Action=login');
    const page = await (await fetch(url)).text();
    expect(page).toContain(SIGNED_IN);
  });

  it('o over SSH opens nothing and points at O', async () => {
    await dashboard({ SSH_CONNECTION: '10.0.0.1 50000 10.0.0.2 22', DISPLAY: ':0' });
    await app.press('o');
    await vi.waitFor(() =>
      expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
        'This terminal is connected over SSH, so a browser opened here would open on the remote machine. Press O to copy the sign-in URL and open it in a browser of yours.',
      ),
    );
  });
});
