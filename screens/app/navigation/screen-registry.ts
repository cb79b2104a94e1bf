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

export interface ScreenDefinition<R extends Route> {
  title: (entry: ScreenEntry<R>) => string;
  component: ComponentType<ScreenProps<R>>;
}

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
