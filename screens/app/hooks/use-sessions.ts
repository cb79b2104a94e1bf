// The live sessions as the dashboard shows them: re-read when the store changes and, while
// there is a session to count down, at every tick of the shared clock, so every countdown on
// screen moves in the same frame and an empty dashboard is not redrawn every second.
import { useEffect, useReducer } from 'react';
import type { Session } from '../../../src/sessions/store';
import { useCore } from '../stores/core-context';

export function useSessions(): {
  sessions: Session[];
  secondsLeft: (session: Session) => number | undefined;
} {
  const { sessions: store, ticker } = useCore();
  const [, redraw] = useReducer((frame: number) => frame + 1, 0);
  const sessions = store.list();
  const counting = sessions.length > 0;
  useEffect(() => {
    const stop = store.on(redraw);
    return () => {
      stop();
    };
  }, [store]);
  useEffect(() => (counting ? ticker.subscribe(redraw) : undefined), [ticker, counting]);
  return { sessions, secondsLeft: (session) => store.secondsLeft(session) };
}
