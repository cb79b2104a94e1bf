// Console sign-in for the sessions of a run: the URL for a session (console-sign-in.ts), and the
// browser opened on it (src/browser/open-in-browser.ts), with the run's clients, timeouts and environment.
// The core makes one when first asked (core.ts); the dashboard's o and O use it, and
// `rolecall console` does the same through its own.
import type { AwsClients, AwsTimeouts } from '../aws/clients';
import { type BrowserOpening, noBrowserHere, openInBrowser } from '../browser/open-in-browser';
import type { Clock } from '../clock';
import type { Credentials } from '../credentials/provider';
import { ConsoleSignInError, type ConsoleSignInUrl, consoleSignInUrl } from './console-sign-in';

export interface ConsoleAccessDeps {
  clients: AwsClients;
  timeouts: () => AwsTimeouts;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  signal?: AbortSignal;
}

/** What a sign-in is made for: a session's credentials, in its region. */
export interface ConsoleSession {
  credentials: Credentials;
  region: string;
}

export class ConsoleAccess {
  readonly #deps: ConsoleAccessDeps;

  constructor(deps: ConsoleAccessDeps) {
    this.#deps = deps;
  }

  /** Why no browser can be opened from here (SSH, no display), or undefined when one can. */
  noBrowserHere(): string | undefined {
    return noBrowserHere(this.#deps.env);
  }

  /** The sign-in URL for the session: a secret for its 15 minutes. */
  signInUrl(session: ConsoleSession, service?: string): Promise<ConsoleSignInUrl> {
    const { clients, timeouts, env, clock, signal } = this.#deps;
    const signinEndpoint = signinEndpointOf(env);
    return consoleSignInUrl(
      { credentials: session.credentials, region: session.region, ...(service ? { service } : {}) },
      {
        clients,
        timeouts,
        now: () => clock.now(),
        ...(signinEndpoint ? { signinEndpoint } : {}),
        ...(signal ? { signal } : {}),
      },
    );
  }

  /** Opens the browser on a sign-in URL, through a one-time loopback address. */
  open(url: string): Promise<BrowserOpening> {
    const { env, signal } = this.#deps;
    return openInBrowser(url, { env, ...(signal ? { signal } : {}) });
  }
}

/**
 * ROLECALL_SIGNIN_ENDPOINT: where getSigninToken goes instead of AWS sign-in (the sandbox sets it
 * to its own). The session's credentials go there, so only https, or http on this machine.
 */
export function signinEndpointOf(env: NodeJS.ProcessEnv): string | undefined {
  const text = env.ROLECALL_SIGNIN_ENDPOINT;
  if (!text) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) throw new ConsoleSignInError(`ROLECALL_SIGNIN_ENDPOINT is not a URL: ${JSON.stringify(text)}.`);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new ConsoleSignInError(
      'ROLECALL_SIGNIN_ENDPOINT must be https, or http on 127.0.0.1: credentials are sent to it.',
    );
  return url.href;
}
