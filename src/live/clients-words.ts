// The agent's clients in words, for the dashboard and `rolecall agent --status`: "2 shells",
// "1 shell, 1 command", and who this rolecall serves.
import { clockTime } from '../clock-time';
import type { ServedRecord, WireClient } from './protocol';

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

/** "Serving 2 shells · last: credential-process prod-admin at 09:41": who this rolecall serves. */
export function servingLine(
  clients: readonly WireClient[],
  last: ServedRecord | undefined,
): string | undefined {
  if (clients.length === 0 && !last) return undefined;
  const open = clients.length ? `Serving ${clientCount(clients)}` : 'Serving no shell now';
  return last
    ? `${open} · last: ${last.caller.command} ${last.what} at ${clockTime(new Date(last.at))}`
    : open;
}
