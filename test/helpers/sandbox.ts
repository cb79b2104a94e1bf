// A seeded sandbox on loopback, and real AWS SDK clients pointed at it.
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { generate } from 'otplib';
import { type AwsClients, type AwsClientsOptions, awsClients } from '../../src/aws/clients';
import type { Clock } from '../../src/clock';
import type { Fault } from '../../src/sandbox/fault';
import { type SeedOptions, seedWorld } from '../../src/sandbox/seed';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server';

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface TestSandbox extends RunningSandbox {
  seeded: ReturnType<typeof seedWorld>;
  sts(keys: Keys): STSClient;
  iam(keys: Keys): IAMClient;
  /** alice's current MFA code, as her authenticator app shows it. */
  aliceCode(offsetSeconds?: number): Promise<string>;
}

/**
 * rolecall's own AWS client factory, its calls sent to `target` (a sandbox, or NOWHERE) as a
 * person's AWS_ENDPOINT_URL sends them, whatever process.env says; the default timeouts and
 * retries unless `options` say otherwise.
 */
export function testClients(
  target: { endpoint: string },
  options: Omit<AwsClientsOptions, 'env'> = {},
): AwsClients {
  return awsClients({ ...options, env: { AWS_ENDPOINT_URL: target.endpoint } });
}

/** A clock that can be moved, for expiry and MFA-window tests. */
export function adjustableClock(start = Date.now()): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

export async function startTestSandbox(options: SeedOptions & { fault?: Fault } = {}): Promise<TestSandbox> {
  const { fault, ...seedOptions } = options;
  const seeded = seedWorld(seedOptions);
  const running = await startSandbox(seeded.world, {
    ...(fault ? { fault } : {}),
    ...(seeded.identityCenter ? { identityCenter: seeded.identityCenter } : {}),
  });
  // The SDK signs with its own clock; keep it in step with the sandbox's, which tests move.
  const config = (keys: Keys) => ({
    endpoint: running.endpoint,
    region: 'us-east-1',
    credentials: keys,
    maxAttempts: 1,
    systemClockOffset: seeded.world.clock.now() - Date.now(),
  });
  return {
    ...running,
    seeded,
    sts: (keys) => new STSClient(config(keys)),
    iam: (keys) => new IAMClient(config(keys)),
    aliceCode: (offsetSeconds = 0) =>
      generate({
        secret: seeded.mfa[0]?.secret ?? '',
        epoch: Math.floor(seeded.world.clock.now() / 1000) + offsetSeconds,
      }),
  };
}

/** Resolves to the error's name, message and HTTP status, for an SDK call that must fail. */
export async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
}
