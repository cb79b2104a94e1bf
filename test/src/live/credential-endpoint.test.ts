// The container-credentials endpoint: what it refuses and how, what it serves, and that the real
// readers of AWS_CONTAINER_CREDENTIALS_FULL_URI (the JS SDK, its default chain in a process of its
// own, and Debian's AWS CLI) get working credentials from it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CREDENTIALS_PATH,
  type CredentialEndpoint,
  type CredentialLookup,
  type CredentialLookupAnswer,
  type EndpointLimits,
  isLoopbackAddress,
  startCredentialEndpoint,
} from '../../../src/live/credential-endpoint';
import type { WireCredentials } from '../../../src/live/protocol';
import { DEV } from '../../../src/sandbox/seed';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const run = promisify(execFile);
const TOKEN = 'dG9rZW4tb2YtYS1saXZlLXNoZWxsLXdpdGgtMjU2LWJpdHMtb2YtcmFuZG9t';
const KEYS: WireCredentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'secret/with+odd=chars',
  sessionToken: 'session-token-value',
  expiration: '2026-11-30T10:00:00.789Z',
};

/** What the live service does, in small: clients by token, and a client closed loses its token. */
function standIn(credentials: () => Promise<WireCredentials> = async () => KEYS) {
  const open = new Set([TOKEN]);
  const asked: string[] = [];
  const lookup: CredentialLookup = async (token) => {
    asked.push(token);
    if (!open.has(token)) return { ok: false, status: 403, message: 'invalid Authorization token' };
    return { ok: true, credentials: await credentials() };
  };
  return { lookup, asked, close: (token: string) => open.delete(token) };
}

const endpoints: CredentialEndpoint[] = [];
async function start(lookup: CredentialLookup, limits?: Partial<EndpointLimits>) {
  const endpoint = await startCredentialEndpoint({ lookup, ...(limits ? { limits } : {}) });
  endpoints.push(endpoint);
  return endpoint;
}
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
  vi.restoreAllMocks();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, string>;
}

/** One HTTP request on a fresh connection, as an SDK makes it unless told otherwise. */
function get(
  endpoint: CredentialEndpoint,
  options: { path?: string; method?: string; host?: string; authorization?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: options.host ?? `127.0.0.1:${endpoint.port}` };
    if (options.authorization !== undefined) headers.authorization = options.authorization;
    request(
      {
        host: '127.0.0.1',
        port: endpoint.port,
        path: options.path ?? CREDENTIALS_PATH,
        method: options.method ?? 'GET',
        headers,
        agent: false,
        timeout: 10_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            json: JSON.parse(text),
          }),
        );
      },
    )
      .on('timeout', function (this: { destroy(e: Error): void }) {
        this.destroy(new Error('no answer in 10 s'));
      })
      .on('error', reject)
      .end();
  });
}

describe('the credentials endpoint', () => {
  it('serves the container-credentials answer for a client token: the SDKs’ shape, as JSON', async () => {
    const { lookup, asked } = standIn();
    const endpoint = await start(lookup);
    expect(endpoint.uri).toBe(`http://127.0.0.1:${endpoint.port}/rolecall/credentials`);
    const answer = await get(endpoint, { authorization: TOKEN });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['cache-control']).toBe('no-store');
    // Expiration in RFC 3339 to the second (cut, never rounded up), as AWS writes it.
    expect(answer.json).toEqual({
      AccessKeyId: 'ASIAEXAMPLEEXAMPLE01',
      SecretAccessKey: 'secret/with+odd=chars',
      Token: 'session-token-value',
      Expiration: '2026-11-30T10:00:00Z',
    });
    expect(asked).toEqual([TOKEN]);
  });

  it('leaves Token out when the credentials have no session token; localhost:PORT is a Host it answers', async () => {
    const endpoint = await start(async () => ({
      ok: true,
      credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: 's' },
    }));
    const answer = await get(endpoint, { authorization: TOKEN, host: `localhost:${endpoint.port}` });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ AccessKeyId: 'AKIAEXAMPLEEXAMPLE01', SecretAccessKey: 's' });
  });

  it('refuses with 403 a request with no token, without asking the lookup', async () => {
    const { lookup, asked } = standIn();
    const endpoint = await start(lookup);
    for (const authorization of [undefined, '']) {
      const answer = await get(endpoint, authorization === undefined ? {} : { authorization });
      expect(answer.status).toBe(403);
      expect(answer.headers['content-type']).toBe('application/json');
      expect(answer.json.Message).toMatch(/^No authorization token: .*AWS_CONTAINER_AUTHORIZATION_TOKEN/);
    }
    expect(asked).toEqual([]);
  });

  it('refuses with 403 a wrong token, and a closed client’s token, with the service’s message and never the token', async () => {
    const { lookup, close } = standIn();
    const endpoint = await start(lookup);
    const wrong = await get(endpoint, { authorization: `${TOKEN}x` });
    expect(wrong.status).toBe(403);
    expect(wrong.json).toEqual({ Message: 'invalid Authorization token' });

    expect((await get(endpoint, { authorization: TOKEN })).status).toBe(200);
    close(TOKEN);
    const closed = await get(endpoint, { authorization: TOKEN });
    expect(closed.status).toBe(403);
    expect(closed.text).not.toContain(TOKEN);
  });

  it('refuses with 403 a Host that is not its own loopback address and port (DNS rebinding), without asking the lookup', async () => {
    const { lookup, asked } = standIn();
    const endpoint = await start(lookup);
    for (const host of [
      `evil.example:${endpoint.port}`,
      'evil.example',
      `127.0.0.1:${endpoint.port + 1}`,
      '127.0.0.1',
      `127.0.0.1.evil.example:${endpoint.port}`,
    ]) {
      const answer = await get(endpoint, { authorization: TOKEN, host });
      expect(answer.status, host).toBe(403);
      expect(answer.json.Message).toBe(
        `rolecall serves credentials only to requests for 127.0.0.1:${endpoint.port} or localhost:${endpoint.port} (the Host header said otherwise).`,
      );
      expect(answer.text).not.toContain('evil');
    }
    expect(asked).toEqual([]);
  });

  it('answers 404 on another path and 405 (Allow: GET) to another method, without asking the lookup', async () => {
    const { lookup, asked } = standIn();
    const endpoint = await start(lookup);
    for (const path of [
      '/',
      '/latest/meta-data/iam/security-credentials/',
      '/rolecall/credentials/',
      '/rolecall',
    ]) {
      const answer = await get(endpoint, { authorization: TOKEN, path });
      expect(answer.status, path).toBe(404);
      expect(answer.json).toEqual({
        Message: 'Nothing here: rolecall serves credentials at /rolecall/credentials.',
      });
    }
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const answer = await get(endpoint, { authorization: TOKEN, method });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe('GET');
      expect(answer.json).toEqual({ Message: 'rolecall serves credentials to GET requests only.' });
    }
    expect(asked).toEqual([]);
  });

  it('passes on the service’s other refusals (503 while it cannot serve) as they are', async () => {
    const refusal: CredentialLookupAnswer = {
      ok: false,
      status: 503,
      message: 'prod-admin needs an MFA code: type it in the rolecall dashboard, then try again.',
    };
    const endpoint = await start(async () => refusal);
    const answer = await get(endpoint, { authorization: TOKEN });
    expect(answer.status).toBe(503);
    expect(answer.json).toEqual({ Message: refusal.message });
  });

  it('answers 500 when the lookup fails, naming what failed, never what it threw', async () => {
    const endpoint = await start(async () => {
      throw new TypeError(`Cannot read properties of undefined (reading 'x') ${TOKEN}`);
    });
    const answer = await get(endpoint, { authorization: TOKEN });
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({
      Message:
        "rolecall failed while looking up this client's credentials; try again, and restart rolecall if it keeps failing.",
    });
  });

  it('answers 500 when the lookup gives credentials it cannot serve', async () => {
    const endpoint = await start(async () => ({
      ok: true,
      credentials: { ...KEYS, expiration: 'tomorrow' },
    }));
    const answer = await get(endpoint, { authorization: TOKEN });
    expect(answer.status).toBe(500);
    expect(answer.text).not.toContain(KEYS.secretAccessKey);
  });

  it('answers 503 when the lookup takes longer than its bound', async () => {
    const endpoint = await start(() => new Promise(() => {}), { lookupTimeoutMs: 100 });
    const answer = await get(endpoint, { authorization: TOKEN });
    expect(answer.status).toBe(503);
    expect(answer.json.Message).toMatch(/^rolecall took more than 100 ms to get this client's credentials/);
  });

  it('drops a client that never finishes its request, so it cannot hold the endpoint', async () => {
    const endpoint = await start(standIn().lookup, { headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const socket = connect(endpoint.port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (received += chunk));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(`GET ${CREDENTIALS_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${endpoint.port}\r\n`);
    await closed;
    expect(received).not.toContain('AccessKeyId');
  });

  it('writes nothing to the console, whatever it is asked', async () => {
    const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((name) =>
      vi.spyOn(console, name).mockImplementation(() => {}),
    );
    const endpoint = await start(standIn().lookup);
    await get(endpoint, { authorization: TOKEN });
    await get(endpoint, { authorization: 'wrong' });
    await get(endpoint, { authorization: TOKEN, host: 'evil.example' });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('knows a loopback peer from another', () => {
    for (const address of ['127.0.0.1', '127.255.3.4', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of [
      undefined,
      '',
      '10.0.0.1',
      '128.0.0.1',
      '::ffff:10.0.0.1',
      '::2',
      '127.0.0.256',
      '127.1',
    ]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });
});

describe('the real readers of AWS_CONTAINER_CREDENTIALS_FULL_URI, against the sandbox', () => {
  let sandbox: TestSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  /** A stand-in service that serves a real sandbox session (dev's Developer role), new when it has expired. */
  async function servingDeveloper(options: { sessionSeconds?: number } = {}) {
    sandbox = await startTestSandbox(options);
    const running = sandbox;
    const sessions: string[] = [];
    const served: string[] = [];
    let current: WireCredentials | undefined;
    const assume = async (): Promise<WireCredentials> => {
      // Renewed with under a second left, as the service renews well before the end: a session
      // handed out with a few milliseconds left would be over by the time the client used it.
      if (current && Date.parse(current.expiration ?? '') - Date.now() > 1000) return current;
      const { Credentials: c } = await running.sts(running.seeded.keys.alice).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${DEV}:role/Developer`,
          RoleSessionName: 'endpoint',
        }),
      );
      current = {
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken ?? '',
        expiration: c?.Expiration?.toISOString() ?? '',
      };
      sessions.push(current.accessKeyId);
      served.push(current.expiration ?? '');
      return current;
    };
    const { lookup } = standIn(assume);
    return { endpoint: await start(lookup), sessions, served, sandbox: running };
  }
  const DEVELOPER_SESSION = `arn:aws:sts::${DEV}:assumed-role/Developer/endpoint`;

  it('the JS SDK’s container provider (fromHttp) gets credentials that work', async () => {
    const { endpoint, sandbox } = await servingDeveloper();
    const sts = new STSClient({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: fromHttp({
        awsContainerCredentialsFullUri: endpoint.uri,
        awsContainerAuthorizationToken: TOKEN,
      }),
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(DEVELOPER_SESSION);
  });

  it('the JS SDK shows the endpoint’s message with a refusal', async () => {
    const { endpoint } = await servingDeveloper();
    const provider = fromHttp({
      awsContainerCredentialsFullUri: endpoint.uri,
      awsContainerAuthorizationToken: 'not-a-token',
      maxRetries: 0,
    });
    await expect(provider()).rejects.toMatchObject({
      message: 'Server responded with status: 403',
      Message: 'invalid Authorization token',
    });
  });

  it('an SDK client fetches its credentials again as its session ends, and keeps working across it', async () => {
    const { endpoint, sandbox, sessions, served } = await servingDeveloper({ sessionSeconds: 3 });
    const sts = new STSClient({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: fromHttp({
        awsContainerCredentialsFullUri: endpoint.uri,
        awsContainerAuthorizationToken: TOKEN,
      }),
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(DEVELOPER_SESSION);
    // Waits for the first session's end, as the SDK was told it (its Expiration).
    const firstEnds = Date.parse(served[0] ?? '');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstEnds - Date.now() + 1)));
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(DEVELOPER_SESSION);
    expect(sessions.length).toBe(2);
  });

  it('the JS SDK’s default chain, in a process of its own with only the two variables, uses the endpoint', async () => {
    const { endpoint, sandbox } = await servingDeveloper();
    const home = mkdtempSync(join(tmpdir(), 'rolecall-endpoint-home-'));
    try {
      const script = `
        import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
        const out = await new STSClient({ maxAttempts: 1 }).send(new GetCallerIdentityCommand({}));
        console.log(out.Arn);`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        cwd: process.cwd(),
        timeout: 15_000,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'no-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_REGION: 'us-east-1',
          AWS_ENDPOINT_URL: sandbox.endpoint,
          AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.uri,
          AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN,
        },
      });
      expect(stdout.trim()).toBe(DEVELOPER_SESSION);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('Debian’s AWS CLI (botocore) uses the endpoint: sts get-caller-identity', async () => {
    if (!existsSync('/usr/bin/aws'))
      throw new Error('/usr/bin/aws is missing: apt-get install awscli (.ci/run does).');
    const { endpoint, sandbox } = await servingDeveloper();
    const home = mkdtempSync(join(tmpdir(), 'rolecall-endpoint-home-'));
    try {
      const { stdout } = await run(
        '/usr/bin/aws',
        [
          'sts',
          'get-caller-identity',
          '--endpoint-url',
          sandbox.endpoint,
          '--query',
          'Arn',
          '--output',
          'text',
        ],
        {
          timeout: 20_000,
          env: {
            PATH: process.env.PATH,
            HOME: home,
            AWS_CONFIG_FILE: join(home, 'no-config'),
            AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
            AWS_EC2_METADATA_DISABLED: 'true',
            AWS_DEFAULT_REGION: 'us-east-1',
            AWS_PAGER: '',
            AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.uri,
            AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN,
          },
        },
      );
      expect(stdout.trim()).toBe(DEVELOPER_SESSION);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
