// What a screen is to the app shell: a title for the trail and a component to draw.
import type { ComponentType } from 'react';
import type { ScreenEntry } from '../stores/ui-store';

export interface ScreenProps {
  entry: ScreenEntry;
  /** Rows the screen may use, between header and footer. */
  height: number;
  width: number;
}

export interface ScreenDefinition {
  title: (entry: ScreenEntry) => string;
  component: ComponentType<ScreenProps>;
}

export type ScreenRegistry = Readonly<Record<string, ScreenDefinition>>;
