// One IAM Identity Center login, as the interface and `rolecall sso login` make it: by the
// authorization code with PKCE, the browser opened here (the AWS CLI's default), or by a device
// code where no browser here can reach this machine's loopback (over SSH, no display) or when
// asked for one. Progress is told as it goes (the page opened, the code to check), for a screen
// or stderr to show; the browser is opened for either way where there is one.
import { clientConfig } from '../aws/client-config';
import { noBrowserHere, openInBrowser } from '../browser/open-in-browser';
import type { ClientKeys } from '../profiles/profile-set';
import type { SsoLoginTarget } from './sso-login';
import { authorizationCodeLogin, type DevicePrompt, deviceLogin, type SsoLoginDeps } from './sso-login';
import type { CachedToken } from './token-cache';

export type LoginProgress =
  /** A device code to approve: the page (with the code filled in), and whether a browser opened it. */
  | { way: 'device'; prompt: DevicePrompt; browser: BrowserState }
  /** The browser sent to Identity Center's page, which comes back to this machine. */
  | { way: 'browser'; url: string; browser: BrowserState };

export type BrowserState =
  | { state: 'opening' }
  | { state: 'opened' }
  /** Why no browser here took the page: it is to be opened by hand. */
  | { state: 'not-opened'; why: string };

export interface LogInOptions {
  /** A device code even where a browser could come back here. */
  deviceCode?: boolean;
  /** Open no browser: show what to open. */
  noBrowser?: boolean;
  clientKeys: ClientKeys;
  onProgress: (progress: LoginProgress) => void;
}

export async function logIn(
  target: SsoLoginTarget,
  deps: SsoLoginDeps,
  options: LogInOptions,
): Promise<{ token: CachedToken; file: string; noBrowserHere?: string }> {
  const { env } = deps;
  const none = options.noBrowser ? undefined : noBrowserHere(env);
  const browser = !options.noBrowser && !none;
  let opening: Promise<void> | undefined;
  // The browser's one-time address waits for a browser that may never come (one that opened
  // nothing): once the login has ended, by either way, it stops waiting.
  const ended = new AbortController();
  const stopOpening = () => ended.abort();
  deps.signal?.addEventListener('abort', stopOpening, { once: true });
  /** Opens the page where a browser can be, telling how that went. */
  const open = (url: string, tell: (state: BrowserState) => void) => {
    if (!browser) {
      tell({ state: 'not-opened', why: none ?? 'No browser was to be opened.' });
      return;
    }
    tell({ state: 'opening' });
    opening = openInBrowser(url, { env, signal: ended.signal }).then((opened) => {
      if (!ended.signal.aborted)
        tell(opened.opened ? { state: 'opened' } : { state: 'not-opened', why: opened.why });
    });
  };
  try {
    const result =
      options.deviceCode || !browser
        ? await deviceLogin(target, deps, (prompt) =>
            open(prompt.verificationUriComplete, (state) =>
              options.onProgress({ way: 'device', prompt, browser: state }),
            ),
          )
        : await authorizationCodeLogin(
            target,
            { ...deps, ...oidcEndpointOf(env, options.clientKeys) },
            (url) => open(url, (state) => options.onProgress({ way: 'browser', url, browser: state })),
          );
    return { ...result, ...(none ? { noBrowserHere: none } : {}) };
  } finally {
    stopOpening();
    deps.signal?.removeEventListener('abort', stopOpening);
    // Closed by now, or at once: not left listening behind the login.
    await opening;
  }
}

/** Where the browser goes to authorize: the SSO OIDC endpoint the SDK's client would use, when one is configured. */
function oidcEndpointOf(env: NodeJS.ProcessEnv, keys: ClientKeys): { oidcEndpoint?: string } {
  const { endpoint } = clientConfig('SSO OIDC', env, keys);
  return endpoint ? { oidcEndpoint: endpoint } : {};
}
