// What this run's agent serves, as the dashboard shows it: the open live shells and commands,
// and who was last served what. Re-read when the agent starts and whenever that changes.
import { useEffect, useReducer } from 'react';
import type { ServedRecord, WireClient } from '../../../src/live/protocol';
import { useCore } from '../stores/core-context';

export function useLiveClients(): { clients: WireClient[]; lastServed?: ServedRecord; socket?: string } {
  const { agent } = useCore();
  const [, redraw] = useReducer((frame: number) => frame + 1, 0);
  useEffect(() => agent.onChange(redraw), [agent]);
  const running = agent.running;
  if (!running) return { clients: [] };
  const lastServed = running.service.served().at(-1);
  return {
    clients: running.service.clients(),
    ...(lastServed ? { lastServed } : {}),
    socket: running.socket,
  };
}
