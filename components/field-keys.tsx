// The keys text fields read, from the frame a field is drawn in. ink's useInput subscribes in a
// passive effect, which React runs a turn of the event loop after the frame is written: keys that
// a script, a paste or a quick typist sends as a form appears reached no field and were lost.
// Here one listener, there from the app's start, hands keys to the fields; a field listens from a
// layout effect, which runs in the same turn as its frame is written, before any key can arrive.
// A form that is still loading can keep what is typed meanwhile for its field.
import type { Key } from 'ink';
import { createContext, type ReactNode, useContext, useLayoutEffect, useRef, useState } from 'react';
import { useGatedInput } from './key-gate';

export type FieldKeyHandler = (input: string, key: Key) => void;

/** Key presses kept for a form on its way: bounded, should it never come (a paste is one). */
const MAX_KEPT = 1000;

/** Who hears typed keys: the fields listening now, or a form on its way. */
class FieldKeyRoute {
  private readonly fields = new Set<FieldKeyHandler>();
  private waiting = 0;
  private kept: Array<[string, Key]> = [];
  private holds = 0;

  deliver(input: string, key: Key): void {
    if (this.holds > 0) return;
    if (this.fields.size > 0) {
      for (const field of [...this.fields]) field(input, key);
    } else if (this.waiting > 0 && this.kept.length < MAX_KEPT) {
      this.kept.push([input, key]);
    }
  }

  /** A field listens; it is first given what was typed while its form loaded. */
  listen(field: FieldKeyHandler): () => void {
    this.fields.add(field);
    const kept = this.kept;
    this.kept = [];
    for (const [input, key] of kept) field(input, key);
    return () => this.fields.delete(field);
  }

  /** No field hears a key, nor is one kept, until the returned release is called. */
  hold(): () => void {
    this.holds += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.holds -= 1;
    };
  }

  /** What was kept is for the form that was loading, not for another that replaced it. */
  drop(): void {
    this.kept = [];
  }

  /** A form is loading: keep what is typed for its field. */
  wait(): () => void {
    this.waiting += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.waiting -= 1;
      // React ends the loading state's layout effects before the new field's begin, in the same
      // commit; what was kept is dropped only if no field has taken it by then.
      queueMicrotask(() => {
        if (this.waiting === 0) this.kept = [];
      });
    };
  }
}

const FieldKeysContext = createContext<FieldKeyRoute | undefined>(undefined);

/** Around the app: the one listener for text fields' keys, subscribed as the app starts. */
export function FieldKeysOwner({ children }: { children: ReactNode }) {
  const [route] = useState(() => new FieldKeyRoute());
  useGatedInput((input, key) => route.deliver(input, key));
  return <FieldKeysContext value={route}>{children}</FieldKeysContext>;
}

function useRoute(): FieldKeyRoute {
  const route = useContext(FieldKeysContext);
  if (!route) throw new Error('A text field was drawn outside FieldKeysOwner, so no key would reach it.');
  return route;
}

/** A text field's keys while it is active, from the frame it is drawn in. */
export function useFieldKeys(
  handler: FieldKeyHandler,
  { isActive = true }: { isActive?: boolean } = {},
): void {
  const route = useRoute();
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!isActive) return;
    return route.listen((input, key) => latest.current(input, key));
  }, [route, isActive]);
}

/** While `loading`, what is typed is kept and given to the form's field once it listens. */
export function useTypeAhead(loading: boolean): void {
  const route = useRoute();
  useLayoutEffect(() => (loading ? route.wait() : undefined), [route, loading]);
  useLayoutEffect(() => () => route.drop(), [route]);
}

/**
 * While `held`, keys reach no text field (a y/n question is up: its answer is not a field's, nor
 * is a digit typed under it). Set from a layout effect, so the key that answers the question is
 * still held back: it is read before the frame that takes the question down.
 */
export function useFieldKeysHeld(held: boolean): void {
  const route = useRoute();
  useLayoutEffect(() => (held ? route.hold() : undefined), [route, held]);
}
