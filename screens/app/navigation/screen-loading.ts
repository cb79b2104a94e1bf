// The screens loaded after the first frame: each definition's component, loaded once, and known
// to be loaded (or to have failed) without waiting, so that the app shell can draw it at once.
import type { Route } from './route-params';
import type { ScreenComponent, ScreenDefinition, ScreenRegistry } from './screen-registry';

export type ScreenLoad =
  | { state: 'loading' }
  | { state: 'loaded'; component: ScreenComponent<Route> }
  | { state: 'failed'; error: Error };

type Loader = () => Promise<ScreenComponent<Route>>;

const loads = new Map<Loader, { load: ScreenLoad; done: Promise<void> }>();

function started(load: Loader) {
  let kept = loads.get(load);
  if (!kept) {
    const entry: { load: ScreenLoad; done: Promise<void> } = {
      load: { state: 'loading' },
      done: Promise.resolve(),
    };
    entry.done = load().then(
      (component) => {
        entry.load = { state: 'loaded', component };
      },
      (cause: unknown) => {
        // A chunk of the bundle that cannot be read: the install is damaged, not the person's input.
        const why = cause instanceof Error ? cause.message : String(cause);
        entry.load = {
          state: 'failed',
          error: new Error(`This screen's code could not be loaded (${why}). Reinstall rolecall.`),
        };
      },
    );
    loads.set(load, entry);
    kept = entry;
  }
  return kept;
}

/** Where a screen's component is now; starts loading it if nobody has yet. */
export function screenLoad(definition: ScreenDefinition<Route>): ScreenLoad {
  if ('component' in definition) return { state: 'loaded', component: definition.component };
  return started(definition.load).load;
}

/** Resolves (never rejects) when the screen's component is loaded or has failed to. */
export function screenLoaded(definition: ScreenDefinition<Route>): Promise<void> {
  if ('component' in definition) return Promise.resolve();
  return started(definition.load).done;
}

/** Starts loading every screen not loaded yet: after the first frame, before anyone asks. */
export function prefetchScreens(screens: ScreenRegistry): Promise<void> {
  return Promise.all(
    Object.values(screens).map((definition) => screenLoaded(definition as ScreenDefinition<Route>)),
  ).then(() => undefined);
}
