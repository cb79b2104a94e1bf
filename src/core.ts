// The core: built here, once per run, by whoever runs rolecall (the interface, the CLI commands,
// the tests, the benches). Every side effect is handed in: the environment, the settings, the
// clock, the stop signal; AWS clients come from one factory with the timeouts from settings.
// Nothing here loads ink, React or the IAM client: `rolecall env` builds this core too.
import { AccountAliases } from './accounts/account-aliases';
import { Accounts } from './accounts/accounts';
import { type IdentityOf, KeyIdentities } from './accounts/key-identities';
import { Assuming } from './assuming/assuming';
import type { AwsClients } from './aws/clients';
import type { Clock } from './clock';
import { createCommandCore } from './command-core';
import type { ConsoleAccess } from './console/console-access';
import type { GuidedSetup } from './guided-setup/guided-setup';
import { AgentSlot } from './live/agent-slot';
import type { LiveService } from './live/live-service';
import { MfaCodes } from './mfa/mfa-codes';
import { MfaPrompt } from './mfa/mfa-prompt';
import { MfaSessions } from './mfa/mfa-sessions';
import { RequestCodes } from './mfa/request-codes';
import { type SandboxDevice, sandboxMfaCode } from './mfa/sandbox-mfa-code';
import type { LoadedProfiles } from './profiles/loaded-profiles';
import { IamReaders } from './role-listing/iam-readers';
import { RoleListing } from './role-listing/role-listing';
import { RoleMaking } from './role-making/role-making';
import { type SecondTicker, secondTicker } from './sessions/second-ticker';
import { SessionStore } from './sessions/store';
import { DEFAULT_SETTINGS } from './settings/schema';
import type { Settings } from './settings/settings';
import { type Clipboard, clipboardOrTerminal, systemClipboard } from './shells/clipboard';
import type { SelfCommand } from './shells/self-command';
import { terminalClipboard } from './shells/terminal-clipboard';
import type { LoginProgress } from './sso/log-in';
import { SsoPortal } from './sso/sso-portal';
import type { CachedToken } from './sso/token-cache';
import type { TerminalHandOff } from './terminal/hand-off';
import type { TrustedSide } from './trusted-side/trusted-side';
import { Verdicts } from './verdicts/verdicts';

/**
 * What the core reads and keeps in settings: the interface's store (settings.ts), or a one-shot
 * command's copy, read once (quick-read.ts) and never written (commands/profile-session.ts).
 */
export type CoreSettings = Pick<Settings, 'read' | 'update' | 'noteRecent' | 'rememberExternalId'>;

export interface CoreOptions<S extends CoreSettings = Settings> {
  settings: S;
  /** The environment as the composition root read it (cli.ts); nothing below reads process.env. */
  env: NodeJS.ProcessEnv;
  clock?: Clock;
  /** A ticker the caller moves (tests, the heap bench); else one on the clock. */
  ticker?: SecondTicker;
  /** Else the system clipboard, falling back to the terminal's (OSC 52) on process.stdout. */
  clipboard?: Clipboard;
  /** The sandbox's MFA devices and seeds, for the MFA form's hint. */
  sandboxDevices?: readonly SandboxDevice[];
  /** Stops every AWS call in flight: the interface's run aborts it when the person quits. */
  signal?: AbortSignal;
  /** A client factory of the caller's (a test that holds back AWS's answers); else one made here. */
  clients?: AwsClients;
  /** How to start rolecall again (this node and script), for the walkthrough's sandbox practice. */
  selfCommand?: SelfCommand;
}

export interface Core<S extends CoreSettings = Settings> {
  settings: S;
  env: NodeJS.ProcessEnv;
  /** What time it is, for verdicts (a trust policy may test aws:CurrentTime) and countdowns. */
  clock: Clock;
  /** The one clock every countdown reads. */
  ticker: SecondTicker;
  clipboard: Clipboard;
  /** Every STS and IAM client the core makes: timeouts from settings, retries the status line hears. */
  clients: AwsClients;
  /** The AWS files as read this run. */
  profiles: LoadedProfiles;
  /** The live sessions the dashboard lists. */
  sessions: SessionStore;
  /** The profiles grouped into accounts, with their aliases, and those IAM Identity Center lists. */
  accounts: Accounts;
  /** IAM Identity Center's portal for each login the config names: its accounts and permission sets. */
  ssoPortal: SsoPortal;
  /**
   * Logs in to IAM Identity Center (a login's key: its sso_session, or legacy start URL), into the
   * AWS CLI's cache; the portal is asked again after it. Loaded when first asked for.
   */
  ssoLogIn(
    key: string,
    options: { deviceCode?: boolean; signal?: AbortSignal; onProgress: (progress: LoginProgress) => void },
  ): Promise<{ token: CachedToken; file: string }>;
  /** An account's roles, from its profiles and IAM, and a role's details. */
  roleListing: RoleListing;
  /** Making a role: the managed policies to pick from, who makes the calls, the calls in order. */
  roleMaking: RoleMaking;
  /** Who would assume a role, and what an assume would send: what its verdict is worked out from. */
  verdicts: Verdicts;
  /** The assume form's defaults, and the assume itself. */
  assuming: Assuming;
  /** Where the core asks for MFA codes; the MFA form answers. */
  mfa: MfaPrompt;
  /** The current code of a sandbox MFA device, for the form's hint; undefined outside the sandbox. */
  sandboxMfaCode(serial: string): Promise<string | undefined>;
  /**
   * The trusted account's side of a role: its identity policy, where it goes, the config profile.
   * Loaded when first asked for: `rolecall env` pays for neither the trust engine nor the writer.
   */
  trustedSide(): Promise<TrustedSide>;
  /** The guided setup's checks (who you are … a shell as the role), loaded when first asked for. */
  guidedSetup(): Promise<GuidedSetup>;
  /** Console sign-in for a session (its URL, the browser opened on it), loaded when first asked for. */
  console(): Promise<ConsoleAccess>;
  /** rolecall runs on its in-process sandbox (`--sandbox`): its world starts afresh each start. */
  inProcessSandbox: boolean;
  /** How to start rolecall again as a child (`rolecall tour --sandbox …`); unknown to tests that do not say. */
  selfCommand?: SelfCommand;
  /** Whose keys a key profile holds (GetCallerIdentity, asked once per profile): the walkthrough's examples. */
  keyIdentity: IdentityOf;
  /**
   * What this rolecall serves other processes (shells, `exec --live`, `credential-process` in
   * other terminals) from its sessions; loaded when an agent starts (src/live/start-agent.ts).
   * `interactive`: renewals may ask for a code in the dashboard's form.
   */
  live(options: { dir: string; interactive: boolean }): Promise<LiveService>;
  /** This run's agent (the service, its endpoint and socket), once the dashboard or `rolecall agent` starts it. */
  agent: AgentSlot;
  /** Forget what was read (the files, IAM's lists, whose keys are whose), so the next look reads again. */
  reload(): void;
  /**
   * Hands the terminal to a session's shell. Left out by the interface, which hands over its own
   * terminal (useTerminalHandOff: it needs ink's, known only once rendered); tests give theirs.
   */
  handOff?: TerminalHandOff;
}

/** The core for a run. The dashboard's refresh lead is the default until the settings are open. */
export function createCore<S extends CoreSettings>(options: CoreOptions<S>): Core<S> {
  const { settings, env } = options;
  const { clock, profiles, clients, rules } = createCommandCore(options);
  const sessions = new SessionStore(clock, DEFAULT_SETTINGS.refreshLeadSeconds);
  const mfa = new MfaPrompt();
  const codes = new MfaCodes(mfa, clock);
  // One asker for every provider of the run: an MFA session's provider keeps the asker it was
  // made with, and serves the dashboard's assumes and the agent's requests alike.
  const asker = new RequestCodes(codes);
  const regionOf = rules.regionOf.bind(rules);
  const mfaSessions = new MfaSessions({ env, sessions, codes, rowRegion: () => rules.defaultRegion() });
  const identities = new KeyIdentities({ profiles, clients, region: regionOf });
  const ssoPortal = new SsoPortal({ profiles, clients, clock, env });
  const readers = new IamReaders({
    sessions,
    mfaSessions,
    rules,
    clients,
    accountOfKeys: async (profile) => (await identities.of(profile))?.account,
  });
  const aliases = new AccountAliases({ settings, clients, readers, region: regionOf });
  const roleListing = new RoleListing({
    profiles,
    readers,
    clients,
    // Whoever may list the roles may usually read the alias too; the accounts screen shows it.
    onReader: (account, client) => aliases.learnThrough(account, client),
    portal: ssoPortal,
  });
  const roleMaking = new RoleMaking({ roleListing });
  const verdicts = new Verdicts({ profiles, identityOf: identities.of, mfaSessions, rules });
  const assuming = new Assuming({
    profiles,
    settings,
    sessions,
    verdicts,
    aliases,
    mfa,
    codes,
    askCode: asker.ask,
    mfaSessions,
    rules,
    clock,
    clients,
  });
  const ticker = options.ticker ?? secondTicker(clock);
  const live: Core['live'] = async ({ dir, interactive }) => {
    const { LiveService } = await import('./live/live-service');
    // A headless agent has no form: outside a request, a renewal that needs a code fails.
    asker.interactive = interactive;
    return new LiveService({
      profiles,
      sessions,
      mfaSessions,
      rules,
      clients,
      clock,
      ticker,
      settings: () => settings.read(),
      env,
      dir,
      asker,
      ...(interactive ? { codes } : {}),
    });
  };
  let trustedSide: Promise<TrustedSide> | undefined;
  let guidedSetup: Promise<GuidedSetup> | undefined;
  let consoleAccess: Promise<ConsoleAccess> | undefined;
  const timeouts = () => {
    const { connectTimeoutSeconds, requestTimeoutSeconds } = settings.read();
    return { connectSeconds: connectTimeoutSeconds, requestSeconds: requestTimeoutSeconds };
  };
  return {
    settings,
    env,
    clock,
    ticker,
    // The terminal's clipboard is written on the stream the interface draws on (run-tui.tsx).
    clipboard:
      options.clipboard ?? clipboardOrTerminal(systemClipboard, terminalClipboard(process.stdout, env)),
    clients,
    profiles,
    sessions,
    accounts: new Accounts({ profiles, settings, identities, aliases, portal: ssoPortal }),
    ssoPortal,
    roleListing,
    roleMaking,
    verdicts,
    assuming,
    mfa,
    trustedSide: () => {
      trustedSide ??= import('./trusted-side/trusted-side').then(
        ({ TrustedSide }) =>
          new TrustedSide({
            profiles,
            identityOf: identities.of,
            writers: (account) => roleListing.writers(account),
            clients,
            clock,
            env,
            aliasOf: (account) => aliases.known(account),
            regionOf,
          }),
      );
      return trustedSide;
    },
    guidedSetup: () => {
      guidedSetup ??= import('./guided-setup/guided-setup').then(
        ({ GuidedSetup }) =>
          new GuidedSetup({
            profiles,
            assuming,
            identityOf: identities.of,
            clients,
            roleListing,
            sessions,
            env,
            clock,
            regionOf,
            timeouts,
          }),
      );
      return guidedSetup;
    },
    console: () => {
      consoleAccess ??= import('./console/console-access').then(
        ({ ConsoleAccess }) =>
          new ConsoleAccess({
            clients,
            timeouts,
            env,
            clock,
            ...(options.signal ? { signal: options.signal } : {}),
          }),
      );
      return consoleAccess;
    },
    ssoLogIn: async (key, { deviceCode, signal, onProgress }) => {
      const set = await profiles.read();
      const login = (await ssoPortal.logins()).find((l) => l.key === key);
      if (!login)
        throw new Error(`There is no IAM Identity Center login ${key} in ${set.files.configFile} now.`);
      const { logIn } = await import('./sso/log-in');
      const stop = signal ?? options.signal;
      const made = await logIn(
        login,
        { clients, clock, env, ...(stop ? { signal: stop } : {}) },
        { ...(deviceCode ? { deviceCode } : {}), clientKeys: set.clientKeys, onProgress },
      );
      ssoPortal.forget();
      return made;
    },
    inProcessSandbox: options.sandboxDevices !== undefined,
    ...(options.selfCommand ? { selfCommand: options.selfCommand } : {}),
    keyIdentity: identities.of,
    live,
    agent: new AgentSlot({ env, sessions, ticker, live }),
    sandboxMfaCode: (serial) => sandboxMfaCode(options.sandboxDevices ?? [], serial, clock.now()),
    reload() {
      profiles.forget();
      roleListing.forget();
      roleMaking.forget();
      identities.forget();
      aliases.forget();
      ssoPortal.forget();
    },
  };
}
