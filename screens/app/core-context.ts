// The core services screens call. Passed in by whoever starts the TUI, so tests give their own.
import { createContext, useContext } from 'react';
import type { Settings } from '../../src/settings/settings';

export interface Core {
  settings: Settings;
}

const CoreContext = createContext<Core | undefined>(undefined);

export const CoreProvider = CoreContext.Provider;

export function useCore(): Core {
  const core = useContext(CoreContext);
  if (!core) throw new Error('useCore needs a CoreProvider above it');
  return core;
}
