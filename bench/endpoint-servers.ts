// The two servers bench/endpoint.mjs measures, in a process of their own so that the clients'
// work is not counted as theirs: rolecall's credentials endpoint (its checks, and the live
// service's lookup: the token compared in constant time against every open client's, the bound
// session's credentials handed out), and the floor: a bare node:http server on loopback that
// answers the same JSON to anything. Prints one JSON line with where they are; stops when its
// stdin closes.

import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOnlySettings } from '../src/commands/profile-session';
import { createCore } from '../src/core';
import { startCredentialEndpoint } from '../src/live/credential-endpoint';
import { PROTOCOL_VERSION } from '../src/live/protocol';
import { DEFAULT_SETTINGS } from '../src/settings/schema';

const credentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN'.repeat(20),
  expiration: new Date(Date.now() + 3600_000).toISOString(),
};

// The real live service, with one live session (an hour left: served as it is) and the
// endpoint client a shell would have, among 20 other open clients whose tokens are compared too.
const core = createCore({ settings: readOnlySettings(DEFAULT_SETTINGS), env: {} });
core.sessions.add(
  {
    id: 'bench',
    credentials: { ...credentials, expiration: new Date(credentials.expiration) },
    origin: { profile: 'bench', source: 'profile bench', mfa: false, chained: false },
    region: 'eu-west-1',
    autoRefresh: false,
  },
  async () => {
    throw new Error('the bench never refreshes');
  },
);
const service = await core.live({
  dir: mkdtempSync(join(tmpdir(), 'rolecall-endpoint-bench-agent-')),
  interactive: false,
});
const open = () =>
  service.handle({
    v: PROTOCOL_VERSION,
    caller: { command: 'bench', pid: process.pid },
    op: 'open-session',
    kind: 'shell',
    mode: 'endpoint',
    session: 'bench',
    label: 'bench',
  });
for (let i = 0; i < 20; i++) await open();
const opened = await open();
if (!opened.ok || opened.op !== 'open') throw new Error('the bench could not open a client');
const endpoint = await startCredentialEndpoint({ lookup: (token) => service.credentialsForToken(token) });

const body = JSON.stringify({
  AccessKeyId: credentials.accessKeyId,
  SecretAccessKey: credentials.secretAccessKey,
  Token: credentials.sessionToken,
  Expiration: credentials.expiration.replace(/\.\d{3}Z$/, 'Z'),
});
const floor = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
const floorPort = (floor.address() as AddressInfo).port;

process.stdout.write(
  `${JSON.stringify({ token: opened.endpoint.token, endpoint: { port: endpoint.port, path: new URL(endpoint.uri).pathname }, floor: { port: floorPort, path: '/' } })}\n`,
);
process.stdin.resume();
process.stdin.on('close', async () => {
  floor.closeAllConnections();
  floor.close();
  await endpoint.close();
  service.stop();
});
