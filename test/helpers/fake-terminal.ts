// A terminal for ink with no terminal: an output stream whose size a test can change and that
// keeps the last frame, and an input stream a test types into.
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  /** Only the last frame: a day of frames (bench/day-app.tsx) must not be what the heap holds. */
  lastFrame = '';
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string, ...rest: unknown[]) => {
    // ink's waitUntilRenderFlush writes nothing, to learn when the stream has taken the frame.
    if (frame) {
      this.lastFrame = frame;
      this.emit('frame', frame);
    }
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}
