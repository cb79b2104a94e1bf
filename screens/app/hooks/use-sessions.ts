// The live sessions as the dashboard shows them, re-read when the store changes; and a session's
// countdown, redrawn at every tick of the shared clock. Only the countdowns tick: each second
// redraws the few characters that change and not the screens around them (the rows, the keys
// they declare), which was most of an idle dashboard's React work. They all subscribe to the
// one clock and React batches the updates of one tick, so every countdown moves in one frame.
import { useEffect, useReducer } from 'react';
import { type Countdown, countdown } from '../../../src/sessions/countdown';
import type { Session } from '../../../src/sessions/store';
import { useCore } from '../stores/core-context';

export function useSessions(): Session[] {
  const { sessions: store } = useCore();
  const [, redraw] = useReducer((frame: number) => frame + 1, 0);
  useEffect(() => store.on(redraw), [store]);
  return store.list();
}

/** The session's time left now, its caller redrawn at each tick while it is on screen. */
export function useCountdown(session: Session): Countdown {
  const { sessions: store, ticker } = useCore();
  const [, redraw] = useReducer((frame: number) => frame + 1, 0);
  useEffect(() => ticker.subscribe(redraw), [ticker]);
  return countdown(store.secondsLeft(session));
}
