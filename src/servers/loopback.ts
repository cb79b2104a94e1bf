// The HTTP servers rolecall runs for other programs to call (the sandbox's AWS endpoint; the
// credentials server that live shells will ask) all start here: on loopback only, never on an
// address another machine could reach, on the port asked for or one the system picks, and
// closed with every connection still open, so that a client holding one never keeps rolecall up.
import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listenOnLoopback(
  handler: RequestListener,
  options: {
    port?: number;
    /** node:http's own bounds (headersTimeout, requestTimeout, keepAliveTimeout…), where a server needs its own. */
    limits?: ServerOptions;
  } = {},
): Promise<LoopbackServer> {
  const server = createServer(options.limits ?? {}, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
