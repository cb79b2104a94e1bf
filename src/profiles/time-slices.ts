// Long work on the profiles (a config of 50,000 is a few hundred milliseconds of reading) done
// in slices, with the event loop let run between them, so that a key pressed meanwhile (Esc, q)
// and the next frame wait one slice at most, not the whole read.

/** How long one slice may hold the event loop. */
export const SLICE_MS = 12;

export interface TimeSlices {
  /** Lets the event loop run if this slice has used its time; else resolves at once (cheaply). */
  pause(): Promise<void> | undefined;
}

export function timeSlices(sliceMs = SLICE_MS): TimeSlices {
  let started = performance.now();
  return {
    pause() {
      if (performance.now() - started < sliceMs) return undefined;
      // setImmediate, not a resolved promise: input and timers run only in the loop's own phases.
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          started = performance.now();
          resolve();
        }),
      );
    },
  };
}
