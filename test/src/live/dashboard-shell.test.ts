// The shell `s` opens on a dashboard session, with the real live service: when the agent refuses
// the live shell the setting asks for, the static shell says why, in the terminal and for the
// status line, rather than opening as if nothing had been asked.
import { describe, expect, it } from 'vitest';
import { dashboardShell } from '../../../src/live/dashboard-shell';
import { PROTOCOL_VERSION } from '../../../src/live/protocol';
import { sandboxVariables } from '../../../src/sandbox/local';
import { coreUnderTest, withOwnSandbox } from '../../helpers/core-under-test';
import { tempConfigDir } from '../../helpers/temp-dirs';

const self = { command: '/usr/bin/node', args: ['/opt/rolecall/dist/rolecall.js'] };

describe("the dashboard's shell", () => {
  it('in endpoint mode on long-term keys: the static shell, and the agent’s reason said', () =>
    withOwnSandbox(async (own, files) => {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      const dir = tempConfigDir();
      const service = await core.live({ dir, interactive: false });
      const served = await service.handle({
        v: PROTOCOL_VERSION,
        caller: { command: 'test', pid: process.pid },
        op: 'credentials',
        profile: 'alice',
      });
      expect(served).toMatchObject({ ok: true });
      const alice = core.sessions.get('alice');
      if (!alice) throw new Error('no session for alice');
      const agent = {
        socket: `${dir}/agent.sock`,
        endpoint: 'http://127.0.0.1:1/',
        dir,
        service,
        stop: async () => {},
      };
      const env = { SHELL: '/bin/bash', HOME: dir };
      const shell = await dashboardShell(alice, { agent, mode: 'endpoint', self, env, now: Date.now() });
      if (shell.kind !== 'shell') throw new Error(shell.reason);
      expect(shell.live).toBe(false);
      expect(shell.note).toBe(
        'Not a live shell: alice holds long-term keys, not a session: the credentials endpoint serves only temporary credentials. Use a role profile, or shellCredentials exported. It has the keys of alice as they are now.',
      );
      expect(shell.child.banner).toMatch(
        /^rolecall: Not a live shell: alice holds long-term keys.*\nrolecall: shell as alice/s,
      );
      expect(shell.child.env?.AWS_ACCESS_KEY_ID).toBe(alice.credentials.accessKeyId);
      expect(shell.child.env).not.toHaveProperty('AWS_CONTAINER_CREDENTIALS_FULL_URI');

      // Exported mode on the same keys is served live, with nothing to say.
      const exported = await dashboardShell(alice, { agent, mode: 'exported', self, env, now: Date.now() });
      if (exported.kind !== 'shell') throw new Error(exported.reason);
      expect(exported).toMatchObject({ live: true });
      expect(exported.note).toBeUndefined();
      await exported.done();

      // A shell with no prompt hook (dash) in exported mode: the plain shell, which says its keys stay.
      const dash = await dashboardShell(alice, {
        agent,
        mode: 'exported',
        self,
        env: { ...env, SHELL: '/bin/dash' },
        now: Date.now(),
      });
      if (dash.kind !== 'shell') throw new Error(dash.reason);
      expect(dash.live).toBe(false);
      expect(dash.child.banner).toMatch(
        /dash has no prompt hook rolecall knows .*do not follow refreshes\.$/,
      );
      expect(service.clients()).toEqual([]);
    }));
});
