// o and O on a session: the AWS console opened in the browser as it, or its sign-in URL copied.
// The URL is a secret for its 15 minutes: it goes to the browser through a one-time loopback
// address (src/browser/open-in-browser.ts) or to the clipboard, and never on screen.
import type { Session } from '../../../src/sessions/store';
import type { Copied } from '../../../src/shells/clipboard';
import { keyFor } from '../navigation/action-keys';
import { useCore } from '../stores/core-context';
import { useUiActions } from '../stores/ui-store';

export function useSessionConsole(): {
  openConsole: (session: Session) => void;
  copyConsoleUrl: (session: Session) => void;
} {
  const core = useCore();
  const { say } = useUiActions();
  /** The session's URL, or undefined once the status line says why there is none. */
  const signIn = async (chosen: Session) => {
    // Its credentials would be refused by AWS sign-in: said before anything is asked of it.
    if (core.sessions.secondsLeft(chosen) === 0) {
      say({
        tone: 'warning',
        text: `${chosen.id} has expired: press ${keyFor('refreshSession')} for new credentials, then ${keyFor('openConsole')} for the console.`,
      });
      return undefined;
    }
    try {
      const access = await core.console();
      return { access, url: await access.signInUrl(chosen) };
    } catch (error) {
      say({ tone: 'error', text: `No console for ${chosen.id}: ${(error as Error).message}` });
      return undefined;
    }
  };
  return {
    openConsole: (chosen) => {
      void (async () => {
        const none = (await core.console()).noBrowserHere();
        if (none) {
          say({
            tone: 'warning',
            text: `${none} Press ${keyFor('copyConsoleUrl')} to copy the sign-in URL and open it in a browser of yours.`,
          });
          return;
        }
        say({ tone: 'info', text: `Signing in to the AWS console as ${chosen.id}…` });
        const made = await signIn(chosen);
        if (!made) return;
        const opening = await made.access.open(made.url.url);
        say(
          opening.opened
            ? { tone: 'info', text: `Opened the AWS console in your browser as ${made.url.arn}.` }
            : {
                tone: 'error',
                text: `${opening.why} Press ${keyFor('copyConsoleUrl')} to copy the sign-in URL instead.`,
              },
        );
      })().catch((error: unknown) =>
        say({ tone: 'error', text: `No console for ${chosen.id}: ${(error as Error).message}` }),
      );
    },
    copyConsoleUrl: (chosen) => {
      void (async () => {
        const made = await signIn(chosen);
        if (!made) return;
        const copied = await core.clipboard.write(made.url.url);
        say({ tone: 'info', text: copiedWords(made.url.arn, copied) });
      })().catch((error: unknown) =>
        say({
          tone: 'error',
          text: `Could not copy the console sign-in URL of ${chosen.id}: ${(error as Error).message.split('\n')[0]}`,
        }),
      );
    },
  };
}

/** What O did with the URL, and what to know before pasting it. */
function copiedWords(arn: string, copied: Copied): string {
  const secret = 'For 15 minutes it signs anyone in as that session: paste it only into your browser.';
  if (copied.with === 'program') return `Copied the console sign-in URL for ${arn}. ${secret}`;
  const tmux = copied.inTmux ? ' (in tmux: set -g set-clipboard on)' : '';
  return `Copied the console sign-in URL for ${arn} with the terminal (OSC 52): no clipboard program here. ${secret} Nothing to paste? Your terminal must allow OSC 52${tmux}.`;
}
