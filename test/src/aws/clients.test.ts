// The one AWS client factory against the sandbox's faults: every call ends, with a message that
// names the endpoint and what to check; throttling and 5xx are retried as the SDK's standard
// mode does, a bounded number of times, and each retry is heard; a stop signal ends a hung call.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AwsClientsOptions, awsClients, MAX_ATTEMPTS, type RetryNotice } from '../../../src/aws/clients';
import { describeAwsError, describeRetry } from '../../../src/aws/errors';
import { iamClientFor, listRoles } from '../../../src/aws/iam-browse';
import { staticProvider } from '../../../src/credentials/provider';
import { stsClientFor } from '../../../src/credentials/sts-client';
import { type Fault, parseFault } from '../../../src/sandbox/fault';
import { startTestSandbox, type TestSandbox, testClients } from '../../helpers/sandbox';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const SHORT = { connectSeconds: 1, requestSeconds: 1 };

async function against(spelled: string, options: Omit<AwsClientsOptions, 'env'> = {}) {
  sandbox = await startTestSandbox({ fault: parseFault(spelled) as Fault });
  const s = sandbox;
  const clients = testClients(s, { timeouts: SHORT, ...options });
  const notices: RetryNotice[] = [];
  clients.onRetry((notice) => notices.push(notice));
  const alice = staticProvider('profile alice', s.seeded.keys.alice);
  const whoAmI = async () =>
    (await stsClientFor(alice, 'us-east-1', clients)).send(new GetCallerIdentityCommand({}));
  return { s, clients, notices, alice, whoAmI };
}

async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    return { error, described: describeAwsError(error, { doing: 'find out who you are' }) };
  }
  throw new Error('the call succeeded');
}

describe('AWS clients', () => {
  it('give up on an endpoint that never answers after the request timeout, once, and say where and what to check', async () => {
    const { s, whoAmI, notices } = await against('hang');
    const { described } = await failure(whoAmI());
    expect(described).toMatchObject({
      kind: 'timed-out',
      message: `Could not find out who you are: the endpoint ${s.endpoint} did not answer within 1s. Check AWS_ENDPOINT_URL (if set), any proxy (HTTPS_PROXY), and the network.`,
    });
    // Not tried again: the person has already waited the whole timeout once.
    expect(s.faulted()).toBe(1);
    expect(notices).toEqual([]);
  });

  it('retry 5xx the standard mode’s 3 attempts, heard each time, then say AWS failed', async () => {
    const { s, whoAmI, notices } = await against('5xx');
    const { described } = await failure(whoAmI());
    expect(s.faulted()).toBe(MAX_ATTEMPTS);
    expect(notices.map((n) => [n.attempt, n.maxAttempts, n.throttled, n.over ?? false])).toEqual([
      [2, 3, false, false],
      [3, 3, false, false],
      // Given up: what the status line said of the retries is taken back.
      [4, 3, false, true],
    ]);
    expect(described).toMatchObject({
      kind: 'server-error',
      message:
        'Could not find out who you are: AWS failed with a server error (HTTP 500 InternalFailure), 3 times in a row. Try again in a minute.',
    });
  });

  it('retry throttling with the status line’s words, then say AWS is throttling', async () => {
    const { s, whoAmI, notices } = await against('throttle');
    const { described } = await failure(whoAmI());
    expect(s.faulted()).toBe(MAX_ATTEMPTS);
    expect(notices.filter((n) => !n.over).map(describeRetry)).toEqual([
      'AWS STS is throttling; retrying (2 of 3)…',
      'AWS STS is throttling; retrying (3 of 3)…',
    ]);
    expect(described.kind).toBe('throttled');
    expect(described.message).toBe(
      'Could not find out who you are: AWS is throttling requests, 3 times in a row. Try again in a minute.',
    );
  });

  it('retry IAM’s calls the same way, and no more than the attempts set', async () => {
    const { s, alice, clients, notices } = await against('5xx:ListRoles', { maxAttempts: 2 });
    const { described } = await failure(listRoles(iamClientFor(alice, 'us-east-1', clients)));
    expect(s.faulted()).toBe(2);
    expect(notices).toEqual([
      { service: 'IAM', attempt: 2, maxAttempts: 2, throttled: false },
      { service: 'IAM', attempt: 3, maxAttempts: 2, throttled: false, over: true },
    ]);
    expect(described.kind).toBe('server-error');
  });

  it('call a proxy’s HTML error page what it is, never an XML parse error', async () => {
    const { s, whoAmI } = await against('html');
    const { described } = await failure(whoAmI());
    expect(described.kind).toBe('not-aws');
    expect(described.message).toContain(
      `the endpoint ${s.endpoint} answered with an HTML page (HTTP 502), not AWS.`,
    );
    expect(described.message).not.toMatch(/XML|parse/);
  });

  it('say a reset connection was reset, after the retries', async () => {
    const { s, whoAmI } = await against('reset');
    const { described } = await failure(whoAmI());
    expect(s.faulted()).toBe(MAX_ATTEMPTS);
    expect(described).toMatchObject({
      kind: 'connection-reset',
      message: `Could not find out who you are: the endpoint ${s.endpoint} reset the connection before answering, 3 times in a row. Check AWS_ENDPOINT_URL (if set), any proxy (HTTPS_PROXY), and the network.`,
    });
  });

  it('stop a hung call at once when their signal is aborted (the TUI’s quit)', async () => {
    const stop = new AbortController();
    // The default 15 s request timeout: only the signal can end this call within the test's time.
    const { s, whoAmI } = await against('hang', {
      signal: stop.signal,
      timeouts: { connectSeconds: 3, requestSeconds: 15 },
    });
    const call = failure(whoAmI());
    await vi.waitFor(() => expect(s.faulted()).toBe(1));
    stop.abort();
    expect((await call).described.kind).toBe('stopped');
  });

  it('stop a hung call that has a signal of its own when theirs is aborted', async () => {
    const stop = new AbortController();
    const { s, alice, clients } = await against('hang', {
      signal: stop.signal,
      timeouts: { connectSeconds: 3, requestSeconds: 15 },
    });
    const own = new AbortController();
    const call = failure(
      (await stsClientFor(alice, 'us-east-1', clients)).send(new GetCallerIdentityCommand({}), {
        abortSignal: own.signal,
      }),
    );
    await vi.waitFor(() => expect(s.faulted()).toBe(1));
    stop.abort();
    expect((await call).described.kind).toBe('stopped');
  });

  it('stop waiting to retry when their signal is aborted', async () => {
    const stop = new AbortController();
    const { s, clients, whoAmI, notices } = await against('throttle', { signal: stop.signal });
    // Stopped once the first retry's wait has begun (the notice comes just before it; the wait is
    // a timer of 100 ms or more, so the next turn of the event loop is inside it). A wait polled
    // for instead could end, and send the retry, first on a slow machine.
    clients.onRetry(() => setImmediate(() => stop.abort()));
    const call = failure(whoAmI());
    expect((await call).described.kind).toBe('throttled');
    expect(notices).toHaveLength(1);
    // The retry that was waiting was never sent.
    expect(s.faulted()).toBe(1);
  });

  it('refuse an endpoint with no http:// or https:// before sending anything, naming the variable', async () => {
    const { s, alice } = await against('hang');
    const clients = awsClients({ timeouts: SHORT, env: { AWS_ENDPOINT_URL: 'localhost:4566' } });
    const { described } = await failure(
      (await stsClientFor(alice, 'us-east-1', clients)).send(new GetCallerIdentityCommand({})),
    );
    expect(described.kind).toBe('bad-endpoint');
    expect(described.message).toContain('AWS_ENDPOINT_URL');
    expect(s.faulted()).toBe(0);
  });
});
