// What a screen is to the app shell: a title for the trail and a component to draw, each given
// the parameters its route declares (routes.ts).
import type { ComponentType } from 'react';
import type { Route, ScreenEntry } from './route-params';

export interface ScreenProps<R extends Route = Route> {
  entry: ScreenEntry<R>;
  /** Rows the screen may use, between header and footer. */
  height: number;
  width: number;
}

export type ScreenComponent<R extends Route> = ComponentType<ScreenProps<R>>;

/**
 * A screen is drawn by a component there from the start (the dashboard, which the first frame
 * draws), or by one loaded when it is first wanted (every other screen: loading them all before
 * the first frame was about 30 ms of a start; see screen-loading.ts).
 */
export type ScreenDefinition<R extends Route> = {
  title: (entry: ScreenEntry<R>) => string;
} & ({ component: ScreenComponent<R> } | { load: () => Promise<ScreenComponent<R>> });

/** One definition per route, each typed by that route's parameters. */
export type ScreenRegistry = { readonly [R in Route]: ScreenDefinition<R> };

/**
 * The definition that draws an entry of whatever route. TypeScript cannot see that
 * `screens[entry.screen]` and `entry` name the same route (the key is the entry's own screen),
 * so it is said once, here.
 */
export function definitionOf(screens: ScreenRegistry, entry: ScreenEntry): ScreenDefinition<Route> {
  return screens[entry.screen] as unknown as ScreenDefinition<Route>;
}
