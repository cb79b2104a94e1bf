// Real errors, from the real SDK against the sandbox (and a closed port), described for a person.
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_FACTS } from '../../../src/aws/call-facts';
import { describeAwsError, scrub } from '../../../src/aws/errors';
import { DEV, IDENTITY, PROD } from '../../../src/sandbox/seed';
import { adjustableClock, type Keys, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox;
const clock = adjustableClock();
beforeAll(async () => {
  sandbox = await startTestSandbox({ clock });
});
afterAll(() => sandbox.close());

async function errorOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

const alice = () => sandbox.seeded.keys.alice;
const assume = (input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>, keys: Keys = alice()) =>
  sandbox.sts(keys).send(new AssumeRoleCommand({ RoleSessionName: 'errors', RoleArn: '', ...input }));
const MFA = `arn:aws:iam::${IDENTITY}:mfa/alice`;

describe('describing AWS errors', () => {
  it('a wrong MFA code, a reused one (when rolecall knows it used it), a wrong serial, a lone serial', async () => {
    const admin = `arn:aws:iam::${DEV}:role/Admin`;
    const good = await sandbox.aliceCode();
    const wrong = await errorOf(
      assume({ RoleArn: admin, SerialNumber: MFA, TokenCode: good === '000000' ? '111111' : '000000' }),
    );
    expect(describeAwsError(wrong)).toMatchObject({ kind: 'wrong-mfa-code' });
    await assume({ RoleArn: admin, SerialNumber: MFA, TokenCode: good });
    const reused = await errorOf(assume({ RoleArn: admin, SerialNumber: MFA, TokenCode: good }));
    expect(describeAwsError(reused, { codeAlreadyUsed: true })).toMatchObject({
      kind: 'mfa-code-reused',
      message: 'that MFA code was already used; AWS takes each code once. Wait for the next one.',
    });
    const serial = await errorOf(
      assume({ RoleArn: admin, SerialNumber: `arn:aws:iam::${IDENTITY}:mfa/bob`, TokenCode: good }),
    );
    expect(describeAwsError(serial).kind).toBe('wrong-mfa-serial');
    expect(describeAwsError(await errorOf(assume({ RoleArn: admin, SerialNumber: MFA }))).kind).toBe(
      'mfa-incomplete',
    );
    clock.advance(30_000);
  });

  it('a refused AssumeRole: needs MFA, denied by trust or by identity, as rolecall’s reading of the trust policy says', async () => {
    const refused = await errorOf(assume({ RoleArn: `arn:aws:iam::${DEV}:role/Admin` }));
    expect(describeAwsError(refused)).toMatchObject({
      kind: 'denied',
      message: expect.stringContaining('AWS does not say which'),
    });
    expect(describeAwsError(refused, { trust: 'needs-mfa', doing: 'assume dev/Admin' })).toEqual({
      kind: 'needs-mfa',
      message: 'Could not assume dev/Admin: this role needs an MFA code.',
      aws: `User: arn:aws:iam::${IDENTITY}:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${DEV}:role/Admin`,
    });
    expect(describeAwsError(refused, { trust: 'denies' }).kind).toBe('denied-by-trust');
    expect(describeAwsError(refused, { trust: 'allows' }).kind).toBe('denied-by-identity');
  });

  it('an IAM call the caller’s policies do not allow is denied by identity, from AWS’s own words', async () => {
    const ciBot = sandbox.iam(sandbox.seeded.keys['ci-bot']);
    expect(describeAwsError(await errorOf(ciBot.send(new GetRoleCommand({ RoleName: 'Admin' })))).kind).toBe(
      'denied-by-identity',
    );
  });

  it('durations: over the role’s maximum, over the chaining cap', async () => {
    const developer = `arn:aws:iam::${DEV}:role/Developer`;
    expect(describeAwsError(await errorOf(assume({ RoleArn: developer, DurationSeconds: 7200 }))).kind).toBe(
      'duration-too-long',
    );
    const session = (await assume({ RoleArn: developer })).Credentials;
    const keys = {
      accessKeyId: session?.AccessKeyId ?? '',
      secretAccessKey: session?.SecretAccessKey ?? '',
      sessionToken: session?.SessionToken ?? '',
    };
    const chained = await errorOf(
      assume({ RoleArn: `arn:aws:iam::${DEV}:role/ReadOnly`, DurationSeconds: 7200 }, keys),
    );
    expect(describeAwsError(chained).kind).toBe('chaining-cap');
  });

  it('expired and invalid credentials, and a missing role', async () => {
    const session = (await assume({ RoleArn: `arn:aws:iam::${DEV}:role/Developer`, DurationSeconds: 900 }))
      .Credentials;
    const keys = {
      accessKeyId: session?.AccessKeyId ?? '',
      secretAccessKey: session?.SecretAccessKey ?? '',
      sessionToken: session?.SessionToken ?? '',
    };
    clock.advance(901_000);
    expect(
      describeAwsError(await errorOf(sandbox.sts(keys).send(new GetCallerIdentityCommand({})))).kind,
    ).toBe('expired');
    const unknown = sandbox.sts({ ...alice(), accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
    expect(describeAwsError(await errorOf(unknown.send(new GetCallerIdentityCommand({})))).kind).toBe(
      'invalid-credentials',
    );
    const bob = sandbox.iam(sandbox.seeded.keys.bob);
    expect(describeAwsError(await errorOf(bob.send(new GetRoleCommand({ RoleName: 'Nope' })))).kind).toBe(
      'not-found',
    );
    expect(
      describeAwsError(
        await errorOf(assume({ RoleArn: `arn:aws:iam::${PROD}:role/ReadOnly`, RoleSessionName: 'a:b' })),
      ).kind,
    ).toBe('invalid-input');
  });

  it('an endpoint nobody answers on, and a missing region', async () => {
    const closed = new STSClient({
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      credentials: alice(),
      maxAttempts: 1,
    });
    expect(
      describeAwsError(await errorOf(closed.send(new GetCallerIdentityCommand({}))), {
        endpoint: 'http://127.0.0.1:1',
      }),
    ).toMatchObject({
      kind: 'unreachable',
      message:
        'AWS could not be reached at http://127.0.0.1:1 (ECONNREFUSED). Check the network or the endpoint.',
    });
    const noRegion = new IAMClient({
      endpoint: sandbox.endpoint,
      region: undefined as unknown as string,
      credentials: alice(),
    });
    const missing = await errorOf(noRegion.send(new GetRoleCommand({ RoleName: 'x' })));
    expect(describeAwsError(missing).kind).toBe('region-missing');
  });

  it('AWS’s validation patterns, in words that name the field', async () => {
    const role = `arn:aws:iam::${PROD}:role/ReadOnly`;
    const name = describeAwsError(await errorOf(assume({ RoleArn: role, RoleSessionName: 'a b' })), {
      doing: 'assume prod/ReadOnly',
    });
    expect(name).toMatchObject({
      kind: 'invalid-input',
      message:
        'Could not assume prod/ReadOnly: AWS refused the session name (role_session_name, or the session name template) "a b": it may hold only letters, digits and + = , . @ - (no spaces).',
    });
    // AWS's own words stay at hand, for whoever wants them.
    expect(name.aws).toContain(
      'failed to satisfy constraint: Member must satisfy regular expression pattern',
    );
    const external = describeAwsError(await errorOf(assume({ RoleArn: role, ExternalId: 'x' })));
    expect(external.message).toBe(
      'AWS refused the external ID (external_id) "x": it is too short: at least 2 characters.',
    );
    expect(external.message).not.toMatch(/Member must/);
    // An MFA code is never repeated.
    const code = describeAwsError(
      await errorOf(
        assume({ RoleArn: role, SerialNumber: `arn:aws:iam::${PROD}:mfa/alice`, TokenCode: '12345a' }),
      ),
    );
    expect(code.message).toMatch(/^AWS refused the MFA code: /);
    expect(code.message).not.toContain('12345a');
  });

  it('a bad AWS_ENDPOINT_URL is named, without a user name or password it may carry', () => {
    const error = Object.assign(new TypeError('Invalid URL'), {
      code: 'ERR_INVALID_URL',
      input: 'http://proxyuser:hunter2@exa mple:8080',
    });
    const { kind, message } = describeAwsError(error);
    expect(kind).toBe('bad-endpoint');
    expect(message).toContain('is not a URL ("http://…@exa mple:8080")');
    expect(message).not.toContain('hunter2');
  });

  it('a connection that never opens: the endpoint and the connect timeout (as the client factory marks its errors)', () => {
    // Loopback always connects at once, so the handler's own error is built here, as it words it.
    const error = Object.assign(
      new Error(
        '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 3000 ms.',
      ),
      { name: 'TimeoutError' },
    );
    Object.defineProperty(error, CALL_FACTS, {
      value: {
        service: 'STS',
        endpoint: 'https://sts.us-east-1.amazonaws.com',
        connectSeconds: 3,
        requestSeconds: 15,
      },
    });
    expect(describeAwsError(error, { doing: 'assume prod/Admin' })).toMatchObject({
      kind: 'timed-out',
      message:
        'Could not assume prod/Admin: no connection to the endpoint https://sts.us-east-1.amazonaws.com within 3s. Check AWS_ENDPOINT_URL (if set), any proxy (HTTPS_PROXY), and the network.',
    });
  });

  it('throttling, after the SDK’s retries', () => {
    expect(describeAwsError(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })).kind).toBe(
      'throttled',
    );
  });

  it('never repeats a secret or a session token', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const described = describeAwsError(
      Object.assign(new Error(`bad value ${secret} in request`), { name: 'Weird' }),
    );
    expect(JSON.stringify(described)).not.toContain(secret);
    expect(scrub(`token IQoJb3JpZ2luX2VjE${'A'.repeat(100)} end`)).toBe('token [hidden] end');
  });
});
