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

/** "09:41": when a client opened or a request was served (RFC 3339 on the wire), in local time. */
export function clockTimeOf(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '--:--' : clockTime(at);
}

/** "shell bash, pid 4242, exported, since 09:41": one open client, its session aside. */
export function clientWords(client: WireClient): string {
  return `${client.kind} ${client.label}, pid ${client.pid}, ${client.mode}, since ${clockTimeOf(client.openedAt)}`;
}

/** "served 3 times", "served once", "not served yet": its credentials handed out (requests, re-exports). */
export function servedTimes(count: number): string {
  if (count === 0) return 'not served yet';
  return count === 1 ? 'served once' : `served ${count} times`;
}

/**
 * "shell bash, pid 4242, exported, since 09:41 · session prod-admin · served 3 times": one client
 * on the list of everything served; a client whose session was dropped is bound to none.
 */
export function clientLine(client: WireClient): string {
  const bound = client.session ? `session ${client.session}` : 'no session (dropped)';
  return `${clientWords(client)} · ${bound} · ${servedTimes(client.served)}`;
}

/** "09:52 credential-process, pid 4300: prod-admin, a live session": one request served. */
export function servedLine(record: ServedRecord): string {
  return `${clockTimeOf(record.at)} ${record.caller.command}, pid ${record.caller.pid}: ${record.what}, ${record.how}`;
}

/** "Serving 2 shells · last: credential-process prod-admin at 09:41": who this rolecall serves. */
export function servingLine(
  clients: readonly WireClient[],
  last: ServedRecord | undefined,
): string | undefined {
  if (clients.length === 0 && !last) return undefined;
  const open = clients.length ? `Serving ${clientCount(clients)}` : 'Serving no shell now';
  return last ? `${open} · last: ${last.caller.command} ${last.what} at ${clockTimeOf(last.at)}` : open;
}
