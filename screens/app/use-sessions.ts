// The live sessions as the dashboard shows them: re-read when the store changes and at every
// tick of the shared clock, so every countdown on screen moves in the same frame.
import { useEffect, useState } from 'react';
import type { Session } from '../../src/sessions/store';
import { useCore } from './core-context';

export function useSessions(): {
  sessions: Session[];
  secondsLeft: (session: Session) => number | undefined;
} {
  const { sessions: store, ticker } = useCore();
  const [, setFrame] = useState(0);
  useEffect(() => {
    const redraw = () => setFrame((n) => n + 1);
    const stopEvents = store.on(redraw);
    const stopTicks = ticker.subscribe(redraw);
    return () => {
      stopEvents();
      stopTicks();
    };
  }, [store, ticker]);
  return { sessions: store.list(), secondsLeft: (session) => store.secondsLeft(session) };
}
