// A sandbox of short sessions (`rolecall sandbox --session-seconds N`): every session it issues
// ends N seconds after it was issued, whatever duration was asked for, and is then refused as AWS
// refuses an expired session; what AWS would refuse in the request is still refused.
import { ListRolesCommand } from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  type Credentials,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, IDENTITY } from '../../../src/sandbox/seed';
import {
  adjustableClock,
  failure,
  type Keys,
  startTestSandbox,
  type TestSandbox,
} from '../../helpers/sandbox';

const DEVELOPER = `arn:aws:iam::${DEV}:role/Developer`;
const EXPIRED = {
  name: 'ExpiredToken',
  message: 'The security token included in the request is expired',
  status: 403,
};

const keysOf = (c: Credentials | undefined): Keys => ({
  accessKeyId: c?.AccessKeyId ?? '',
  secretAccessKey: c?.SecretAccessKey ?? '',
  sessionToken: c?.SessionToken ?? '',
});

describe('a sandbox of 60-second sessions, on a clock the test moves', () => {
  let sandbox: TestSandbox;
  const clock = adjustableClock(Date.UTC(2026, 10, 30, 9, 0, 0));
  beforeAll(async () => {
    sandbox = await startTestSandbox({ clock, sessionSeconds: 60 });
  });
  afterAll(() => sandbox.close());

  it('AssumeRole for an hour gives a session that ends 60 s after it was issued', async () => {
    const issuedAt = clock.now();
    const out = await sandbox
      .sts(sandbox.seeded.keys.alice)
      .send(new AssumeRoleCommand({ RoleArn: DEVELOPER, RoleSessionName: 'short', DurationSeconds: 3600 }));
    expect(out.Credentials?.Expiration?.getTime()).toBe(issuedAt + 60_000);
    const keys = keysOf(out.Credentials);

    clock.advance(59_000);
    expect((await sandbox.sts(keys).send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::${DEV}:assumed-role/Developer/short`,
    );
    expect((await sandbox.iam(keys).send(new ListRolesCommand({}))).Roles?.length).toBeGreaterThan(0);

    clock.advance(1000);
    expect(await failure(sandbox.sts(keys).send(new GetCallerIdentityCommand({})))).toEqual(EXPIRED);
    expect(await failure(sandbox.iam(keys).send(new ListRolesCommand({})))).toEqual(EXPIRED);
    // Nor can an expired session make another one.
    expect(
      await failure(
        sandbox
          .sts(keys)
          .send(
            new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${DEV}:role/ReadOnly`, RoleSessionName: 'x' }),
          ),
      ),
    ).toEqual(EXPIRED);
  });

  it('GetSessionToken (12 h by default) is cut to 60 s too; long-term keys never expire', async () => {
    const alice = sandbox.seeded.keys.alice;
    const issuedAt = clock.now();
    const out = await sandbox.sts(alice).send(new GetSessionTokenCommand({}));
    expect(out.Credentials?.Expiration?.getTime()).toBe(issuedAt + 60_000);
    clock.advance(60_000);
    expect(
      await failure(sandbox.sts(keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}))),
    ).toEqual(EXPIRED);
    expect((await sandbox.sts(alice).send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:iam::${IDENTITY}:user/alice`,
    );
  });

  it('still checks the duration asked for as AWS does', async () => {
    const sts = sandbox.sts(sandbox.seeded.keys.alice);
    expect(
      await failure(
        sts.send(new AssumeRoleCommand({ RoleArn: DEVELOPER, RoleSessionName: 'x1', DurationSeconds: 899 })),
      ),
    ).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
    expect(
      await failure(
        sts.send(new AssumeRoleCommand({ RoleArn: DEVELOPER, RoleSessionName: 'x2', DurationSeconds: 7200 })),
      ),
    ).toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });
});

it('with the real clock, a 1-second session is refused once the Expiration it was given has passed', async () => {
  const sandbox = await startTestSandbox({ sessionSeconds: 1 });
  try {
    const before = Date.now();
    const out = await sandbox
      .sts(sandbox.seeded.keys.alice)
      .send(new AssumeRoleCommand({ RoleArn: DEVELOPER, RoleSessionName: 'real' }));
    const expiration = out.Credentials?.Expiration?.getTime() ?? 0;
    // Whole seconds, as STS shows them, rounded up: the whole second it was given, at most one more.
    expect(expiration % 1000).toBe(0);
    expect(expiration).toBeGreaterThanOrEqual(before + 1000);
    expect(expiration).toBeLessThanOrEqual(Date.now() + 2000);
    // What a client sees: the session ends at its Expiration, not some time after.
    await new Promise((resolve) => setTimeout(resolve, expiration - Date.now() + 1));
    expect(
      await failure(sandbox.sts(keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}))),
    ).toEqual(EXPIRED);
  } finally {
    await sandbox.close();
  }
});
