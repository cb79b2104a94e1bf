// q: quits at once when no session is live; else asks first, naming what ends with rolecall.
// The shells it opened keep their credentials (they are in the shells' environments), so the
// question says so. Ctrl-C never asks: it is the way out that always works.
import type { Session } from '../../../src/sessions/store';
import { useCore } from '../stores/core-context';
import { useUiActions } from '../stores/ui-store';

export function useQuit(quit: () => void): () => void {
  const { sessions } = useCore();
  const { ask } = useUiActions();
  return () => {
    // Long-term keys (no expiry) are live; an expired session has nothing left to lose.
    const live = sessions.list().filter((s) => (sessions.secondsLeft(s) ?? 1) > 0);
    if (live.length === 0) return quit();
    ask({ text: quitQuestion(live), yes: 'quit', action: quit });
  };
}

export function quitQuestion(live: readonly Session[]): string {
  const [only] = live;
  return live.length === 1 && only
    ? `Quit? ${only.id} ends with rolecall (shells opened with it keep its credentials).`
    : `Quit? ${live.length} live sessions end with rolecall (their shells keep their credentials).`;
}
