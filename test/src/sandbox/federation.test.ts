// The sandbox's AWS sign-in federation endpoint and GetFederationToken refuse what AWS refuses:
// a user's own keys, a SessionDuration AWS will not take, an expired or spent token, and a
// federated user calling anything but GetCallerIdentity. Over HTTP, the SDK for the STS calls.
import { AssumeRoleCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNIN_TOKEN_MS } from '../../../src/sandbox/federation';
import { DEV, IDENTITY } from '../../../src/sandbox/seed';
import {
  adjustableClock,
  failure,
  type Keys,
  startTestSandbox,
  type TestSandbox,
} from '../../helpers/sandbox';

let sandbox: TestSandbox;
const clock = adjustableClock();

beforeAll(async () => {
  sandbox = await startTestSandbox({ clock });
});
afterAll(() => sandbox.close());

const alice = () => sandbox.seeded.keys.alice;

async function assume(keys: Keys, role: string): Promise<Keys> {
  const out = await sandbox
    .sts(keys)
    .send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${DEV}:role/${role}`, RoleSessionName: 'console-test' }),
    );
  const c = out.Credentials;
  return {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  };
}

async function federation(params: Record<string, string>, method: 'GET' | 'POST' = 'GET') {
  const body = new URLSearchParams(params).toString();
  const response =
    method === 'GET'
      ? await fetch(`${sandbox.endpoint}/federation?${body}`)
      : await fetch(`${sandbox.endpoint}/federation`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
  return { status: response.status, text: await response.text() };
}

const session = (keys: Keys) =>
  JSON.stringify({
    sessionId: keys.accessKeyId,
    sessionKey: keys.secretAccessKey,
    sessionToken: keys.sessionToken,
  });

async function signinToken(keys: Keys, extra: Record<string, string> = {}, method: 'GET' | 'POST' = 'GET') {
  return federation({ Action: 'getSigninToken', Session: session(keys), ...extra }, method);
}

const login = (token: string, destination = 'https://console.aws.amazon.com/s3/home?region=us-east-1') =>
  federation({ Action: 'login', Issuer: 'test', Destination: destination, SigninToken: token });

describe('getSigninToken and login', () => {
  it("signs in as a role's session, by GET or by a POSTed form", async () => {
    const developer = await assume(alice(), 'Developer');
    for (const method of ['GET', 'POST'] as const) {
      const answer = await signinToken(developer, {}, method);
      expect(answer.status).toBe(200);
      const { SigninToken } = JSON.parse(answer.text) as { SigninToken: string };
      const page = await login(SigninToken);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`Signed in as arn:aws:sts::${DEV}:assumed-role/Developer/console-test.`);
      expect(page.text).toContain('Destination: https://console.aws.amazon.com/s3/home?region=us-east-1');
    }
  });

  it("refuses a user's own keys, wrong secrets and a Session that is not JSON, with a 400 page", async () => {
    const keys = alice();
    for (const answer of [
      await federation({
        Action: 'getSigninToken',
        Session: JSON.stringify({
          sessionId: keys.accessKeyId,
          sessionKey: keys.secretAccessKey,
          sessionToken: '',
        }),
      }),
      await signinToken({ ...(await assume(alice(), 'Developer')), secretAccessKey: 'wrong' }),
      await federation({ Action: 'getSigninToken', Session: 'not json' }),
    ]) {
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('Invalid credentials parameter');
      expect(() => JSON.parse(answer.text)).toThrow();
    }
  });

  it('takes SessionDuration from a directly assumed role, and refuses more than an hour for a chained one', async () => {
    const developer = await assume(alice(), 'Developer');
    expect((await signinToken(developer, { SessionDuration: '7200' })).status).toBe(200);
    expect((await signinToken(developer, { SessionDuration: '600' })).status).toBe(400);
    const chained = await assume(developer, 'ReadOnly');
    expect((await signinToken(chained, { SessionDuration: '7200' })).status).toBe(400);
    expect((await signinToken(chained)).status).toBe(200);
  });

  it("gives an MFA session (GetSessionToken) a token that login then refuses, in AWS's words", async () => {
    const out = await sandbox.sts(alice()).send(new GetSessionTokenCommand({}));
    const c = out.Credentials;
    const answer = await signinToken({
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    });
    expect(answer.status).toBe(200);
    const page = await login((JSON.parse(answer.text) as { SigninToken: string }).SigninToken);
    expect(page.status).toBe(400);
    expect(page.text).toContain(
      'Only federation tokens or assume role tokens may be used for federated login.',
    );
  });

  it('refuses a token after its 15 minutes, one it never issued, and a Destination off the console', async () => {
    const answer = await signinToken(await assume(alice(), 'Developer'));
    const { SigninToken } = JSON.parse(answer.text) as { SigninToken: string };
    expect((await login(SigninToken, 'https://evil.example.com/')).status).toBe(400);
    expect((await login('made-up')).status).toBe(400);
    clock.advance(SIGNIN_TOKEN_MS);
    const late = await login(SigninToken);
    expect(late.status).toBe(400);
    expect(late.text).toContain('invalid or has expired');
  });

  it('refuses expired credentials', async () => {
    const developer = await assume(alice(), 'Developer');
    clock.advance(3600 * 1000);
    expect((await signinToken(developer)).status).toBe(400);
  });
});

describe('GetFederationToken', () => {
  const federate = (keys: Keys, name = 'alice') =>
    sandbox.sts(keys).send(
      new GetFederationTokenCommand({
        Name: name,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      }),
    );

  it('gives a user a federated user named after them, whose token signs in to the console', async () => {
    const out = await federate(alice());
    expect(out.FederatedUser).toEqual({
      FederatedUserId: `${IDENTITY}:alice`,
      Arn: `arn:aws:sts::${IDENTITY}:federated-user/alice`,
    });
    const c = out.Credentials;
    const keys = {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
    // No SessionDuration with a federated user's credentials.
    expect((await signinToken(keys, { SessionDuration: '3600' })).status).toBe(400);
    const answer = await signinToken(keys);
    const page = await login((JSON.parse(answer.text) as { SigninToken: string }).SigninToken);
    expect(page.text).toContain(`Signed in as arn:aws:sts::${IDENTITY}:federated-user/alice.`);
    // A federated user may call GetCallerIdentity, and not AssumeRole.
    expect(
      await failure(
        sandbox
          .sts(keys)
          .send(
            new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${DEV}:role/Developer`, RoleSessionName: 'x' }),
          ),
      ),
    ).toMatchObject({ name: 'AccessDenied', status: 403 });
  });

  it('is refused to session credentials, to a name not the caller’s own, and to a user without the permission', async () => {
    expect(await failure(federate(await assume(alice(), 'Developer')))).toMatchObject({
      name: 'AccessDenied',
      message: 'Cannot call GetFederationToken with session credentials',
    });
    expect(await failure(federate(alice(), 'bob'))).toMatchObject({ name: 'AccessDenied' });
    expect(await failure(federate(sandbox.seeded.keys['ci-bot'], 'ci-bot'))).toMatchObject({
      name: 'AccessDenied',
    });
    expect(await failure(federate(alice(), 'a'))).toMatchObject({ name: 'ValidationError' });
  });
});
