// Who the running rolecall serves, as its screens show it: `w` on the dashboard lists where the
// agent listens, each open shell and command with its session, and who was served what, newest
// first, following the agent as clients come, go and lose their session; a session's details
// list the clients bound to it. The agent is the real one (socket, endpoint, live service),
// serving made-up sessions: no AWS call is made.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../screens/app/stores/core-context';
import { createCore } from '../../src/core';
import { type AgentAnswer, PROTOCOL_VERSION } from '../../src/live/protocol';
import type { RunningAgent } from '../../src/live/start-agent';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { handClock, session } from '../helpers/sessions';
import { tempConfigDir } from '../helpers/temp-dirs';

const PAGE_UP = '\u001B[5~';
const PAGE_DOWN = '\u001B[6~';

let app: AppUnderTest | undefined;
let core: Core | undefined;
/** The made-up pids of the clients opened here, which the agent's reaper must see as running. */
const MADE_UP_PIDS = new Set([4242, 4343, 5151, 5252, 7]);
beforeEach(() => {
  // Times on screen are the terminal's: pinned, so that 09:00Z reads 09:00.
  vi.stubEnv('TZ', 'UTC');
  // The agent closes a client whose process has gone (kill(pid, 0) fails): these never ran.
  const kill = process.kill.bind(process);
  vi.spyOn(process, 'kill').mockImplementation((pid, signal) =>
    signal === 0 && MADE_UP_PIDS.has(pid) ? true : kill(pid, signal),
  );
});
afterEach(async () => {
  app?.unmount();
  app = undefined;
  await core?.agent.stop();
  core = undefined;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** The app on its dashboard at 09:00Z, with an agent of its own under a fresh runtime directory. */
function dashboard(options: { runtime?: string; columns?: number; rows?: number } = {}) {
  const time = handClock();
  core = createCore({
    settings: new Settings({ dir: tempConfigDir() }),
    env: { ...process.env, XDG_RUNTIME_DIR: options.runtime ?? tempConfigDir() },
    clock: time.clock,
    ticker: time.ticker,
  });
  app = renderApp({
    core,
    ...(options.columns ? { columns: options.columns } : {}),
    ...(options.rows ? { rows: options.rows } : {}),
  });
  return { time, core, app };
}

/** A live session on the dashboard, with a session token (the endpoint serves only those). */
function live(on: Core, id: string, now: number) {
  on.sessions.add(session(id, 3600, now), async () => session(id, 3600, now).credentials);
}

/** A shell or command opened on a live session, as `s` or `rolecall shell` opens one. */
async function openClient(
  running: RunningAgent,
  what: { session: string; label: string; pid: number; mode: 'exported' | 'endpoint' },
) {
  const answer: AgentAnswer = await running.service.handle({
    v: PROTOCOL_VERSION,
    caller: { command: 'rolecall shell', pid: what.pid },
    op: 'open-session',
    kind: 'shell',
    mode: what.mode,
    session: what.session,
    label: what.label,
  });
  if (!answer.ok || answer.op !== 'open') throw new Error(`not opened: ${JSON.stringify(answer)}`);
  return answer;
}

describe('w on the dashboard: who this rolecall serves', () => {
  it('lists where it listens, each open client with its session, and who was served what, newest first', async () => {
    // Wide enough that no line wraps.
    const { time, core, app } = dashboard({ columns: 140, rows: 40 });
    const now = time.clock.now();
    live(core, 'prod-admin', now);
    live(core, 'dev-developer', now);
    const running = await core.agent.start({ interactive: false, shared: false });
    const bash = await openClient(running, {
      session: 'prod-admin',
      label: 'bash',
      pid: 4242,
      mode: 'exported',
    });
    time.advance(41 * 60);
    const zsh = await openClient(running, {
      session: 'dev-developer',
      label: 'zsh',
      pid: 4343,
      mode: 'endpoint',
    });
    await running.service.credentialsForToken(zsh.endpoint.token);
    await running.service.credentialsForToken(zsh.endpoint.token);

    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (2)'));
    expect(app.lastFrame()).toContain('w served');
    await app.press('w');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Served by this rolecall'));
    const frame = app.lastFrame();
    expect(frame).toContain(`socket ${running.socket}`);
    expect(frame).toContain(`endpoint ${running.endpoint}`);
    expect(frame).toContain('Open now: 2 shells');
    expect(frame).toContain(
      'shell bash, pid 4242, exported, since 09:00 · session prod-admin · not served yet',
    );
    expect(frame).toContain('shell zsh, pid 4343, endpoint, since 09:41 · session dev-developer ·');
    expect(frame).toContain('served 2 times');
    // Newest first: the zsh opening, then the bash one. The endpoint's answers are counted on
    // the client ("served 2 times"), not listed one by one.
    const lines = frame.split('\n');
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    expect(at('Served, newest first (2)')).toBeGreaterThan(0);
    expect(
      at('09:41 rolecall shell, pid 4343: dev-developer, a live session, for shell zsh'),
    ).toBeGreaterThan(at('Served, newest first'));
    expect(at('09:00 rolecall shell, pid 4242: prod-admin, a live session, for shell bash')).toBeGreaterThan(
      at('09:41 rolecall shell, pid 4343'),
    );
    // No secret on screen: neither a client's endpoint token nor a session's keys.
    expect(frame).not.toContain(zsh.endpoint.token);
    expect(frame).not.toContain(bash.endpoint.token);
    expect(frame).not.toContain('secret');

    // The list follows the agent: a dropped session leaves its shell bound to none; a closed one goes.
    core.sessions.drop('prod-admin');
    await vi.waitFor(() =>
      expect(app.lastFrame()).toContain('shell bash, pid 4242, exported, since 09:00 · no session (dropped)'),
    );
    await running.service.handle({
      v: PROTOCOL_VERSION,
      caller: { command: 'rolecall shell', pid: 4343 },
      op: 'close',
      client: zsh.client.id,
    });
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Open now: 1 shell'));
    expect(app.lastFrame()).not.toContain('shell zsh, pid 4343, endpoint');

    await app.press(KEYS.escape);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (1)'));
  });

  it('scrolls a long history within a small window, ↑↓ and PgUp PgDn', async () => {
    const { time, core, app } = dashboard({ columns: 50, rows: 12 });
    live(core, 'prod-admin', time.clock.now());
    const running = await core.agent.start({ interactive: false, shared: false });
    const opened = await openClient(running, {
      session: 'prod-admin',
      label: 'bash',
      pid: 7,
      mode: 'endpoint',
    });
    for (let minute = 1; minute <= 30; minute++) {
      time.advance(60);
      await running.service.credentialsForToken(opened.endpoint.token);
    }
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (1)'));
    await app.press('w');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Listening'));
    expect(app.lastFrame()).toContain('↑↓ scroll');
    // The oldest record, the opening at 09:00, is below the window until scrolled to.
    expect(app.lastFrame()).not.toContain('09:00 rolecall shell');
    // About 70 rows at 48 columns, 6 at a time: PgDn as a person holds it, keys faster than frames.
    await app.press(...Array<string>(15).fill(PAGE_DOWN));
    await vi.waitFor(() => expect(app.lastFrame()).toContain('09:00 rolecall shell, pid 7'));
    expect(app.lastFrame()).not.toContain('Listening');
    await app.press(...Array<string>(15).fill(PAGE_UP));
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Listening'));
    await app.press(KEYS.down);
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain('Listening'));
    await app.press(KEYS.up);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Listening'));
  });

  it('says the agent has not started, then why it did not and what that means', async () => {
    // A link where the agent's directory should be: refused, since a link could point elsewhere.
    const runtime = tempConfigDir();
    symlinkSync(tempConfigDir(), join(runtime, 'rolecall'));
    const { core, app } = dashboard({ runtime });
    await vi.waitFor(() => expect(app.lastFrame()).toContain('No live sessions.'));
    expect(app.lastFrame()).not.toContain('w served');
    await app.press('w');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('The agent has not started'));
    await expect(core.agent.start({ interactive: false, shared: false })).rejects.toThrow(/not a directory/);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('The agent did not start'));
    expect(app.lastFrame()).toContain('is not a directory (a link or a file)');
    expect(app.lastFrame()).toContain('shells opened here keep the keys they start with');
  });
});

describe('a session’s details', () => {
  it('list the shells and commands bound to it, and no others', async () => {
    const { time, core, app } = dashboard();
    const now = time.clock.now();
    live(core, 'prod-admin', now);
    live(core, 'dev-developer', now);
    const running = await core.agent.start({ interactive: false, shared: false });
    await openClient(running, { session: 'prod-admin', label: 'bash', pid: 4242, mode: 'exported' });
    await openClient(running, { session: 'dev-developer', label: 'fish', pid: 5151, mode: 'exported' });
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Live sessions (2)'));
    app.store.getState().actions.open('session-detail', { id: 'prod-admin' });
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Served to'));
    expect(app.lastFrame()).toContain('shell bash, pid 4242, exported, since 09:00');
    expect(app.lastFrame()).not.toContain('pid 5151');
    // A shell opened while the screen is up joins it; one on another session does not.
    await openClient(running, { session: 'dev-developer', label: 'zsh', pid: 5252, mode: 'endpoint' });
    await openClient(running, { session: 'prod-admin', label: 'zsh', pid: 4343, mode: 'endpoint' });
    await vi.waitFor(() => expect(app.lastFrame()).toContain('shell zsh, pid 4343, endpoint, since 09:00'));
    expect(app.lastFrame()).not.toContain('pid 5252');
  });
});
