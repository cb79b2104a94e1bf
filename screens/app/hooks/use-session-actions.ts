// What can be done to a live session, with the same keys wherever it is shown (the dashboard,
// its own screen): open a shell on it, refresh it, turn auto-refresh on or off, copy its export
// lines, open the AWS console as it or copy its sign-in URL, drop it. The caller says which
// session the keys act on.
import type { KeyBinding } from '../../../components/keymap';
import { useTerminalHandOff } from '../../../components/use-terminal-hand-off';
import { dashboardShell } from '../../../src/live/dashboard-shell';
import type { Session } from '../../../src/sessions/store';
import type { Copied } from '../../../src/shells/clipboard';
import { sessionExportLines } from '../../../src/shells/session-exports';
import type { ChildCommand, ChildOutcome } from '../../../src/terminal/hand-off';
import { ACTION_KEYS, keyFor } from '../navigation/action-keys';
import { useCore } from '../stores/core-context';
import { useUiActions } from '../stores/ui-store';
import { useSessionConsole } from './use-session-console';

/** `session` is read when a key is pressed: several keys can arrive before a re-render. */
export function useSessionActions(session: () => Session | undefined): KeyBinding[] {
  const core = useCore();
  const { say, ask, open } = useUiActions();
  const openShell = useSessionShell();
  const { openConsole, copyConsoleUrl } = useSessionConsole();
  // A permission set's session is renewed with its Identity Center login, which may run out.
  const login = session()?.origin.permissionSet?.login;
  return [
    ...(login
      ? [
          {
            keys: [ACTION_KEYS.ssoLogIn],
            label: 'SSO login',
            description: `Log in to IAM Identity Center (${login}) again, to renew the selected session`,
            run: () => open('sso-login', { login }),
          },
        ]
      : []),
    {
      keys: [ACTION_KEYS.openShell],
      label: 'shell',
      description: 'Open $SHELL with the selected session’s credentials; exit it to come back',
      run: () => {
        const chosen = session();
        if (chosen) openShell(chosen);
      },
    },
    {
      keys: [ACTION_KEYS.refreshSession],
      label: 'refresh',
      description: 'Get new credentials for the selected session now',
      run: () => {
        const chosen = session();
        if (!chosen) return;
        say({ tone: 'info', text: `Refreshing ${chosen.id}…` });
        // The outcome reaches the status line as a session event (shell/keep-sessions-live.ts).
        core.sessions.refresh(chosen.id).catch(() => {});
      },
    },
    {
      keys: ['a'],
      label: 'auto-refresh',
      description: 'Turn auto-refresh on or off for the selected session (at the lead time in settings)',
      run: () => {
        const chosen = session();
        if (chosen) core.sessions.setAutoRefresh(chosen.id, !chosen.autoRefresh);
      },
    },
    {
      keys: ['c'],
      label: 'copy',
      description: 'Copy the selected session’s export lines (as rolecall env prints them) to the clipboard',
      run: () => {
        const chosen = session();
        if (!chosen) return;
        core.clipboard.write(sessionExportLines(chosen, core.env)).then(
          (copied) => say({ tone: 'info', text: copiedWords(chosen.id, copied) }),
          (error: unknown) => say({ tone: 'error', text: noClipboard(error, chosen.id) }),
        );
      },
    },
    {
      keys: [ACTION_KEYS.openConsole],
      label: 'console',
      description: 'Open the AWS console in your browser as the selected session',
      run: () => {
        const chosen = session();
        if (chosen) openConsole(chosen);
      },
    },
    {
      keys: [ACTION_KEYS.copyConsoleUrl],
      label: 'console URL',
      description:
        'Copy the selected session’s console sign-in URL: it signs anyone in as that session for 15 minutes',
      run: () => {
        const chosen = session();
        if (chosen) copyConsoleUrl(chosen);
      },
    },
    {
      keys: ['d'],
      label: 'drop',
      description:
        'Forget the selected session, once you say y (its credentials stay valid until they expire)',
      run: () => {
        const chosen = session();
        if (!chosen) return;
        ask({ text: dropQuestion(chosen), yes: 'drop', action: () => core.sessions.drop(chosen.id) });
      },
    },
  ];
}

/** What is lost with a session, said before it is dropped. */
export function dropQuestion(chosen: Session): string {
  // The MFA session serves roles without a code (mfa-sessions.ts forgets it on a drop).
  const served =
    chosen.origin.mfaSerial && !chosen.origin.roleArn
      ? ' Roles it served will ask for an MFA code again.'
      : '';
  return `Drop ${chosen.id}? Its credentials are forgotten; shells opened with it keep theirs.${served}`;
}

/** How the shell ended, and which shell it was when $SHELL could not start. */
function shellEnded(id: string, asked: ChildCommand, outcome: ChildOutcome): string {
  const fellBack = outcome.fellBack
    ? `$SHELL (${asked.command}) could not start: ${outcome.fellBack}; ran ${outcome.ran} instead. `
    : '';
  const end = outcome.signal ? `ended by ${outcome.signal}` : `exited with code ${outcome.code}`;
  return `${fellBack}Shell for ${id} ${end}.`;
}

/** What c did with the export lines, and what to know before pasting them. */
function copiedWords(id: string, copied: Copied): string {
  const secret = 'They hold its secret key: paste them only into a shell.';
  if (copied.with === 'program') return `Copied the export lines of ${id}. ${secret}`;
  const tmux = copied.inTmux ? ' (in tmux: set -g set-clipboard on)' : '';
  return `Copied the export lines of ${id} with the terminal (OSC 52): no clipboard program here. ${secret} Nothing to paste? Your terminal must allow OSC 52${tmux}.`;
}

/** Neither clipboard took them (the terminal could not be written): why, and what works on this session. */
function noClipboard(error: unknown, id: string): string {
  // The first line only: bundled, clipboardy adds one about its own missing fallback binary.
  const reason = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '')
    .trim()
    .replace(/\.?$/, '.');
  return `Could not copy the export lines of ${id}: ${reason} ${keyFor('openShell')} opens a shell with its credentials.`;
}

/** Opens $SHELL on a session through the terminal hand-off; how it ended goes on the status line. */
export function useSessionShell(): (session: Session) => void {
  const core = useCore();
  const { say } = useUiActions();
  const appTerminal = useTerminalHandOff();
  const terminal = core.handOff ?? appTerminal;
  return (chosen) => {
    // Its keys would be refused by AWS: a shell that looks ready and fails on every command.
    if (core.sessions.secondsLeft(chosen) === 0) {
      say({
        tone: 'warning',
        text: `${chosen.id} has expired: press ${keyFor('refreshSession')} for new credentials, then ${keyFor('openShell')} for its shell.`,
      });
      return;
    }
    const failed = (error: unknown) =>
      say({
        tone: 'error',
        text: `No shell for ${chosen.id}: ${error instanceof Error ? error.message : String(error)}`,
      });
    dashboardShell(chosen, {
      agent: core.agent.running,
      mode: core.settings.read().shellCredentials,
      self: core.selfCommand,
      env: core.env,
      now: core.clock.now(),
    }).then((shell) => {
      if (shell.kind === 'refused') {
        say({ tone: 'error', text: shell.reason });
        return;
      }
      terminal
        .run(shell.child)
        .finally(() => shell.done())
        .then(
          (outcome) =>
            say({
              tone: outcome.fellBack || shell.note ? 'warning' : 'info',
              text: [shell.note, shellEnded(chosen.id, shell.child, outcome)].filter(Boolean).join(' '),
            }),
          failed,
        );
    }, failed);
  };
}
