// The sessions dashboard: live sessions with countdowns that move together on the shared clock.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../screens/app/stores/core-context';
import { createCore } from '../../src/core';
import { Settings } from '../../src/settings/settings';
import { type Clipboard, clipboardOrTerminal } from '../../src/shells/clipboard';
import { sessionExportLines } from '../../src/shells/session-exports';
import { terminalClipboard } from '../../src/shells/terminal-clipboard';
import { createTerminalHandOff, type HandOffStreams } from '../../src/terminal/hand-off';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { handClock, recordingHandOff, session } from '../helpers/sessions';
import { tempConfigDir } from '../helpers/temp-dirs';

let app: AppUnderTest;
afterEach(() => {
  app?.unmount();
  vi.unstubAllEnvs();
});

/** The dashboard line of one session. */
function row(id: string): string {
  return (
    app
      .lastFrame()
      .split('\n')
      .find((line) => new RegExp(`^\\s*›?\\s*${id} `).test(line)) ?? ''
  );
}

/** What the dashboard copied; `refuse` makes the clipboard fail as clipboardy does with no display. */
const copied: string[] = [];
let refuse: string | undefined;
const programClipboard: Clipboard = {
  async write(text: string) {
    if (refuse) throw new Error(refuse);
    copied.push(text);
    return { with: 'program' };
  },
};

/** The app on its dashboard; `shell` stands in for the terminal the s key hands over. */
function dashboard(shell = recordingHandOff(), clipboard: Clipboard = programClipboard) {
  copied.length = 0;
  refuse = undefined;
  const time = handClock();
  const core: Core = {
    ...createCore({
      settings: new Settings({ dir: tempConfigDir() }),
      env: process.env,
      clock: time.clock,
      ticker: time.ticker,
      clipboard,
    }),
    handOff: shell.handOff,
  };
  app = renderApp({ core });
  return { time, core, runs: shell.runs };
}

describe('the sessions dashboard', () => {
  it('says there are none, and what to do, before any session', async () => {
    dashboard();
    await vi.waitFor(() => expect(app.lastFrame()).toContain('No live sessions.'));
    expect(app.lastFrame()).toContain(', settings');
    expect(app.lastFrame()).not.toContain('r refresh');
  });

  it('lists each session with its region, marks and countdown', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(session('dev-developer', 3598, now), async () => session('x', 1, now).credentials);
    core.sessions.add(
      session('prod-readonly', 3600, now, { mfa: true, chained: true, source: 'MFA session alice' }),
      async () => session('y', 1, now).credentials,
    );
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (2)'));
    expect(app.lastFrame()).toContain('r refresh');
    expect(row('dev-developer')).toMatch(/› dev-developer profile alice\s+eu-west-1\s+59:58/);
    expect(row('prod-readonly')).toMatch(
      /prod-readonly MFA session alice\s+eu-west-1\s+mfa chained 1h\s+1:00:00/,
    );
    // Every mark at once still fits the row's one line.
    core.sessions.setAutoRefresh('prod-readonly', true);
    await vi.waitFor(() => expect(row('prod-readonly')).toMatch(/mfa chained 1h auto\s+1:00:00$/));
  });

  it('moves every countdown together on each tick, down to expired', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(session('a', 20 * 60, now), async () => session('a2', 1, now).credentials);
    core.sessions.add(session('b', 10 * 60, now), async () => session('b2', 1, now).credentials);
    await vi.waitFor(() => expect(row('a')).toMatch(/20:00$/));
    expect(row('b')).toMatch(/10:00$/);
    time.advance(1);
    await vi.waitFor(() => expect(row('a')).toMatch(/19:59$/));
    expect(row('b')).toMatch(/09:59$/);
    time.advance(10 * 60);
    await vi.waitFor(() => expect(row('b')).toMatch(/expired$/));
    expect(row('a')).toMatch(/09:59$/);
  });

  it('keeps the selected session in view when there are more than fit', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    for (let i = 0; i < 30; i++) {
      const id = `session-${String(i).padStart(2, '0')}`;
      core.sessions.add(session(id, 3600 + i, now), async () => session(`${id}x`, 1, now).credentials);
    }
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (30)'));
    expect(row('session-29')).toBe('');
    for (let i = 0; i < 29; i++) await app.press(KEYS.down);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('› session-29'));
    expect(row('session-00')).toBe('');
  });

  it('refreshes the selected session on r, and says how long it now has', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(
      session('dev-admin', 90, now),
      async () => session('dev-admin-2', 3600, time.clock.now()).credentials,
    );
    await vi.waitFor(() => expect(row('dev-admin')).toMatch(/01:30$/));
    await app.press('r');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Refreshed dev-admin: 1:00:00 left.'));
    expect(row('dev-admin')).toMatch(/1:00:00$/);
  });

  it('says why a refresh failed, and keeps the session', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(session('prod-admin', 600, now), async () => {
      throw Object.assign(
        new Error('MultiFactorAuthentication failed with invalid MFA one time pass code.'),
        {
          name: 'AccessDenied',
        },
      );
    });
    await vi.waitFor(() => expect(row('prod-admin')).toMatch(/10:00$/));
    await app.press('r');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Could not refresh prod-admin'));
    expect(app.lastFrame()).toContain('AWS refused the MFA code.');
    expect(row('prod-admin')).toMatch(/10:00$/);
  });

  it('says where to go when AWS no longer knows the keys (rotated while rolecall ran)', async () => {
    const { time, core } = dashboard();
    core.sessions.add(session('dev-developer', 600, time.clock.now()), async () => {
      throw Object.assign(new Error('The security token included in the request is invalid.'), {
        name: 'InvalidClientTokenId',
      });
    });
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/10:00$/));
    await app.press('r');
    await vi.waitFor(() =>
      expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
        'If the keys in your AWS files changed, r on the accounts screen (b) reads them again.',
      ),
    );
  });

  it('turns auto-refresh on with a, which then refreshes at the lead time', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(
      session('dev-developer', 400, now),
      async () => session('dev-developer-2', 3600, time.clock.now()).credentials,
    );
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/06:40$/));
    await app.press('a');
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/auto\s+06:40$/));
    expect(app.lastFrame()).toContain('Auto-refresh on for dev-developer.');
    // The lead time is 300 s: at 05:00 left the store refreshes on its own.
    time.advance(100);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Refreshed dev-developer: 1:00:00 left.'));
    await app.press('a');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Auto-refresh off for dev-developer.'));
    expect(row('dev-developer')).not.toMatch(/auto/);
  });

  it('warns, whichever screen is open, when a session without auto-refresh is about to end', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(session('prod-readonly', 301, now), async () => session('x', 1, now).credentials);
    await app.press(',');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Default region'));
    time.advance(1);
    await vi.waitFor(() =>
      expect(app.lastFrame()).toContain('prod-readonly ends in 05:00: press r to refresh it.'),
    );
    time.advance(300);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('prod-readonly has expired'));
  });

  it('asks before dropping the selected session on d, naming what is lost; n keeps it', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(
      session('prod-admin', 600, now),
      async () => session('prod-admin-2', 3600, time.clock.now()).credentials,
    );
    await vi.waitFor(() => expect(row('prod-admin')).toMatch(/10:00$/));
    await app.press('d');
    await vi.waitFor(() =>
      expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
        'Drop prod-admin? Its credentials are forgotten; shells opened with it keep theirs. y/n',
      ),
    );
    expect(app.lastFrame()).toMatch(/y drop +n\/Esc cancel +Ctrl-C quit/);
    expect(app.lastFrame()).not.toContain('r refresh');
    // While the question is up, the dashboard's keys wait: r refreshes nothing.
    await app.press('r');
    await app.press('n');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('r refresh'));
    expect(app.lastFrame()).not.toContain('Drop prod-admin?');
    expect(app.lastFrame()).not.toContain('Refresh');
    expect(row('prod-admin')).toMatch(/10:00$/);
    // Esc is a no too.
    await app.press('d');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Drop prod-admin?'));
    await app.press(KEYS.escape);
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain('Drop prod-admin?'));
    expect(core.sessions.list().map((s) => s.id)).toEqual(['prod-admin']);
  });

  it('drops the selected session on d then y', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    core.sessions.add(session('one', 600, now), async () => session('x', 1, now).credentials);
    core.sessions.add(session('two', 600, now), async () => session('y', 1, now).credentials);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (2)'));
    await app.press(KEYS.down);
    await app.press('d');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Drop two?'));
    await app.press('y');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Dropped two.'));
    expect(row('one')).toMatch(/10:00$/);
    expect(row('two')).toBe('');
    expect(core.sessions.list().map((s) => s.id)).toEqual(['one']);
  });

  it('says before dropping the MFA session that the roles it served will ask for a code again', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    const mfa = { mfa: true, mfaSerial: 'arn:aws:iam::111111111111:mfa/alice' };
    core.sessions.add(session('mfa:alice', 600, now, mfa), async () => session('x', 1, now).credentials);
    await vi.waitFor(() => expect(row('mfa:alice')).toMatch(/10:00$/));
    await app.press('d');
    await vi.waitFor(() =>
      expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
        'Drop mfa:alice? Its credentials are forgotten; shells opened with it keep theirs. Roles it served will ask for an MFA code again.',
      ),
    );
    await app.press('n');
    expect(core.sessions.list().map((s) => s.id)).toEqual(['mfa:alice']);
  });

  it('copies the selected session’s export lines on c, as rolecall env prints them', async () => {
    const { time, core } = dashboard();
    const now = time.clock.now();
    const dev = session('dev-developer', 600, now, {
      profile: 'dev-developer',
      roleArn: 'arn:aws:iam::222222222222:role/Developer',
    });
    core.sessions.add(dev, async () => session('x', 1, now).credentials);
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/10:00$/));
    await app.press('c');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Copied the export lines of dev-developer'));
    const lines = copied[0]?.split('\n') ?? [];
    expect(lines).toContain(`export AWS_ACCESS_KEY_ID='${dev.credentials.accessKeyId}'`);
    expect(lines).toContain("export AWS_SECRET_ACCESS_KEY='secret'");
    expect(lines).toContain("export AWS_REGION='eu-west-1'");
    expect(lines).toContain("export AWS_ACCOUNT_ID='222222222222'");
    expect(lines).toContain('unset AWS_PROFILE');
    // The screen never shows the secret itself.
    expect(app.lastFrame()).not.toContain("secret'");
  });

  it('copies with the terminal (OSC 52) when there is no clipboard program: this session’s lines, no new one', async () => {
    // What the interface writes to its terminal besides frames, and an environment inside tmux.
    const written: string[] = [];
    const { time, core } = dashboard(
      recordingHandOff(),
      clipboardOrTerminal(
        programClipboard,
        terminalClipboard({ write: (data) => written.push(data) }, { TMUX: '/tmp/tmux-1000/default,1,0' }),
      ),
    );
    refuse = "Couldn't find the `xsel` binary and fallback didn't work.";
    const now = time.clock.now();
    const prod = session(
      'prod-admin',
      600,
      now,
      { profile: 'prod-admin', roleArn: 'arn:aws:iam::333333333333:role/Admin', mfa: true },
      {
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
        sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN',
      },
    );
    let renewed = 0;
    core.sessions.add(prod, async () => {
      renewed += 1;
      return session('x', 1, now).credentials;
    });
    await vi.waitFor(() => expect(row('prod-admin')).toMatch(/10:00$/));
    await app.press('c');
    await vi.waitFor(() =>
      expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
        'Copied the export lines of prod-admin with the terminal (OSC 52): no clipboard program here.',
      ),
    );
    expect(app.lastFrame().replace(/\s+/g, ' ')).toContain('(in tmux: set -g set-clipboard on)');
    // Exactly one OSC 52 sequence, holding this session's export lines as rolecall env prints them.
    const lines = sessionExportLines(prod, core.env);
    expect(written).toEqual([`\u001B]52;c;${Buffer.from(lines).toString('base64')}\u0007`]);
    expect(lines).toContain(`export AWS_ACCESS_KEY_ID='${prod.credentials.accessKeyId}'`);
    expect(lines).toContain("export AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'");
    // No new session, no MFA code asked, and the secrets are not on screen.
    expect(renewed).toBe(0);
    expect(core.sessions.list().map((s) => s.id)).toEqual(['prod-admin']);
    expect(app.lastFrame()).not.toContain('MFA code');
    expect(app.lastFrame()).not.toContain('wJalrXUtnFEMI');
    expect(app.lastFrame()).not.toContain('FwoGZXIvYXdz');
    expect(app.lastFrame()).not.toContain('rolecall env');
  });

  it('says why nothing was copied when neither clipboard took the lines, and what works on this session', async () => {
    const { time, core } = dashboard();
    refuse = [
      "Couldn't find the `xsel` binary and fallback didn't work. On Debian/Ubuntu you can install xsel with: sudo apt install xsel",
      'The bundled `xsel` fallback was not found. This can happen when running in a bundled environment (e.g. Node.js SEA).',
    ].join('\n');
    const now = time.clock.now();
    core.sessions.add(
      session('dev-developer', 600, now, { profile: 'dev-developer' }),
      async () => session('x', 1, now).credentials,
    );
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/10:00$/));
    await app.press('c');
    await vi.waitFor(() =>
      expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
        "Could not copy the export lines of dev-developer: Couldn't find the `xsel` binary and fallback didn't work. On Debian/Ubuntu you can install xsel with: sudo apt install xsel. s opens a shell with its credentials.",
      ),
    );
    expect(app.lastFrame()).not.toContain('Node.js SEA');
    expect(app.lastFrame()).not.toContain('rolecall env');
    expect(copied).toEqual([]);
  });
});

describe('a shell on the selected session (s)', () => {
  const prod = (now: number) =>
    session('prod-admin', 3600, now, {
      profile: 'prod-admin',
      roleArn: 'arn:aws:iam::333333333333:role/Admin',
    });

  beforeEach(() => {
    // As if rolecall were started from a plain shell with a profile of its own set.
    vi.stubEnv('ROLECALL_SHLVL', undefined);
    vi.stubEnv('ROLECALL_ROLE_ARN', undefined);
    vi.stubEnv('ROLECALL_PROFILE', undefined);
    vi.stubEnv('AWS_PROFILE', 'leftover');
    vi.stubEnv('SHELL', '/bin/zsh');
  });

  it("hands $SHELL the session's credentials, without what would shadow them, and says how it ended", async () => {
    const { time, core, runs } = dashboard();
    const admin = prod(time.clock.now());
    core.sessions.add(admin, async () => session('x', 1, 0).credentials);
    await vi.waitFor(() => expect(row('prod-admin')).toMatch(/1:00:00$/));
    await app.press('s');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Shell for prod-admin exited with code 0.'));
    expect(runs).toHaveLength(1);
    const [child] = runs;
    expect(child).toMatchObject({ command: '/bin/zsh', fallback: '/bin/sh' });
    expect(child?.args ?? []).toEqual([]);
    expect(child?.env).toMatchObject({
      AWS_ACCESS_KEY_ID: admin.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_REGION: 'eu-west-1',
      AWS_ACCOUNT_ID: '333333333333',
      ROLECALL_PROFILE: 'prod-admin',
      ROLECALL_SHLVL: '1',
      // The tests' own endpoint (vitest.config.ts): kept, as rolecall exec keeps it.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    });
    expect(child?.env).not.toHaveProperty('AWS_PROFILE');
  });

  it('says when the shell was ended by a signal', async () => {
    const { time, core } = dashboard(
      recordingHandOff((child) => ({ code: null, signal: 'SIGTERM', ran: child.command })),
    );
    core.sessions.add(prod(time.clock.now()), async () => session('x', 1, 0).credentials);
    await vi.waitFor(() => expect(row('prod-admin')).toMatch(/1:00:00$/));
    await app.press('s');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Shell for prod-admin ended by SIGTERM.'));
  });

  it('says so when $SHELL could not start and /bin/sh ran instead', async () => {
    vi.stubEnv('SHELL', '/nonexistent');
    const { time, core, runs } = dashboard(
      recordingHandOff(() => ({ code: 0, signal: null, ran: '/bin/sh', fellBack: 'there is no such file' })),
    );
    core.sessions.add(prod(time.clock.now()), async () => session('x', 1, 0).credentials);
    await vi.waitFor(() => expect(row('prod-admin')).toMatch(/1:00:00$/));
    await app.press('s');
    await vi.waitFor(() =>
      expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
        '$SHELL (/nonexistent) could not start: there is no such file; ran /bin/sh instead. Shell for prod-admin exited with code 0.',
      ),
    );
    expect(runs[0]).toMatchObject({ command: '/nonexistent', fallback: '/bin/sh' });
  });

  it('refuses an expired session, and says to refresh it first', async () => {
    const { time, core, runs } = dashboard();
    core.sessions.add(
      session('dev-developer', 60, time.clock.now()),
      async () => session('x', 1, 0).credentials,
    );
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/01:00$/));
    time.advance(60);
    await vi.waitFor(() => expect(row('dev-developer')).toMatch(/expired$/));
    await app.press('s');
    await vi.waitFor(() =>
      expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
        'dev-developer has expired: press r for new credentials, then s for its shell.',
      ),
    );
    expect(runs).toEqual([]);
  });

  it('refuses, inside a rolecall shell for another identity, rather than mix the two', async () => {
    vi.stubEnv('ROLECALL_SHLVL', '1');
    vi.stubEnv('ROLECALL_ROLE_ARN', 'arn:aws:iam::222222222222:role/Developer');
    const { time, core, runs } = dashboard();
    core.sessions.add(prod(time.clock.now()), async () => session('x', 1, 0).credentials);
    await vi.waitFor(() => expect(row('prod-admin')).toMatch(/1:00:00$/));
    await app.press('s');
    await vi.waitFor(() =>
      expect(app.lastFrame().replace(/\s+/g, ' ')).toContain(
        'This shell already holds the credentials of arn:aws:iam::222222222222:role/Developer',
      ),
    );
    expect(app.lastFrame()).not.toContain('--force');
    expect(runs).toEqual([]);
  });

  it('runs a real $SHELL with that environment through the terminal hand-off', async () => {
    const dir = tempConfigDir();
    const shell = join(dir, 'shell');
    const seen = join(dir, 'env');
    writeFileSync(shell, `#!/bin/sh\nenv > '${seen}'\nexit 7\n`, { mode: 0o755 });
    vi.stubEnv('SHELL', shell);
    const terminal = createTerminalHandOff((callback) => callback(), {
      stdin: new PassThrough(),
      stdout: new PassThrough(),
    } as unknown as HandOffStreams);
    const { time, core } = dashboard({ handOff: terminal, runs: [] });
    const admin = prod(time.clock.now());
    core.sessions.add(admin, async () => session('x', 1, 0).credentials);
    await vi.waitFor(() => expect(row('prod-admin')).toMatch(/1:00:00$/));
    await app.press('s');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Shell for prod-admin exited with code 7.'));
    const env = readFileSync(seen, 'utf8').split('\n');
    expect(env).toContain(`AWS_ACCESS_KEY_ID=${admin.credentials.accessKeyId}`);
    expect(env).toContain('ROLECALL_SHLVL=1');
    expect(env.some((line) => line.startsWith('AWS_PROFILE='))).toBe(false);
  });
});
