// The sandbox's fault modes, seen through the real AWS SDK (one attempt, no retries): each does
// what it says, only to the action named, and a hanging request ends when the sandbox stops.
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Fault, parseFault } from '../../../src/sandbox/fault';
import { DEV } from '../../../src/sandbox/seed';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function faulty(spelled: string): Promise<TestSandbox> {
  const fault = parseFault(spelled) as Fault;
  sandbox = await startTestSandbox({ fault });
  return sandbox;
}

const whoAmI = (s: TestSandbox, signal?: AbortSignal) =>
  s.sts(s.seeded.keys.alice).send(new GetCallerIdentityCommand({}), signal ? { abortSignal: signal } : {});

async function rejection(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, code: e.code, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
}

describe('sandbox --fault', () => {
  it('is spelled hang, slow=MS, 5xx, throttle, reset or html, with an optional :ACTION', () => {
    expect(parseFault('hang')).toEqual({ mode: { kind: 'hang' } });
    expect(parseFault('slow=250:AssumeRole')).toEqual({
      mode: { kind: 'slow', ms: 250 },
      action: 'AssumeRole',
    });
    expect(parseFault('5xx:ListRoles')).toEqual({ mode: { kind: '5xx' }, action: 'ListRoles' });
    for (const bad of ['', 'slow', 'slow=-1', 'slow=fast', 'boom', 'hang:', 'hang:a:b', 'hang:Assume Role']) {
      expect(parseFault(bad)).toMatchObject({
        problem: expect.stringContaining('--fault takes hang, slow=MS'),
      });
    }
  });

  it('5xx answers with AWS’s InternalFailure (500) and ServiceUnavailable (503), in turn', async () => {
    const s = await faulty('5xx');
    expect(await rejection(whoAmI(s))).toMatchObject({ name: 'InternalFailure', status: 500 });
    expect(await rejection(whoAmI(s))).toMatchObject({ name: 'ServiceUnavailable', status: 503 });
    expect(s.faulted()).toBe(2);
  });

  it('throttle answers 400 Throttling "Rate exceeded", as STS does', async () => {
    const s = await faulty('throttle');
    expect(await rejection(whoAmI(s))).toEqual({
      name: 'Throttling',
      message: 'Rate exceeded',
      code: undefined,
      status: 400,
    });
  });

  it('html answers a proxy’s 502 page, which the SDK cannot read as AWS’s XML', async () => {
    const s = await faulty('html');
    const failure = await rejection(whoAmI(s));
    expect(failure.status).toBe(502);
    expect(failure.message).toMatch(/XML parse error/);
  });

  it('reset drops the connection without a word', async () => {
    const s = await faulty('reset');
    expect(await rejection(whoAmI(s))).toMatchObject({ code: 'ECONNRESET' });
  });

  it('slow=MS answers, correctly, once the time has passed', async () => {
    const s = await faulty('slow=200');
    const out = await whoAmI(s);
    expect(out.Arn).toBe('arn:aws:iam::111111111111:user/alice');
    expect(s.faulted()).toBe(1);
  });

  it('hang takes the request and never answers; stopping the sandbox closes it', async () => {
    const s = await faulty('hang');
    let settled = false;
    const call = rejection(whoAmI(s)).finally(() => {
      settled = true;
    });
    await vi.waitFor(() => expect(s.faulted()).toBe(1));
    expect(settled).toBe(false);
    await s.close();
    sandbox = undefined;
    // The SDK retries nothing here (one attempt): the socket the sandbox destroyed ends the call.
    expect(await call).toMatchObject({ code: 'ECONNRESET' });
  });

  it(':ACTION puts the fault on that action only', async () => {
    const s = await faulty('throttle:AssumeRole');
    expect((await whoAmI(s)).Arn).toMatch(/user\/alice$/);
    expect(s.faulted()).toBe(0);
    const assume = s
      .sts(s.seeded.keys.alice)
      .send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${DEV}:role/Developer`, RoleSessionName: 'fault' }),
      );
    expect(await rejection(assume)).toMatchObject({ name: 'Throttling' });
    expect(s.faulted()).toBe(1);
  });
});
