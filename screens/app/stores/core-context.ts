// The core services screens call. Passed in by whoever starts the TUI, so tests give their own.
import { createContext, useContext } from 'react';
import { type AwsClients, awsClients } from '../../../src/aws/clients';
import { type Clock, systemClock } from '../../../src/clock';
import { MfaPrompt } from '../../../src/mfa/mfa-prompt';
import { type SecondTicker, secondTicker } from '../../../src/sessions/second-ticker';
import { SessionStore } from '../../../src/sessions/store';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';
import type { Settings } from '../../../src/settings/settings';
import { type Clipboard, clipboardOrTerminal, systemClipboard } from '../../../src/shells/clipboard';
import { terminalClipboard } from '../../../src/shells/terminal-clipboard';
import type { TerminalHandOff } from '../../../src/terminal/hand-off';
import { Workspace } from '../../../src/workspace/workspace';

export interface Core {
  settings: Settings;
  /** The live sessions the dashboard lists. */
  sessions: SessionStore;
  /** The one clock every countdown reads. */
  ticker: SecondTicker;
  /** What time it is, for verdicts (a trust policy may test aws:CurrentTime). */
  clock: Clock;
  clipboard: Clipboard;
  /** Accounts, roles and assuming them. */
  workspace: Workspace;
  /** Where the core asks for MFA codes; the MFA screen answers. */
  mfa: MfaPrompt;
  /** Every STS and IAM client the core makes: timeouts from settings, retries the status line hears. */
  clients: AwsClients;
  /**
   * Hands the terminal to a session's shell. Left out by the app, which hands over its own
   * terminal (useTerminalHandOff: it needs ink's, known only once rendered); tests give theirs.
   */
  handOff?: TerminalHandOff;
}

const CoreContext = createContext<Core | undefined>(undefined);

export const CoreProvider = CoreContext.Provider;

export function useCore(): Core {
  const core = useContext(CoreContext);
  if (!core) throw new Error('useCore needs a CoreProvider above it');
  return core;
}

export interface CoreOptions {
  clock?: Clock;
  /** A ticker the caller moves (tests, the heap bench); else one on the clock. */
  ticker?: SecondTicker;
  /** Else the system clipboard, falling back to the terminal's (OSC 52) on process.stdout. */
  clipboard?: Clipboard;
  env?: NodeJS.ProcessEnv;
  /** The sandbox's MFA devices and seeds, for the MFA screen's hint. */
  sandboxDevices?: ReadonlyArray<{ serial: string; secret: string }>;
  /** Stops every AWS call in flight: the app's run aborts it when the person quits. */
  signal?: AbortSignal;
}

/** The core for a run of the interface. The lead time is the default until settings are open. */
export function createCore(settings: Settings, options: CoreOptions = {}): Core {
  const clock = options.clock ?? systemClock;
  const sessions = new SessionStore(clock, DEFAULT_SETTINGS.refreshLeadSeconds);
  const mfa = new MfaPrompt();
  const env = options.env ?? process.env;
  let workspace: Workspace | undefined;
  const clients = awsClients({
    // The settings each client would otherwise parse the AWS files for, taken from the files as
    // the workspace last read them (with 44,059 profiles, seconds a client).
    profiles: () => workspace?.loadedProfiles(),
    env,
    // Read as each client is made, so an edited timeout applies to the next call.
    timeouts: () => {
      const { connectTimeoutSeconds, requestTimeoutSeconds } = settings.read();
      return { connectSeconds: connectTimeoutSeconds, requestSeconds: requestTimeoutSeconds };
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  workspace = new Workspace({
    clients,
    env,
    settings,
    sessions,
    mfa,
    clock,
    ...(options.sandboxDevices ? { sandboxDevices: options.sandboxDevices } : {}),
  });
  return {
    settings,
    sessions,
    ticker: options.ticker ?? secondTicker(clock),
    clock,
    // The terminal's clipboard is written on the stream the interface draws on (run-tui.tsx).
    clipboard:
      options.clipboard ??
      clipboardOrTerminal(systemClipboard, terminalClipboard(process.stdout, options.env ?? process.env)),
    mfa,
    clients,
    workspace,
  };
}
