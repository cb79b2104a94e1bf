// The one clock every countdown on screen reads: a tick at each whole wall-clock second, so all
// rows change together and the idle dashboard wakes once a second, not once per row. Re-aimed
// at every tick with setTimeout, not setInterval, because an interval drifts off the second.
import type { Clock } from '../clock';

export interface SecondTicker {
  /** Calls `listener` at each whole second until the returned function is called. */
  subscribe(listener: () => void): () => void;
}

export function secondTicker(clock: Clock): SecondTicker {
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;

  const aim = () => {
    // A few ms past the boundary: a timer that fires early would show the old second again.
    const delay = 1000 - (clock.now() % 1000) + 5;
    timer = setTimeout(fire, delay);
    // Never the reason the process stays alive: the interface's input keeps it running.
    timer.unref();
  };
  const fire = () => {
    for (const listener of [...listeners]) listener();
    if (listeners.size > 0) aim();
    else timer = undefined;
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) aim();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },
  };
}
