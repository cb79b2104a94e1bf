import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../../../src/servers/loopback';

describe('a server on loopback', () => {
  it('listens on 127.0.0.1 only, on a port the system picks', async () => {
    const server = await listenOnLoopback((_request, response) => response.end('ok'));
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.port).toBeGreaterThan(0);
      const body = await new Promise<string>((resolve, reject) => {
        request(server.url, (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve(text));
        })
          .on('error', reject)
          .end();
      });
      expect(body).toBe('ok');
    } finally {
      await server.close();
    }
  });

  it('closes even while a client waits on an answer that never comes', async () => {
    let arrived = () => {};
    const waiting = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    // The handler never answers: a client holding its connection open must not hold the close.
    const server = await listenOnLoopback(() => arrived());
    const failed = new Promise<Error>((resolve) => {
      request(server.url, () => {})
        .on('error', resolve)
        .end();
    });
    await waiting;
    await server.close();
    expect((await failed).message).toMatch(/socket hang up|ECONNRESET/);
  });
});
