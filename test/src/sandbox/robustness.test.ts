// Whatever arrives on the socket, the sandbox answers or moves on: it never falls over.
import { connect } from 'node:net';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

/** Sends raw bytes and resolves with whatever comes back before the socket closes. */
function raw(bytes: string, options: { hangUp?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(sandbox.port, '127.0.0.1', () => {
      socket.write(bytes);
      if (options.hangUp) socket.destroy();
    });
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    setTimeout(() => socket.destroy(), 2000);
  });
}

const stillServing = async () =>
  expect((await sandbox.sts(sandbox.seeded.keys.alice).send(new GetCallerIdentityCommand({}))).Account).toBe(
    '111111111111',
  );

describe('the sandbox under bad input', () => {
  it('answers a request line it cannot parse as a URL', async () => {
    const answer = await raw(
      'POST //[ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('<Code>InvalidRequest</Code>');
    await stillServing();
  });

  it('shrugs off a client that hangs up halfway through its body', async () => {
    await raw('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nAction=Get', { hangUp: true });
    await stillServing();
  });

  it('refuses a body over a megabyte without reading it all', async () => {
    const answer = await raw(
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n${'a'.repeat(2_000_000)}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    await stillServing();
  });

  it('answers an unsigned request as AWS does', async () => {
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const answer = await raw(
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
    expect(answer).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
