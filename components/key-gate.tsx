// The app's one reader of ink's keys, which holds them back while the focused screen changes.
// ink hands every key of one read of the terminal to its listeners in one synchronous loop, and
// React draws a screen a turn later: when a key opens a screen (or leaves one), the keys sent in
// the same write ("," and ↓, a script's or a quick typist's) reached the screen being left, and
// now that the screens after the dashboard load after the first frame, they would also reach no
// screen while one loads. So after each key the gate asks whether the focused screen is still the
// one drawn; if not, it keeps the keys, in order, until the frame that draws the new screen has
// been written and the keys it binds are published, then hands them on. Ctrl-C is never held.
import { type Key, useInput } from 'ink';
import { createContext, type ReactNode, useContext, useLayoutEffect, useRef, useState } from 'react';

export type KeyListener = (input: string, key: Key) => void;

/** Keys kept while a screen opens: bounded, should it never be drawn (a long paste is one). */
const MAX_KEPT = 10_000;

export class KeyGate {
  private readonly listeners: KeyListener[] = [];
  private kept: Array<[string, Key]> = [];
  private drawnId: string | undefined;
  private draining = false;

  /** `focused`: the ID of the screen the keys are for now (the top of the stack). */
  constructor(private readonly focused: () => string | undefined) {}

  listen(listener: KeyListener): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  deliver(input: string, key: Key): void {
    const interrupt = key.ctrl && input === 'c';
    if (!interrupt && (this.kept.length > 0 || this.held())) {
      if (this.kept.length < MAX_KEPT) this.kept.push([input, key]);
      return;
    }
    for (const listener of [...this.listeners]) listener(input, key);
  }

  /**
   * The frame with screen `id` is written. Its keys are published from layout effects (and a
   * re-render they cause, which React runs before the turn ends): kept keys go out from the next
   * turn, one a turn, so that each finds the frame the one before it made.
   */
  drawn(id: string): void {
    this.drawnId = id;
    this.drainSoon();
  }

  private drainSoon(): void {
    if (this.kept.length === 0 || this.draining) return;
    this.draining = true;
    setImmediate(() => {
      this.draining = false;
      if (this.held()) return; // drawn() comes again with the screen now focused
      const [input, key] = this.kept.shift() as [string, Key];
      for (const listener of [...this.listeners]) listener(input, key);
      if (!this.held()) this.drainSoon();
    });
  }

  private held(): boolean {
    return this.focused() !== this.drawnId;
  }
}

const KeyGateContext = createContext<KeyGate | undefined>(undefined);

/** Around the app: the gate, and the one ink listener that feeds it, there from the start. */
export function KeyGateOwner({
  focused,
  children,
}: {
  focused: () => string | undefined;
  children: ReactNode;
}) {
  const [gate] = useState(() => new KeyGate(focused));
  useInput((input, key) => gate.deliver(input, key));
  return <KeyGateContext value={gate}>{children}</KeyGateContext>;
}

/** The gate the app is drawn under, if any (a component drawn alone in a test has none). */
export function useKeyGate(): KeyGate | undefined {
  return useContext(KeyGateContext);
}

/**
 * Keys for this component: from the gate when there is one, listening from a layout effect (so
 * from the frame it is drawn in); else straight from ink.
 */
export function useGatedInput(listener: KeyListener): void {
  const gate = useKeyGate();
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useLayoutEffect(() => gate?.listen((input, key) => latest.current(input, key)), [gate]);
  useInput((input, key) => latest.current(input, key), { isActive: !gate });
}
