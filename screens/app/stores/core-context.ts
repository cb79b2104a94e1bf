// The core reaches the screens through this one context; whoever starts the interface builds it
// (src/core.ts), so tests give their own.
import { createContext, useContext } from 'react';
import type { Core } from '../../../src/core';

export type { Core };

const CoreContext = createContext<Core | undefined>(undefined);

export const CoreProvider = CoreContext.Provider;

export function useCore(): Core {
  const core = useContext(CoreContext);
  if (!core) throw new Error('useCore needs a CoreProvider above it');
  return core;
}
