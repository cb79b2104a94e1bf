// This run's agent as a screen shows it: running (with its service), failed (and why), or not
// started yet. The screen is drawn again whenever the agent starts, fails, or its clients or
// what it served change.
import { useEffect, useReducer } from 'react';
import type { RunningAgent } from '../../../src/live/start-agent';
import { useCore } from '../stores/core-context';

export function useAgent(): { running?: RunningAgent; failed?: string } {
  const { agent } = useCore();
  const [, redraw] = useReducer((frame: number) => frame + 1, 0);
  useEffect(() => agent.onChange(redraw), [agent]);
  const { running, failed } = agent;
  return { ...(running ? { running } : {}), ...(failed !== undefined ? { failed } : {}) };
}
