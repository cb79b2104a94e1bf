// The agent's clients in words, for the dashboard and `rolecall agent --status`: "2 shells",
// "1 shell, 1 command".
import type { WireClient } from './protocol';

export function clientCount(clients: readonly WireClient[]): string {
  const shells = clients.filter((c) => c.kind === 'shell').length;
  const commands = clients.length - shells;
  return [
    shells ? `${shells} shell${shells === 1 ? '' : 's'}` : '',
    commands ? `${commands} command${commands === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
