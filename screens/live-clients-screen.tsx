// Who this rolecall serves: where its agent listens, each open shell and `exec --live` command
// with the session it is bound to, and who was served what, newest first. Never a token: a
// screen can be shared or recorded. ↑↓ PgUp PgDn scroll when it is longer than the window.
import { Box } from 'ink';
import { useState } from 'react';
import { useKeys } from '../components/keymap';
import { scrollKeys } from '../components/scroll-keys';
import { clientCount, clientLine, servedLine } from '../src/live/clients-words';
import type { RunningAgent } from '../src/live/start-agent';
import { useAgent } from './app/hooks/use-agent';
import type { ScreenProps } from './app/navigation/screen-registry';
import { clampOffset, type Paragraph, pageRows } from './tour/page-rows';
import { ScrolledRows } from './tour/scrolled-rows';

export function LiveClientsScreen({ height, width }: ScreenProps<'live-clients'>) {
  const { running, failed } = useAgent();
  const [offset, setOffset] = useState(0);
  const rows = pageRows(running ? servedParagraphs(running) : notRunning(failed), width - 2);
  const first = clampOffset(offset, rows.length, height);
  // From the offset kept, not the one drawn: several keys can arrive before a re-render.
  const scroll = (by: number) =>
    setOffset((kept) => clampOffset(clampOffset(kept, rows.length, height) + by, rows.length, height));
  useKeys(rows.length > height ? scrollKeys(scroll, height) : []);
  return (
    <Box flexDirection="column" paddingX={1}>
      <ScrolledRows rows={rows} height={height} offset={first} />
    </Box>
  );
}

function servedParagraphs(running: RunningAgent): Paragraph[] {
  const clients = running.service.clients();
  const served = [...running.service.served()].reverse();
  return [
    { text: 'Listening', bold: true },
    { text: `socket ${running.socket}`, indent: 2, hang: 2, tight: true },
    { text: `endpoint ${running.endpoint}`, indent: 2, hang: 2, tight: true },
    ...(running.another
      ? [
          {
            text: `Another rolecall holds ${running.another}: rolecall env in other terminals asks that one; this one serves the shells opened here.`,
            indent: 2,
            tight: true,
            dim: true,
          },
        ]
      : []),
    { text: clients.length ? `Open now: ${clientCount(clients)}` : 'Open now: none', bold: true },
    ...(clients.length
      ? clients.map((client) => ({ text: clientLine(client), indent: 2, hang: 2, tight: true }))
      : [{ text: 'No live shell or exec --live command is open.', indent: 2, tight: true, dim: true }]),
    { text: served.length ? `Served, newest first (${served.length})` : 'Served', bold: true },
    ...(served.length
      ? served.map((record) => ({ text: servedLine(record), indent: 2, hang: 6, tight: true }))
      : [{ text: 'Nothing yet.', indent: 2, tight: true, dim: true }]),
  ];
}

function notRunning(failed: string | undefined): Paragraph[] {
  if (failed === undefined)
    return [
      { text: 'The agent has not started', bold: true },
      { text: 'It starts once the dashboard is up; this page follows it.', tight: true, dim: true },
    ];
  return [
    { text: 'The agent did not start', bold: true },
    { text: failed, tight: true, tone: 'error' },
    {
      text: 'So shells opened here keep the keys they start with (they do not follow refreshes or rolecall use), and rolecall env, exec and credential-process in other terminals are not served by this rolecall.',
    },
  ];
}
