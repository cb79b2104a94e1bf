// What can be done to a live session, with the same keys wherever it is shown (the dashboard,
// its own screen): open a shell on it, refresh it, turn auto-refresh on or off, copy its export
// lines, drop it. The caller says which session the keys act on.
import type { KeyBinding } from '../../components/keymap';
import { useTerminalHandOff } from '../../components/use-terminal-hand-off';
import { sessionExportLines } from '../../src/sessions/session-exports';
import type { Session } from '../../src/sessions/store';
import { sessionShell } from '../../src/shells/session-shell';
import type { ChildCommand, ChildOutcome } from '../../src/terminal/hand-off';
import { useCore } from './core-context';
import { useUiActions } from './ui-store';

/** `session` is read when a key is pressed: several keys can arrive before a re-render. */
export function useSessionActions(session: () => Session | undefined): KeyBinding[] {
  const core = useCore();
  const { say, ask } = useUiActions();
  const openShell = useSessionShell();
  return [
    {
      keys: ['s'],
      label: 'shell',
      description: 'Open $SHELL with the selected session’s credentials; exit it to come back',
      run: () => {
        const chosen = session();
        if (chosen) openShell(chosen);
      },
    },
    {
      keys: ['r'],
      label: 'refresh',
      description: 'Get new credentials for the selected session now',
      run: () => {
        const chosen = session();
        if (!chosen) return;
        say({ tone: 'info', text: `Refreshing ${chosen.id}…` });
        // The outcome reaches the status line as a session event (live-sessions.ts).
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
        core.clipboard.write(sessionExportLines(chosen, process.env)).then(
          () =>
            say({
              tone: 'info',
              text: `Copied the export lines of ${chosen.id}: they hold its secret key, so paste them only into a shell.`,
            }),
          (error: unknown) => say({ tone: 'error', text: noClipboard(error, chosen.origin.profile) }),
        );
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
  return `Drop ${chosen.id}? Its credentials are forgotten; shells opened with it keep theirs.`;
}

/** How the shell ended, and which shell it was when $SHELL could not start. */
function shellEnded(id: string, asked: ChildCommand, outcome: ChildOutcome): string {
  const fellBack = outcome.fellBack
    ? `$SHELL (${asked.command}) could not start: ${outcome.fellBack}; ran ${outcome.ran} instead. `
    : '';
  const end = outcome.signal ? `ended by ${outcome.signal}` : `exited with code ${outcome.code}`;
  return `${fellBack}Shell for ${id} ${end}.`;
}

/** clipboardy's reason (a display server is needed, xsel is missing), and what works without one. */
function noClipboard(error: unknown, profile: string | undefined): string {
  // The first line only: bundled, clipboardy adds one about its own missing fallback binary.
  const reason = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '')
    .trim()
    .replace(/\.?$/, '.');
  const instead = profile ? ` Instead: eval "$(rolecall env ${profile})"` : '';
  return `No clipboard here: ${reason}${instead}`;
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
        text: `${chosen.id} has expired: press r for new credentials, then s for its shell.`,
      });
      return;
    }
    const shell = sessionShell(chosen, process.env, core.clock.now());
    if (shell.kind === 'refused') {
      say({ tone: 'error', text: shell.reason });
      return;
    }
    terminal.run(shell.child).then(
      (outcome) =>
        say({
          tone: outcome.fellBack ? 'warning' : 'info',
          text: shellEnded(chosen.id, shell.child, outcome),
        }),
      (error: unknown) =>
        say({
          tone: 'error',
          text: `No shell for ${chosen.id}: ${error instanceof Error ? error.message : String(error)}`,
        }),
    );
  };
}
