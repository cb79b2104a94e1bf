// A config of 50,000 profiles: the accounts screen says how far the reading has got instead of
// a bare "Reading…", and a key pressed meanwhile is answered while the reading goes on, not after.
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountsProgress } from '../../src/accounts/accounts';
import { createCore } from '../../src/core';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import { Settings } from '../../src/settings/settings';
import { KEYS, renderApp } from '../helpers/render-app';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

const GENERATED = 50_000;
const PROGRESS = /Reading your AWS profiles… ([\d,]+) of ([\d,]+)/;

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  const lines: string[] = [];
  for (let i = 0; i < GENERATED; i++) {
    lines.push(`[profile gen-${i}]`, `role_arn = arn:aws:iam::222222222222:role/Team${i % 50}`);
    lines.push('source_profile = alice', '');
  }
  appendFileSync(files.configFile, `\n${lines.join('\n')}`);
  env = sandboxVariables(sandbox.endpoint, files);
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

describe('the accounts screen with 50,000 profiles', () => {
  it('counts the profiles read, and goes back on Esc while it is still reading them', async () => {
    const core = createCore({ settings: new Settings({ dir: tempConfigDir() }), env });
    const app = renderApp({ core, columns: 100, rows: 30 });
    try {
      await app.press('b');
      const counted = await vi.waitFor(
        () => {
          const found = PROGRESS.exec(app.lastFrame().replace(/\s+/g, ' '));
          if (!found) throw new Error(`no count of the profiles read: ${app.lastFrame()}`);
          return found;
        },
        { timeout: 10_000, interval: 5 },
      );
      const total = Number(counted[2]?.replaceAll(',', ''));
      expect(total).toBeGreaterThan(GENERATED);
      expect(Number(counted[1]?.replaceAll(',', ''))).toBeLessThan(total);
      await app.press(KEYS.escape);
      // Back on the sessions list, and the files not yet read whole: the key did not wait for them.
      expect(app.lastFrame()).not.toContain('Reading your AWS profiles');
      expect(core.profiles.loaded()).toBeUndefined();
      // The reading goes on, and the accounts are there when asked for again.
      await app.press('b');
      await vi.waitFor(() => expect(app.lastFrame()).toContain('4 accounts'), { timeout: 20_000 });
      expect(core.profiles.loaded()?.profiles.size).toBeGreaterThan(GENERATED);
    } finally {
      app.unmount();
    }
  });

  it('are told how far the reading, then AWS’s answers for the key profiles, have got', async () => {
    const { accounts } = createCore({ settings: new Settings({ dir: tempConfigDir() }), env });
    const heard: AccountsProgress[] = [];
    const view = await accounts.list({ onProgress: (progress) => heard.push(progress) });
    const reading = heard.filter((p) => p.step === 'reading');
    const placing = heard.filter((p) => p.step === 'placing');
    expect(reading.length).toBeGreaterThan(1);
    expect(reading.map((p) => p.done)).toEqual([...reading.map((p) => p.done)].sort((a, b) => a - b));
    // Told before the rest: the five key profiles of the sandbox, each answered once.
    expect(heard.indexOf(placing[0] as AccountsProgress)).toBeGreaterThan(
      heard.indexOf(reading.at(-1) as AccountsProgress),
    );
    expect(placing.map((p) => `${p.done} of ${p.total}`)).toEqual([
      '0 of 5',
      '1 of 5',
      '2 of 5',
      '3 of 5',
      '4 of 5',
      '5 of 5',
    ]);
    expect(view.accounts.map((a) => a.id)).toContain('222222222222');
  });
});
