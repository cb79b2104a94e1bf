// The sign-in URL reaches the browser through a one-time address on loopback, never through a
// program's arguments: $BROWSER (a script standing in for a browser here) is given the address,
// fetches it once, and is sent on to the URL; the address then answers no one else.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowserHere, openInBrowser } from '../../../src/browser/open-in-browser';
import { type LoopbackServer, listenOnLoopback } from '../../../src/servers/loopback';
import { tempConfigDir } from '../../helpers/temp-dirs';

let target: LoopbackServer;
let dir: string;
const SECRET_URL_PATH = '/federation?Action=login&SigninToken=secret-token';

beforeAll(async () => {
  // Stands in for AWS sign-in: what the browser lands on after the redirect.
  target = await listenOnLoopback((request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`landed on ${request.url}`);
  });
  dir = tempConfigDir();
});
afterAll(() => target.close());

/** A "browser": writes what it was given, then fetches it (following the redirect) with node. */
function fakeBrowser(name: string, exitCode = 0): string {
  const script = join(dir, name);
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      `printf '%s' "$*" > "${script}.args"`,
      `"${process.execPath}" -e 'fetch(process.argv[1]).then(r => r.text()).then(t => require("fs").writeFileSync(process.argv[2], t))' "$1" "${script}.page"`,
      `exit ${exitCode}`,
      '',
    ].join('\n'),
  );
  chmodSync(script, 0o700);
  return script;
}

describe('openInBrowser', () => {
  it('gives $BROWSER a one-time loopback address that redirects to the URL, once', async () => {
    const browser = fakeBrowser('browser.sh');
    const url = `${target.url}${SECRET_URL_PATH}`;
    const opening = await openInBrowser(url, { env: { PATH: process.env.PATH, BROWSER: browser } });
    expect(opening).toEqual({ opened: true, by: '$BROWSER' });
    const args = readFileSync(`${browser}.args`, 'utf8');
    expect(args).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{32}$/);
    expect(args).not.toContain('secret-token');
    // The fetch finishes after the redirect was served: wait for the page the script writes.
    await expect
      .poll(() => readFileSync(`${browser}.page`, 'utf8').toString(), { timeout: 10_000 })
      .toBe(`landed on ${SECRET_URL_PATH}`);
    // Spent: the address answers no one now (its server is closed).
    await expect(fetch(args)).rejects.toThrow();
  });

  it('says so when $BROWSER cannot be started, or fails, or never asks', async () => {
    const url = `${target.url}${SECRET_URL_PATH}`;
    expect(await openInBrowser(url, { env: { BROWSER: join(dir, 'no-such-browser') } })).toEqual({
      opened: false,
      why: `$BROWSER (${join(dir, 'no-such-browser')}) could not be started (ENOENT): check what it names.`,
    });
    const failing = join(dir, 'failing.sh');
    writeFileSync(failing, '#!/bin/sh\nexit 3\n');
    chmodSync(failing, 0o700);
    expect(await openInBrowser(url, { env: { BROWSER: failing } })).toEqual({
      opened: false,
      why: `$BROWSER (${failing}) failed (exit 3).`,
    });
    const silent = join(dir, 'silent.sh');
    writeFileSync(silent, '#!/bin/sh\nexit 0\n');
    chmodSync(silent, 0o700);
    expect(await openInBrowser(url, { env: { BROWSER: silent }, waitMs: 300 })).toEqual({
      opened: false,
      why: 'The browser did not ask for the sign-in link within 300 ms.',
    });
  });

  it('opens nothing over SSH, or on a Linux with no display, and says why', async () => {
    expect(noBrowserHere({ SSH_CONNECTION: '10.0.0.1 5555 10.0.0.2 22', DISPLAY: ':0' }, 'linux')).toContain(
      'over SSH',
    );
    expect(noBrowserHere({}, 'linux')).toContain('no display');
    expect(noBrowserHere({ DISPLAY: ':0' }, 'linux')).toBeUndefined();
    expect(noBrowserHere({}, 'darwin')).toBeUndefined();
    // $BROWSER is the person's say: a text browser over SSH is theirs to choose.
    expect(noBrowserHere({ SSH_TTY: '/dev/pts/1', BROWSER: 'w3m' }, 'linux')).toBeUndefined();
    const opening = await openInBrowser('https://example.invalid/', {
      env: { SSH_CONNECTION: 'x' },
      platform: 'linux',
    });
    expect(opening).toMatchObject({ opened: false, noBrowserHere: true });
  });
});
