// The keys of the focused screen. A screen declares its keys once, with what they do, and the
// app shell both dispatches them and shows them in the footer and the help overlay, so what is
// shown is always what works.
import { createContext, useContext, useLayoutEffect, useRef } from 'react';
import type { KeyName } from './key-names';

export interface KeyBinding {
  keys: readonly KeyName[];
  /** A word or two for the footer: "edit", "back". */
  label: string;
  /** How the footer writes the key, when not its first key's name: "↑↓" for a pair. */
  hint?: string;
  /** A sentence for the help overlay. */
  description: string;
  /** Absent for a key the focused widget handles itself (Enter in a text field): listed, not dispatched. */
  run?: () => void;
  /** Keep out of the footer (still in the help overlay); for keys with an obvious twin. */
  footer?: boolean;
}

export interface ScreenKeymap {
  bindings: readonly KeyBinding[];
  /** The screen has a text field: typed characters are its, not the app's (q types "q"). */
  capturesText: boolean;
}

type Publish = (keymap: ScreenKeymap | undefined) => void;

const KeymapContext = createContext<Publish>(() => {});

export const KeymapProvider = KeymapContext.Provider;

/** Declares the focused screen's keys. Handlers may change every render; the list shown may not flicker. */
export function useKeys(bindings: readonly KeyBinding[], options: { capturesText?: boolean } = {}): void {
  const publish = useContext(KeymapContext);
  const latest = useRef(bindings);
  latest.current = bindings;
  const capturesText = options.capturesText ?? false;
  // Re-publish only when what the person sees changes, not when a handler closure does.
  const signature = `${capturesText}|${bindings.map((b) => `${b.keys.join('+')}:${b.hint}:${b.label}:${b.description}:${b.footer}`).join('|')}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for the bindings' visible content
  useLayoutEffect(() => {
    const keymap: ScreenKeymap = {
      capturesText,
      bindings: latest.current.map((binding, index) => ({
        ...binding,
        run: binding.run && (() => latest.current[index]?.run?.()),
      })),
    };
    publish(keymap);
    return () => publish(undefined);
  }, [signature, publish]);
}
