// Opens a sign-in URL in the person's browser without putting it in any program's arguments,
// where any user of the machine could read it (ps, /proc): the browser is given a one-time
// address on loopback instead, which answers its first request with a redirect to the URL and
// then closes. The opener is $BROWSER when set (the Unix convention Python's webbrowser and the
// AWS CLI's sso login follow), else the platform's (open, xdg-open, PowerShell; the `open`
// package). Over SSH, or on Linux with no display, there is no browser here to open, and the
// answer says so rather than open one on the wrong machine.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { listenOnLoopback } from '../servers/loopback';

/** How long the one-time address waits for the browser: a cold browser can take a while to start. */
export const BROWSER_WAIT_MS = 60_000;

export type BrowserOpening =
  /** The browser fetched the one-time address and was sent on to the URL. */
  | { opened: true; by: string }
  /** No browser took it: why, in words that say what to do instead. */
  | { opened: false; why: string; noBrowserHere?: boolean };

export interface OpenOptions {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  waitMs?: number;
  signal?: AbortSignal;
}

/** Whether this machine has a browser to open at all: not over SSH, not on a Linux with no display. */
export function noBrowserHere(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (env.BROWSER?.trim()) return undefined;
  if (env.SSH_CONNECTION || env.SSH_CLIENT || env.SSH_TTY)
    return 'This terminal is connected over SSH, so a browser opened here would open on the remote machine.';
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY && !env.WSL_DISTRO_NAME)
    return 'There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so there is no browser to open.';
  return undefined;
}

export async function openInBrowser(url: string, options: OpenOptions): Promise<BrowserOpening> {
  const { env } = options;
  const none = noBrowserHere(env, options.platform);
  if (none) return { opened: false, why: none, noBrowserHere: true };
  const nonce = randomBytes(24).toString('base64url');
  let served: () => void = () => {};
  const fetched = new Promise<void>((resolve) => {
    served = resolve;
  });
  let used = false;
  const server = await listenOnLoopback((request, response) => {
    // Once: a second request for the address, even before it closes, is sent nowhere.
    if (used || request.method !== 'GET' || request.url !== `/${nonce}`) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not here.\n');
      return;
    }
    response.writeHead(302, {
      location: url,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-length': 0,
      connection: 'close',
    });
    used = true;
    response.end();
    served();
  });
  const address = `${server.url}/${nonce}`;
  const waitMs = options.waitMs ?? BROWSER_WAIT_MS;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const browser = env.BROWSER?.trim();
    const launched = browser ? launchBrowserVariable(browser, address, env) : launchPlatformOpener(address);
    const outcome = await Promise.race([
      fetched.then((): BrowserOpening => ({ opened: true, by: browser ? '$BROWSER' : 'your browser' })),
      launched.then((failure): Promise<BrowserOpening> | BrowserOpening =>
        // A launcher that exits at once having started the browser has not failed: wait for the fetch.
        failure ? { opened: false, why: failure } : new Promise<never>(() => {}),
      ),
      new Promise<BrowserOpening>((resolve) => {
        timer = setTimeout(
          () =>
            resolve({
              opened: false,
              why: `The browser did not ask for the sign-in link within ${waitMs < 1000 ? `${waitMs} ms` : `${Math.round(waitMs / 1000)} s`}.`,
            }),
          waitMs,
        );
      }),
      new Promise<BrowserOpening>((resolve) => {
        onAbort = () => resolve({ opened: false, why: 'Stopped before the browser opened.' });
        if (options.signal?.aborted) onAbort();
        else options.signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
    return outcome;
  } finally {
    if (timer) clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    await server.close();
  }
}

/**
 * $BROWSER: a list of commands separated by colons, the first one used; `%s` in it stands for
 * the address, else the address is its last argument. Run without a shell. Resolves with why it
 * failed, or undefined once it has run.
 */
function launchBrowserVariable(
  variable: string,
  address: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const command =
    variable
      .split(':')
      .find((part) => part.trim())
      ?.trim() ?? '';
  const words = command.split(/\s+/);
  const args = words.slice(1).map((word) => word.replaceAll('%s', address));
  if (!command.includes('%s')) args.push(address);
  const program = words[0] ?? '';
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: 'ignore', env, detached: true });
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        `$BROWSER (${program}) could not be started (${error.code ?? error.message}): check what it names.`,
      ),
    );
    child.once('exit', (code, signal) =>
      resolve(code === 0 ? undefined : `$BROWSER (${program}) failed (${signal ?? `exit ${code}`}).`),
    );
    child.unref();
  });
}

async function launchPlatformOpener(address: string): Promise<string | undefined> {
  try {
    const { default: open } = await import('open');
    await open(address);
    return undefined;
  } catch (error) {
    return `No browser could be opened (${(error as Error).message.split('\n')[0]}).`;
  }
}
