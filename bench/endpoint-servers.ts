// The two servers bench/endpoint.mjs measures, in a process of their own so that the clients'
// work is not counted as theirs: rolecall's credentials endpoint (its checks, and a stand-in
// lookup that compares the token in constant time and answers fixed credentials, as the live
// service does with a fresh session), and the floor: a bare node:http server on loopback that
// answers the same JSON to anything. Prints one JSON line with where they are; stops when its
// stdin closes.

import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCredentialEndpoint } from '../src/live/credential-endpoint';

const TOKEN = process.env.ENDPOINT_BENCH_TOKEN ?? '';
const credentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN'.repeat(20),
  expiration: new Date(Date.now() + 3600_000).toISOString(),
};
const expected = Buffer.from(TOKEN);

const endpoint = await startCredentialEndpoint({
  lookup: async (token) => {
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected)
      ? { ok: true, credentials }
      : { ok: false, status: 403, message: 'invalid Authorization token' };
  },
});

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
  `${JSON.stringify({ endpoint: { port: endpoint.port, path: new URL(endpoint.uri).pathname }, floor: { port: floorPort, path: '/' } })}\n`,
);
process.stdin.resume();
process.stdin.on('close', async () => {
  floor.closeAllConnections();
  floor.close();
  await endpoint.close();
});
