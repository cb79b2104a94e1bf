// The built bin in a real pseudo-terminal: first frame, help, quit, and the terminal as it was.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requireBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { tempConfigDir } from '../helpers/temp-dirs';

const ESC = '\u001B';
let run: PtyRun | undefined;
afterEach(() => run?.kill());

/** Runs the bin under sh, which reports its exit code and the terminal's modes after it quits. */
function startUnderShell(args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const command = `"$0" "$@"; echo "rolecall exited $?"; stty -a; printf 'done\\n'`;
  return runInPty('/bin/sh', ['-c', command, process.execPath, requireBuiltBin(), ...args], {
    env: { ROLECALL_CONFIG_DIR: tempConfigDir(), ...env },
    rows: 30,
    columns: 100,
  });
}

describe('rolecall in a terminal', () => {
  it('opens on the sessions screen, shows help on ?, quits on q and restores the terminal', async () => {
    run = startUnderShell();
    const first = await run.waitForText('No live sessions.');
    expect(first).toContain('rolecall › Sessions');
    expect(first).toContain('no identity loaded');
    expect(run.onAlternateScreen()).toBe(true);

    run.type('?');
    const help = await run.waitForText('Keys on Sessions');
    expect(help).toContain('Open settings');
    expect(help).toContain('Quit rolecall');

    run.type('q');
    const after = await run.waitForText('done');
    expect(after).toContain('rolecall exited 0');
    // Raw mode is off again: the line discipline echoes and edits lines.
    const modes = after.replace(/\s+/g, ' ');
    expect(modes).toMatch(/ icanon /);
    expect(modes).toMatch(/ echo /);
    expect(modes).not.toMatch(/ -icanon /);
    expect(run.onAlternateScreen()).toBe(false);
    const output = run.raw();
    expect(output.lastIndexOf('\u001B[?25h')).toBeGreaterThan(output.lastIndexOf('\u001B[?25l'));
    await run.exited;
  });

  it('Ctrl-C quits with the terminal restored, even from a text field', async () => {
    run = startUnderShell();
    await run.waitForText('No live sessions.');
    run.type(',');
    await run.waitForText('Default region');
    run.type('\r');
    await run.waitForText('Enter saves, Esc cancels.');
    run.type('\u0003');
    const after = await run.waitForText('done');
    expect(after).toContain('rolecall exited 0');
    expect(after.replace(/\s+/g, ' ')).toMatch(/ icanon /);
  });

  it('says on the status line, in full, that a broken settings file was moved aside', async () => {
    // A long path, as a real home directory gives, must not push the end of the notice off screen.
    const dir = join(tempConfigDir(), 'a-rather-long-directory-name-for-settings', 'rolecall-config');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    run = startUnderShell([], { ROLECALL_CONFIG_DIR: dir });
    await run.waitForText('was not valid JSON');
    expect(run.screenText().replace(/\s+/g, '')).toContain(
      `Settingsfile${dir}/settings.jsonwasnotvalidJSON(line1);itisnowsettings.json.bakanddefaultsareinuse.`,
    );
    expect(readFileSync(join(dir, 'settings.json.bak'), 'utf8')).toBe('{ not json');
    run.type('q');
    expect(await run.waitForText('done')).toContain('rolecall exited 0');
  });

  it('--sandbox starts the sandbox, says where it is, and removes its files on quit', async () => {
    run = startUnderShell(['--sandbox']);
    const screen = await run.waitForText('Sandbox running at');
    const text = screen.replace(/\s+/g, '');
    const dir = /profilesarein(\/\S+?rolecall-sandbox-\w+)\./.exec(text)?.[1];
    expect(text).toMatch(/Sandboxrunningathttp:\/\/127\.0\.0\.1:\d+;/);
    expect(dir && existsSync(join(dir, 'config'))).toBe(true);
    // The header says who the SDK is: the sandbox's default profile, alice.
    await run.waitForText('user/alice · 111111111111');
    run.type('q');
    expect(await run.waitForText('done')).toContain('rolecall exited 0');
    expect(existsSync(join(dir ?? '', 'config'))).toBe(false);
  });

  it('draws inline below the prompt with --inline', async () => {
    run = startUnderShell(['--inline']);
    await run.waitForText('No live sessions.');
    expect(run.onAlternateScreen()).toBe(false);
    run.type('q');
    expect(await run.waitForText('done')).toContain('rolecall exited 0');
  });

  it('writes no colour when NO_COLOR is set, but still shows the text cursor', async () => {
    run = startUnderShell([], { NO_COLOR: '1' });
    await run.waitForText('No live sessions.');
    run.type(',');
    await run.waitForText('Default region');
    run.type('\r');
    await run.waitForText('Enter saves, Esc cancels.');
    run.type('\u0003');
    await run.waitForText('done');
    const rolecallOutput = run.raw().split('rolecall exited')[0] ?? '';
    // SGR colours: 30-38 and 90-97 (foreground), 40-48 and 100-107 (background).
    const colour = new RegExp(`${ESC}\\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m`);
    expect(rolecallOutput).not.toMatch(colour);
    // Inverse (7) is emphasis, not colour: the edit field's cursor is drawn with it.
    expect(rolecallOutput).toMatch(new RegExp(`${ESC}\\[7m`));
  });
});
