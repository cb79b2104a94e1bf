// Starts the TUI on this terminal and resolves with the exit code when the person quits.
import { render } from 'ink';
import { writeFramesWhole } from '../../../components/frame-writes';
import { createCore } from '../../../src/core';
import { defaultIdentity } from '../../../src/credentials/default-identity';
import type { Settings } from '../../../src/settings/settings';
import type { SelfCommand } from '../../../src/shells/self-command';
import type { TourPageId } from '../../../src/tour/tour-pages';
import { HOME_SCREEN, type ScreenEntry } from '../navigation/route-params';
import { SCREENS } from '../navigation/routes';
import { prefetchScreens, screenLoaded } from '../navigation/screen-loading';
import { definitionOf } from '../navigation/screen-registry';
import { createUiStore } from '../stores/ui-store';
import { AppRoot, connectCore } from './app-root';
import { headerIdentity } from './identity-words';

export interface TuiOptions {
  settings: Settings;
  /** The environment the composition root read (cli.ts). */
  env: NodeJS.ProcessEnv;
  /** Draw below the prompt instead of taking over the whole terminal. */
  inline: boolean;
  /** Said on the status line at start (the sandbox's address, say). */
  notice?: string;
  /** The sandbox's MFA devices and seeds, for the MFA screen's hint. */
  sandboxDevices?: ReadonlyArray<{ serial: string; secret: string }>;
  /** The one screen to open instead of the dashboard (`trust-policy --edit FILE`'s builder). */
  start?: Omit<ScreenEntry<'trust-policy-file'>, 'id'>;
  /**
   * The getting-started walkthrough on top of the dashboard: `open` at once (`rolecall tour`), or
   * `first-start` when no settings file was there yet (rolecall's very first start here).
   */
  walkthrough?: 'open' | 'first-start';
  /** Where `rolecall tour --at` opens the walkthrough: a page, or the guided setup over its last page. */
  tourAt?: TourPageId | 'guided-setup';
  /** How to start rolecall again (this node and script): the walkthrough's practice in the sandbox. */
  selfCommand?: SelfCommand;
}

/**
 * The dashboard with the walkthrough on top (`rolecall tour`): at the page where it was left, or
 * at the one asked for, or with the guided setup over its last page.
 */
function walkthroughStack(at: TuiOptions['tourAt']): ScreenEntry[] {
  const page = at === 'guided-setup' ? 'setup' : at;
  return [
    { id: `${HOME_SCREEN}#0`, screen: HOME_SCREEN, params: {} },
    { id: 'tour#start', screen: 'tour', params: page ? { page } : {} },
    ...(at === 'guided-setup'
      ? [{ id: 'guided-setup#start', screen: 'guided-setup', params: {} } satisfies ScreenEntry]
      : []),
  ];
}

export async function runTui({
  settings,
  env,
  inline,
  notice,
  sandboxDevices,
  start,
  walkthrough,
  tourAt,
  selfCommand,
}: TuiOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(
      'rolecall: the interface needs a terminal, and stdin or stdout is not one. See rolecall --help for options.\n',
    );
    return 1;
  }
  // rolecall's very first start here (no settings file yet) opens on the walkthrough, as
  // `rolecall tour` does; the file is looked for without the settings store, which loads later.
  const firstStart = walkthrough === 'first-start' && !start && settings.firstStart;
  const store = createUiStore(HOME_SCREEN, {
    ...(notice ? { status: { tone: 'info', text: notice } } : {}),
    ...(start ? { stack: [{ ...start, id: `${start.screen}#0` }] } : {}),
    ...((walkthrough === 'open' || firstStart) && !start
      ? { stack: walkthroughStack(walkthrough === 'open' ? tourAt : undefined) }
      : {}),
  });
  // The first frame draws the screen on top: only the dashboard's code is in the first chunk, so
  // another's is loaded first. Else the dashboard would show until it is, and keys typed at it
  // would reach the walkthrough (key-gate.tsx).
  const top = store.getState().stack.at(-1);
  if (top && top.screen !== HOME_SCREEN) await screenLoaded(definitionOf(SCREENS, top));
  // A notice can come while a screen is reading settings, inside a render: say it just after.
  const stopNotices = settings.onNotice((text) =>
    setImmediate(() => store.getState().actions.say({ tone: 'warning', text })),
  );
  // The run's one stop: when the person quits, every AWS call still in flight (and every retry
  // wait) ends with it, so no socket to an endpoint that never answers keeps the process up.
  const inFlight = new AbortController();
  const core = createCore({
    settings,
    env,
    ...(sandboxDevices ? { sandboxDevices } : {}),
    ...(selfCommand ? { selfCommand } : {}),
    signal: inFlight.signal,
  });
  const disconnect = connectCore(core, store);
  // Each frame in one write, cursor moves shortened: the idle dashboard sends what changed.
  const writesBack = writeFramesWhole(process.stdout);
  const instance = render(<AppRoot core={core} store={store} fullScreen={!inline} />, {
    alternateScreen: !inline,
    // Writes only the lines that changed: about a tenth of the bytes for a ticking dashboard.
    incrementalRendering: true,
    // Ctrl-C is the app's to handle (App), so quitting has one path that restores the terminal.
    exitOnCtrlC: false,
  });
  // Settings are opened after the first frame, which does not need them: conf and its schema
  // compiler load then (about 380 KB), and opening checks the file (about 40 ms). Until then
  // settings are read from the file itself. A problem with the file is on the status line at once.
  setImmediate(() => {
    // The other screens' code, so that none is waited for when opened (a key pressed before it is
    // in waits at the app's key gate, and reaches its screen once drawn).
    void prefetchScreens(SCREENS);
    settings.prepare().then(
      () => {
        settings.open();
        core.sessions.setLeadSeconds(settings.read().refreshLeadSeconds);
      },
      (error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        store.getState().actions.say({
          tone: 'error',
          text: `Settings can be read but not saved this time: their store did not load (${why}). Reinstall rolecall.`,
        });
      },
    );
    // A file's builder reads no account: no call to AWS.
    if (start) return;
    // This rolecall serves its sessions to shells, `exec --live` and other terminals' `env`.
    // The in-process sandbox's agent serves only its own shells (a socket of its own).
    core.agent.start({ interactive: true, shared: !core.inProcessSandbox }).catch((error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      store.getState().actions.say({
        tone: 'warning',
        text: `Shells opened here will not follow refreshes, and other terminals are not served: ${why}`,
      });
    });
    // Who the SDK is here: a network call, so after the first frame, and never blocking a key.
    void defaultIdentity(env, core.assuming.rules.defaultRegion(), core.clients, () =>
      core.profiles.read(),
    ).then((identity) => {
      const { header, status } = headerIdentity(identity, env);
      store.getState().actions.setIdentity(header);
      if (status && !store.getState().status)
        store.getState().actions.say({ tone: header.tone === 'error' ? 'error' : 'warning', text: status });
    });
  });
  await instance.waitUntilExit();
  writesBack();
  inFlight.abort();
  // Its shells have ended with the interface; commands still running get refusals from now on.
  await core.agent.stop();
  stopNotices();
  disconnect();
  return 0;
}
