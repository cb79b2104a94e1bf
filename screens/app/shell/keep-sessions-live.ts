// Keeps the sessions live while the interface runs: the store looks at the time on every tick
// of the shared clock, and what happens is said on the status line whichever screen is open
// (a refresh, a session about to end, one that ended, a refresh that failed and why).
import { describeAwsError } from '../../../src/aws/errors';
import { countdown } from '../../../src/sessions/countdown';
import type { SessionEvent } from '../../../src/sessions/store';
import { keyFor } from '../navigation/action-keys';
import type { Core } from '../stores/core-context';
import type { UiStore } from '../stores/ui-store';

export function keepSessionsLive({ sessions, ticker }: Core, store: UiStore): () => void {
  const stopTicks = ticker.subscribe(() => sessions.tick());
  const stopNews = sessions.on((event) => {
    const status = sessionNews(event, countdown(sessions.secondsLeft(event.session)).text);
    if (status) store.getState().actions.say(status);
  });
  return () => {
    stopTicks();
    stopNews();
  };
}

export function sessionNews(
  event: SessionEvent,
  left: string,
): { tone: 'info' | 'warning' | 'error'; text: string } | undefined {
  const { id, autoRefresh } = event.session;
  switch (event.type) {
    case 'added':
      return { tone: 'info', text: `New session ${id}: ${left} left.` };
    case 'refreshed':
      return { tone: 'info', text: `Refreshed ${id}: ${left} left.` };
    case 'expiring':
      // With auto-refresh on, the refresh is already under way; its outcome is the news.
      return autoRefresh
        ? undefined
        : {
            tone: 'warning',
            text: `${id} ends in ${left}: press ${keyFor('refreshSession')} to refresh it.`,
          };
    case 'expired':
      return {
        tone: 'warning',
        text: `${id} has expired: press ${keyFor('refreshSession')} for a new session.`,
      };
    case 'refresh-failed': {
      const { kind, message } = describeAwsError(event.error, { doing: `refresh ${id}` });
      // Keys rotated while rolecall ran: it renews with the keys it last read.
      const rotated =
        kind === 'invalid-credentials'
          ? ` If the keys in your AWS files changed, ${keyFor('readAgain')} on the accounts screen (${keyFor('browseAccounts')}) reads them again.`
          : '';
      // A permission set's login has run out: it is made again here, not only with the aws CLI.
      const login =
        event.session.origin.permissionSet && (event.error as { loginNeeded?: boolean }).loginNeeded
          ? ` ${keyFor('ssoLogIn')} logs in again, then ${keyFor('refreshSession')} refreshes it.`
          : '';
      return { tone: 'error', text: `${message}${rotated}${login}` };
    }
    case 'dropped':
      return { tone: 'info', text: `Dropped ${id}.` };
    case 'auto-refresh':
      return { tone: 'info', text: `Auto-refresh ${autoRefresh ? 'on' : 'off'} for ${id}.` };
  }
}
