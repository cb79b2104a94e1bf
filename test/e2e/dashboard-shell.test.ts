// The dashboard's s key in a real pseudo-terminal: $SHELL gets the session's credentials and
// the terminal, and the dashboard comes back saying how the shell ended.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../scripts/bundle-options.mjs';
import { ROOT } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { tempConfigDir } from '../helpers/temp-dirs';

const FIXTURE = `${ROOT}test/e2e/.build/dashboard-shell-app.mjs`;
let run: PtyRun | undefined;

beforeAll(async () => {
  mkdirSync(`${ROOT}test/e2e/.build`, { recursive: true });
  await build({
    ...bundleOptions,
    entryPoints: [`${ROOT}test/e2e/fixtures/dashboard-shell-app.tsx`],
    outfile: FIXTURE,
  });
});
afterEach(() => run?.kill());

/** An interactive bash that reads no rc file: $SHELL takes no arguments, so a script passes them. */
function quietBash(): string {
  const path = join(tempConfigDir(), 'quiet-bash');
  writeFileSync(path, '#!/bin/sh\nexec bash --norc --noprofile -i\n');
  chmodSync(path, 0o755);
  return path;
}

function start(shell: string) {
  const home = tempConfigDir();
  run = runInPty(process.execPath, [FIXTURE], {
    env: {
      SHELL: shell,
      HOME: home,
      ROLECALL_CONFIG_DIR: home,
      AWS_PROFILE: 'leftover',
      ROLECALL_SHLVL: '',
      PS1: 'child$ ',
    },
  });
  return run;
}

describe('a shell from the dashboard', () => {
  it("has the session's credentials and not what would shadow them, and its exit code comes back", async () => {
    const tui = start(quietBash());
    await tui.waitForText('prod-admin');
    tui.type('s');
    await tui.waitForText('child$');
    // Nothing secret was drawn on the way in.
    expect(tui.raw()).not.toContain('fixture-secret-key');
    tui.type('echo "key=$AWS_ACCESS_KEY_ID profile=[$AWS_PROFILE] level=$ROLECALL_SHLVL"\r');
    await tui.waitForText('key=ASIAFIXTURE000000001 profile=[] level=1');
    tui.type('exit 3\r');
    await tui.waitForText('Shell for prod-admin exited with code 3.');
    expect(tui.screenText()).toContain('prod-admin profile alice');
  });

  it('says so when $SHELL cannot start, and runs /bin/sh instead', async () => {
    const tui = start('/nonexistent/shell');
    await tui.waitForText('prod-admin');
    tui.type('s');
    await tui.waitForText('child$');
    tui.type('exit\r');
    await tui.waitFor(
      (text) =>
        text
          .replace(/\s+/g, ' ')
          .includes(
            '$SHELL (/nonexistent/shell) could not start: there is no such file; ran /bin/sh instead. Shell for prod-admin exited with code 0.',
          ),
      'the fallback on the status line',
    );
  });
});
