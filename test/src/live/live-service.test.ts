// The service a running rolecall gives other processes, on a sandbox of the test's own (AWS takes
// each 30-second step's MFA code once): a code given once serving later asks for other roles, live
// clients bound to sessions and told of refreshes, rebinding and drops, and tokens that stop
// working when their client ends.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LiveService } from '../../../src/live/live-service';
import { type AgentAnswer, type AgentRequest, PROTOCOL_VERSION } from '../../../src/live/protocol';
import { sandboxVariables } from '../../../src/sandbox/local';
import { PROD } from '../../../src/sandbox/seed';
import type { SecondTicker } from '../../../src/sessions/second-ticker';
import { answerWith, coreUnderTest, withOwnSandbox } from '../../helpers/core-under-test';
import { adjustableClock } from '../../helpers/sandbox';
import { tempConfigDir } from '../../helpers/temp-dirs';

// This process: a client is closed on a tick once its opener's pid is gone.
const caller = { command: 'test', pid: process.pid };

/** A request without its envelope, each op's own fields kept. */
type Body = AgentRequest extends infer R ? (R extends AgentRequest ? Omit<R, 'v' | 'caller'> : never) : never;

async function ask(service: LiveService, request: Body, from = caller): Promise<AgentAnswer> {
  return service.handle({ v: PROTOCOL_VERSION, caller: from, ...request } as AgentRequest);
}

function ok(answer: AgentAnswer): Extract<AgentAnswer, { ok: true }> {
  if (!answer.ok) throw new Error(`refused: ${answer.kind}: ${answer.message}`);
  return answer;
}

/** A ticker the test moves: each `tick()` is one second of the run's clock. */
function manualTicker(): SecondTicker & { tick(): void } {
  const ticks = new Set<() => void>();
  return {
    subscribe: (listener) => {
      ticks.add(listener);
      return () => ticks.delete(listener);
    },
    tick: () => {
      for (const tick of ticks) tick();
    },
  };
}

describe('the live service', () => {
  it('takes a request’s code for an MFA session the dashboard started, and never opens its form', () =>
    withOwnSandbox(async (own, files) => {
      const clock = adjustableClock();
      const { core, seen } = coreUnderTest(sandboxVariables(own.endpoint, files), {
        clock,
        ticker: manualTicker(),
      });
      // The morning's assume in the dashboard: the form asks, and alice's MFA session starts.
      const problems = answerWith(core.mfa, [() => own.aliceCode()]);
      const row = (await core.roleListing.roles(PROD)).rows.find((r) => r.profile?.name === 'prod-readonly');
      if (!row) throw new Error('no prod-readonly row');
      await core.assuming.assume(row, await core.assuming.defaults(row));
      expect(problems).toHaveLength(1);
      const formsBefore = seen.filter((state) => state.phase === 'asking').length;
      // 13 hours on, the MFA session has ended; the dashboard serves other terminals.
      clock.advance(13 * 3600_000);
      const service = await core.live({ dir: tempConfigDir(), interactive: true });
      const needs = await ask(service, { op: 'credentials', profile: 'prod-admin' });
      expect(needs).toMatchObject({
        ok: false,
        kind: 'needs-mfa',
        serial: 'arn:aws:iam::111111111111:mfa/alice',
      });
      const served = ok(
        await ask(service, { op: 'credentials', profile: 'prod-admin', mfaCode: await own.aliceCode(30) }),
      );
      expect(served.op === 'credentials' && served.identity.roleArn).toBe(
        'arn:aws:iam::333333333333:role/Admin',
      );
      // No form was put up in the dashboard for either request.
      expect(seen.filter((state) => state.phase === 'asking')).toHaveLength(formsBefore);
      expect(core.mfa.state.phase).toBe('idle');
      expect(problems).toHaveLength(1);
    }));

  it('serves a profile, then the same live session again without a new call', () =>
    withOwnSandbox(async (own, files) => {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      const first = ok(await ask(service, { op: 'credentials', profile: 'dev-developer' }));
      if (first.op !== 'credentials') throw new Error(first.op);
      expect(first.identity).toMatchObject({ session: 'dev-developer', account: '222222222222' });
      expect(core.sessions.get('dev-developer')?.credentials.accessKeyId).toBe(first.credentials.accessKeyId);
      const again = ok(await ask(service, { op: 'credentials', profile: 'dev-developer' }));
      if (again.op !== 'credentials') throw new Error(again.op);
      expect(again.credentials.accessKeyId).toBe(first.credentials.accessKeyId);
      expect(service.served().map((r) => r.how)).toEqual(['assumed', 'a live session']);
    }));

  it('asks for a code once: the MFA session it starts serves another role with none', () =>
    withOwnSandbox(async (own, files) => {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      const needs = await ask(service, { op: 'credentials', profile: 'prod-readonly' });
      expect(needs).toMatchObject({
        ok: false,
        kind: 'needs-mfa',
        serial: 'arn:aws:iam::111111111111:mfa/alice',
      });
      ok(await ask(service, { op: 'credentials', profile: 'prod-readonly', mfaCode: await own.aliceCode() }));
      const admin = ok(await ask(service, { op: 'credentials', profile: 'prod-admin' }));
      if (admin.op !== 'credentials') throw new Error(admin.op);
      expect(admin.identity.roleArn).toBe('arn:aws:iam::333333333333:role/Admin');
      expect(service.served().at(-1)?.how).toBe('assumed through the MFA session');
      // The MFA session has its row on the dashboard too.
      expect(core.sessions.get('mfa:alice')).toBeDefined();
    }));

  it('asks again for a code AWS refused, in its words, and refuses a profile that is not there by its name', () =>
    withOwnSandbox(async (own, files) => {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      const wrong = await ask(service, { op: 'credentials', profile: 'prod-readonly', mfaCode: '000000' });
      // needs-mfa: the requester's terminal asks for another code, saying why.
      expect(wrong).toMatchObject({
        ok: false,
        kind: 'needs-mfa',
        serial: 'arn:aws:iam::111111111111:mfa/alice',
      });
      expect(wrong.ok ? '' : wrong.message).toContain('AWS refused the MFA code');
      const right = await ask(service, {
        op: 'credentials',
        profile: 'prod-readonly',
        mfaCode: await own.aliceCode(),
      });
      expect(right).toMatchObject({ ok: true, op: 'credentials' });
      const missing = await ask(service, { op: 'credentials', profile: 'nope' });
      expect(missing).toMatchObject({ ok: false, kind: 'refused' });
      expect(missing.ok ? '' : missing.message).toContain('There is no profile nope');
    }));

  it('keeps a live client’s generation file and exports in step with refreshes, use and drops', () =>
    withOwnSandbox(async (own, files) => {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      const opened = ok(
        await ask(service, {
          op: 'open',
          kind: 'shell',
          mode: 'exported',
          profile: 'dev-developer',
          label: 'bash',
        }),
      );
      if (opened.op !== 'open') throw new Error(opened.op);
      const { client, generationFile, endpoint } = opened;
      expect(statSync(generationFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(generationFile, 'utf8')).toBe('1\n');
      expect(endpoint.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const firstKey = opened.exports.set.AWS_ACCESS_KEY_ID;
      expect(firstKey).toBeDefined();
      expect(opened.exports.set.ROLECALL_SHLVL).toBeUndefined();

      // A refresh: a new number, and the new keys when the hook asks.
      await core.sessions.refresh('dev-developer');
      expect(readFileSync(generationFile, 'utf8')).toBe('2\n');
      const refreshed = ok(await ask(service, { op: 'exports', client: client.id }));
      if (refreshed.op !== 'exports') throw new Error(refreshed.op);
      expect(refreshed.exports.set.AWS_ACCESS_KEY_ID).not.toBe(firstKey);
      const served = await service.credentialsForToken(endpoint.token);
      expect(served).toMatchObject({
        ok: true,
        credentials: { accessKeyId: refreshed.exports.set.AWS_ACCESS_KEY_ID },
      });

      // rolecall use: bound to another session.
      const used = ok(
        await ask(service, {
          op: 'use',
          client: client.id,
          target: 'arn:aws:iam::222222222222:role/ReadOnly',
        }),
      );
      if (used.op !== 'use') throw new Error(used.op);
      expect(used.exports.set.ROLECALL_PROFILE).toBe('dev-readonly-via-developer');
      expect(readFileSync(generationFile, 'utf8')).toBe('3\n');

      // Dropped: the shell is told once, and the token serves nothing.
      core.sessions.drop('dev-readonly-via-developer');
      const told = ok(await ask(service, { op: 'exports', client: client.id }));
      if (told.op !== 'exports') throw new Error(told.op);
      expect(told.exports.message).toContain('dev-readonly-via-developer was dropped');
      expect(told.exports.set).toEqual({});
      const quiet = ok(await ask(service, { op: 'exports', client: client.id }));
      expect(quiet.op === 'exports' && quiet.exports.message).toBeUndefined();
      expect(await service.credentialsForToken(endpoint.token)).toMatchObject({ ok: false, status: 403 });

      // Closed: its token is refused and its file is gone.
      ok(await ask(service, { op: 'close', client: client.id }));
      expect(await service.credentialsForToken(endpoint.token)).toMatchObject({ ok: false, status: 403 });
      expect(() => statSync(generationFile)).toThrow();
      expect(await ask(service, { op: 'exports', client: client.id })).toMatchObject({
        ok: false,
        kind: 'unknown-client',
      });
    }));

  it('gives an endpoint-mode client the prompt variables and no keys', () =>
    withOwnSandbox(async (own, files) => {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      const opened = ok(
        await ask(service, {
          op: 'open',
          kind: 'command',
          mode: 'endpoint',
          profile: 'dev-developer',
          label: 'node',
        }),
      );
      if (opened.op !== 'open') throw new Error(opened.op);
      expect(opened.exports.set.ROLECALL_PROFILE).toBe('dev-developer');
      expect(Object.keys(opened.exports.set).filter((name) => /KEY|TOKEN/.test(name))).toEqual([]);
      expect(await service.credentialsForToken('not-a-token')).toMatchObject({ ok: false, status: 403 });
      // Long-term keys have no Token or Expiration, which the SDKs require of the endpoint.
      const keys = await ask(service, {
        op: 'open',
        kind: 'command',
        mode: 'endpoint',
        profile: 'alice',
        label: 'node',
      });
      expect(keys).toMatchObject({ ok: false, kind: 'refused' });
      expect(keys.ok ? '' : keys.message).toContain('alice holds long-term keys');
      const status = ok(await ask(service, { op: 'status' }));
      expect(status.op === 'status' && status.clients.map((c) => [c.label, c.session])).toEqual([
        ['node', 'dev-developer'],
      ]);
    }));

  it('refuses to bind an endpoint client to long-term keys, and keeps its binding', () =>
    withOwnSandbox(async (own, files) => {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      const opened = ok(
        await ask(service, {
          op: 'open',
          kind: 'command',
          mode: 'endpoint',
          profile: 'dev-developer',
          label: 'sh',
        }),
      );
      if (opened.op !== 'open') throw new Error(opened.op);
      const used = await ask(service, { op: 'use', client: opened.client.id, target: 'alice' });
      expect(used).toMatchObject({ ok: false, kind: 'refused' });
      expect(used.ok ? '' : used.message).toContain('alice holds long-term keys');
      expect(service.clients().map((c) => c.session)).toEqual(['dev-developer']);
      expect(await service.credentialsForToken(opened.endpoint.token)).toMatchObject({ ok: true });
    }));

  it('answers a live session in the region asked for, and says when it is shorter than asked', () =>
    withOwnSandbox(async (own, files) => {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      ok(await ask(service, { op: 'credentials', profile: 'dev-developer' }));
      const elsewhere = ok(
        await ask(service, {
          op: 'credentials',
          profile: 'dev-developer',
          region: 'eu-west-1',
          durationSeconds: 43200,
        }),
      );
      if (elsewhere.op !== 'credentials') throw new Error(elsewhere.op);
      expect(elsewhere.identity.region).toBe('eu-west-1');
      expect(elsewhere.notes.join(' ')).toMatch(
        /dev-developer was live in rolecall with .* left.*not a new one of 12h/,
      );
      expect(core.sessions.get('dev-developer')?.region).not.toBe('eu-west-1');
    }));

  it('does not bind a shell to a session that has ended when its new code is refused', () =>
    withOwnSandbox(async (own, files) => {
      const clock = adjustableClock();
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files), {
        clock,
        ticker: manualTicker(),
      });
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      ok(await ask(service, { op: 'credentials', profile: 'prod-readonly', mfaCode: await own.aliceCode() }));
      const opened = ok(
        await ask(service, {
          op: 'open',
          kind: 'shell',
          mode: 'exported',
          profile: 'dev-developer',
          label: 'bash',
        }),
      );
      if (opened.op !== 'open') throw new Error(opened.op);
      // 13 hours on: prod-readonly and alice's MFA session have ended.
      clock.advance(13 * 3600_000);
      const wrong = await ask(service, {
        op: 'use',
        client: opened.client.id,
        target: 'prod-readonly',
        mfaCode: '000000',
      });
      expect(wrong).toMatchObject({ ok: false, kind: 'needs-mfa' });
      const none = await ask(service, { op: 'use', client: opened.client.id, target: 'prod-readonly' });
      expect(none).toMatchObject({ ok: false, kind: 'needs-mfa' });
      expect(service.clients().map((c) => c.session)).toEqual(['dev-developer']);
    }));

  it('says a code refused for a session near its end, and asks again, rather than binding in silence', () =>
    withOwnSandbox(async (own, files) => {
      const clock = adjustableClock();
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files), {
        clock,
        ticker: manualTicker(),
      });
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      ok(await ask(service, { op: 'credentials', profile: 'prod-readonly', mfaCode: await own.aliceCode() }));
      const opened = ok(
        await ask(service, {
          op: 'open',
          kind: 'shell',
          mode: 'exported',
          profile: 'dev-developer',
          label: 'bash',
        }),
      );
      if (opened.op !== 'open') throw new Error(opened.op);
      // The MFA session dropped, and 50 minutes on: prod-readonly has 10 left and needs a code.
      core.sessions.drop('mfa:alice');
      clock.advance(50 * 60_000);
      const wrong = await ask(service, {
        op: 'use',
        client: opened.client.id,
        target: 'prod-readonly',
        mfaCode: '000000',
      });
      expect(wrong).toMatchObject({ ok: false, kind: 'needs-mfa' });
      expect(wrong.ok ? '' : wrong.message).toContain('AWS refused the MFA code');
      expect(service.clients().map((c) => c.session)).toEqual(['dev-developer']);
    }));

  it('renews a session that needs a new code for the length it was asked for, in its own row', () =>
    withOwnSandbox(async (own, files) => {
      const clock = adjustableClock();
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files), {
        clock,
        ticker: manualTicker(),
      });
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      ok(
        await ask(service, {
          op: 'credentials',
          profile: 'prod-readonly',
          mfaCode: await own.aliceCode(),
          durationSeconds: 1800,
        }),
      );
      // The MFA session dropped, and 20 of the 30 minutes gone: the next ask renews with a code.
      core.sessions.drop('mfa:alice');
      clock.advance(20 * 60_000);
      const before = core.sessions.list().length;
      const renewed = ok(
        await ask(service, { op: 'credentials', profile: 'prod-readonly', mfaCode: await own.aliceCode(30) }),
      );
      if (renewed.op !== 'credentials') throw new Error(renewed.op);
      const seconds = (Date.parse(renewed.credentials.expiration ?? '') - Date.now()) / 1000;
      expect(seconds).toBeGreaterThan(1500);
      expect(seconds).toBeLessThanOrEqual(1800);
      expect(core.sessions.get('prod-readonly')?.credentials.accessKeyId).toBe(
        renewed.credentials.accessKeyId,
      );
      // Its MFA session's row is back; no other row was added.
      expect(core.sessions.list().length).toBe(before + 1);
    }));

  it('never opens the dashboard’s form for a refresh a tick or a request starts', () =>
    withOwnSandbox(async (own, files) => {
      const clock = adjustableClock();
      const ticker = manualTicker();
      const { core, seen } = coreUnderTest(sandboxVariables(own.endpoint, files), { clock, ticker });
      const service = await core.live({ dir: tempConfigDir(), interactive: true });
      // Any form put up is cancelled at once, and counted.
      const problems = answerWith(core.mfa, []);
      ok(await ask(service, { op: 'credentials', profile: 'prod-readonly', mfaCode: await own.aliceCode() }));
      // `s` on alice's MFA session's row: a GetSessionToken session, which renews only with a code.
      const opened = ok(
        await ask(service, {
          op: 'open-session',
          kind: 'shell',
          mode: 'exported',
          session: 'mfa:alice',
          label: 'bash',
        }),
      );
      if (opened.op !== 'open') throw new Error(opened.op);
      const key = core.sessions.get('mfa:alice')?.credentials.accessKeyId;
      // 11 h 50 min on, 10 minutes are left: due, but a refresh would ask for a code.
      clock.advance((11 * 60 + 50) * 60_000);
      ticker.tick();
      await service.refreshesEnded();
      expect(await service.credentialsForToken(opened.endpoint.token)).toMatchObject({
        ok: true,
        credentials: { accessKeyId: key },
      });
      expect(problems).toEqual([]);
      expect(seen.filter((state) => state.phase === 'asking')).toEqual([]);
      // Ended: the endpoint says a code is needed, still with no form.
      clock.advance(11 * 60_000);
      ticker.tick();
      await service.refreshesEnded();
      const ended = await service.credentialsForToken(opened.endpoint.token);
      expect(ended).toMatchObject({ ok: false, status: 503 });
      expect(ended.ok ? '' : ended.message).toContain('needs a new MFA code');
      expect(problems).toEqual([]);
      expect(core.mfa.state.phase).toBe('idle');
    }));

  it('closes a client whose process was killed: its token gets 403 and its file goes', () =>
    withOwnSandbox(async (own, files) => {
      const ticker = manualTicker();
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files), { ticker });
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      const exited = once(child, 'exit');
      try {
        const opened = ok(
          await ask(
            service,
            { op: 'open', kind: 'command', mode: 'endpoint', profile: 'dev-developer', label: 'node' },
            { command: 'exec --live', pid: child.pid ?? 0 },
          ),
        );
        if (opened.op !== 'open') throw new Error(opened.op);
        ticker.tick();
        expect(await service.credentialsForToken(opened.endpoint.token)).toMatchObject({ ok: true });
        child.kill('SIGKILL');
        // Reaped by node once it has exited: until then the pid is a zombie, which still exists.
        await exited;
        ticker.tick();
        expect(await service.credentialsForToken(opened.endpoint.token)).toMatchObject({
          ok: false,
          status: 403,
        });
        expect(() => statSync(opened.generationFile)).toThrow();
        expect(service.clients()).toEqual([]);
      } finally {
        child.kill('SIGKILL');
      }
    }));

  it('tells a shell still running that it has stopped (its number moves on), and ends its token', () =>
    withOwnSandbox(async (own, files) => {
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files));
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      const shell = ok(
        await ask(service, {
          op: 'open',
          kind: 'shell',
          mode: 'exported',
          profile: 'dev-developer',
          label: 'bash',
        }),
      );
      const command = ok(
        await ask(service, {
          op: 'open',
          kind: 'command',
          mode: 'endpoint',
          profile: 'dev-developer',
          label: 'node',
        }),
      );
      if (shell.op !== 'open' || command.op !== 'open') throw new Error('not opened');
      service.stop();
      // The shell's prompt hook sees a new number, asks, finds no agent and says so once.
      expect(readFileSync(shell.generationFile, 'utf8')).toBe('2\n');
      expect(() => statSync(command.generationFile)).toThrow();
      expect(await service.credentialsForToken(shell.endpoint.token)).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(service.clients()).toEqual([]);
    }));

  it('counts endpoint fetches on the client and tells the dashboard once a tick, opens at once', () =>
    withOwnSandbox(async (own, files) => {
      const ticker = manualTicker();
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files), { ticker });
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      let told = 0;
      service.onChange(() => told++);
      const opened = ok(
        await ask(service, {
          op: 'open',
          kind: 'command',
          mode: 'endpoint',
          profile: 'dev-developer',
          label: 'node',
        }),
      );
      if (opened.op !== 'open') throw new Error(opened.op);
      expect(told).toBe(1);
      const records = service.served().length;
      for (let i = 0; i < 50; i++)
        expect(await service.credentialsForToken(opened.endpoint.token)).toMatchObject({ ok: true });
      expect(told).toBe(1);
      expect(service.served()).toHaveLength(records);
      expect(service.clients()[0]?.served).toBe(50);
      ticker.tick();
      expect(told).toBe(2);
      ticker.tick();
      expect(told).toBe(2);
    }));

  it('refreshes a session with clients when under 15 minutes are left, whatever its auto-refresh', () =>
    withOwnSandbox(async (own, files) => {
      const clock = adjustableClock();
      const ticks = new Set<() => void>();
      const ticker: SecondTicker = {
        subscribe: (listener) => {
          ticks.add(listener);
          return () => ticks.delete(listener);
        },
      };
      const { core } = coreUnderTest(sandboxVariables(own.endpoint, files), { clock, ticker });
      const service = await core.live({ dir: tempConfigDir(), interactive: false });
      const opened = ok(
        await ask(service, {
          op: 'open',
          kind: 'shell',
          mode: 'exported',
          profile: 'dev-developer',
          label: 'zsh',
        }),
      );
      if (opened.op !== 'open') throw new Error(opened.op);
      expect(core.sessions.get('dev-developer')?.autoRefresh).toBe(true);
      core.sessions.setAutoRefresh('dev-developer', false);
      let refreshes = 0;
      const refreshed = new Promise<void>((resolve) =>
        core.sessions.on((event) => {
          if (event.type !== 'refreshed') return;
          refreshes++;
          resolve();
        }),
      );
      const key = core.sessions.get('dev-developer')?.credentials.accessKeyId;
      // 40 minutes on, 20 are left: not yet (what the tick started has ended when this is read).
      clock.advance(40 * 60_000);
      for (const tick of ticks) tick();
      await service.refreshesEnded();
      expect(refreshes).toBe(0);
      expect(core.sessions.get('dev-developer')?.credentials.accessKeyId).toBe(key);
      expect(readFileSync(opened.generationFile, 'utf8')).toBe('1\n');
      // 46 minutes on, 14 are left: refreshed, and the shell's number moves on.
      clock.advance(6 * 60_000);
      for (const tick of ticks) tick();
      await refreshed;
      expect(readFileSync(opened.generationFile, 'utf8')).toBe('2\n');
    }));
});
