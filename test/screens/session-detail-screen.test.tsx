// A session's own screen: everything about it but its secrets, counting down, with the
// dashboard's session keys.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../screens/app/stores/core-context';
import { createCore } from '../../src/core';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { handClock, recordingHandOff, session } from '../helpers/sessions';
import { tempConfigDir } from '../helpers/temp-dirs';

let app: AppUnderTest;
afterEach(() => {
  app?.unmount();
  vi.unstubAllEnvs();
});

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKENVALUE';

function detailOf(origin: Partial<Parameters<typeof session>[3]> = {}) {
  const time = handClock();
  const shell = recordingHandOff();
  const core: Core = {
    ...createCore({
      settings: new Settings({ dir: tempConfigDir() }),
      env: process.env,
      clock: time.clock,
      ticker: time.ticker,
      clipboard: { write: async () => ({ with: 'program' as const }) },
    }),
    handOff: shell.handOff,
  };
  const prod = session(
    'prod-admin',
    3600,
    time.clock.now(),
    {
      profile: 'prod-admin',
      roleArn: 'arn:aws:iam::333333333333:role/Admin',
      mfa: true,
      chained: true,
      source: 'MFA session alice',
      ...origin,
    },
    { secretAccessKey: SECRET, sessionToken: TOKEN },
  );
  core.sessions.add(prod, async () => session('prod-admin', 3600, time.clock.now()).credentials);
  app = renderApp({ core });
  return { time, core, prod, runs: shell.runs };
}

/** The value shown beside a label. */
function field(label: string): string {
  const line = app
    .lastFrame()
    .split('\n')
    .find((l) => l.trimStart().startsWith(`${label} `));
  return line?.trim().slice(label.length).trim() ?? '';
}

async function openDetails() {
  await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (1)'));
  await app.press(KEYS.enter);
  await vi.waitFor(() => expect(app.lastFrame()).toContain('Access key ID'));
}

describe("a session's details", () => {
  it('open on Enter and show who, where and until when, but never the secret key or token', async () => {
    const { time, prod } = detailOf();
    await openDetails();
    const frame = app.lastFrame();
    expect(frame).toContain('rolecall › Sessions › prod-admin');
    expect(field('Role')).toBe('arn:aws:iam::333333333333:role/Admin');
    expect(field('Profile')).toBe('prod-admin');
    expect(field('Source')).toBe('MFA session alice');
    expect(field('Region')).toBe('eu-west-1');
    expect(field('Account')).toBe('333333333333');
    const end = new Date(time.clock.now() + 3600 * 1000);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(field('Expires at')).toBe(
      `${end.getFullYear()}-${two(end.getMonth() + 1)}-${two(end.getDate())} ${two(end.getHours())}:${two(end.getMinutes())}:${two(end.getSeconds())}`,
    );
    expect(field('Time left')).toBe('1:00:00');
    expect(field('MFA')).toBe('yes');
    expect(field('Chained')).toBe('yes: capped at 1h by AWS');
    expect(field('Auto-refresh')).toBe('off');
    expect(field('Access key ID')).toBe(prod.credentials.accessKeyId);
    expect(frame).toContain('Secret key and session token: hidden.');
    expect(frame).not.toContain(SECRET);
    expect(frame).not.toContain(TOKEN);
    expect(frame).toMatch(
      /s shell\s+r refresh\s+a auto-refresh\s+c copy\s+o console\s+O console URL\s+d drop\s+Esc back/,
    );
  });

  it('counts down with the shared clock', async () => {
    const { time } = detailOf();
    await openDetails();
    time.advance(1);
    await vi.waitFor(() => expect(field('Time left')).toBe('59:59'));
    time.advance(3599);
    await vi.waitFor(() => expect(field('Time left')).toBe('expired'));
  });

  it('says what is not known about a session with no role', async () => {
    detailOf({ roleArn: undefined, profile: undefined, mfa: false, chained: false });
    await openDetails();
    expect(field('Role')).toBe('not known');
    expect(field('Account')).toBe('not known');
    expect(field('Profile')).toBe('');
    expect(field('MFA')).toBe('no');
    expect(field('Chained')).toBe('no');
  });

  it('takes the dashboard’s keys for this session: a, s, then d', async () => {
    vi.stubEnv('ROLECALL_SHLVL', undefined);
    vi.stubEnv('SHELL', '/bin/bash');
    const { prod, runs } = detailOf();
    await openDetails();
    await app.press('a');
    await vi.waitFor(() => expect(field('Auto-refresh')).toBe('on'));
    expect(app.lastFrame()).toContain('Auto-refresh on for prod-admin.');
    await app.press('s');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Shell for prod-admin exited with code 0.'));
    expect(runs[0]?.env?.AWS_ACCESS_KEY_ID).toBe(prod.credentials.accessKeyId);
    await app.press('d');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Drop prod-admin?'));
    await app.press('y');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('This session is no longer live.'));
    expect(app.lastFrame()).toContain('Dropped prod-admin.');
    expect(app.lastFrame()).not.toContain('s shell');
    await app.press(KEYS.escape);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('No live sessions.'));
  });

  it('says a session that is gone is no longer live', async () => {
    detailOf();
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (1)'));
    app.store.getState().actions.open('session-detail', { id: 'dev-developer' });
    await vi.waitFor(() => expect(app.lastFrame()).toContain('This session is no longer live.'));
    expect(app.lastFrame()).toContain('Esc back');
  });
});
