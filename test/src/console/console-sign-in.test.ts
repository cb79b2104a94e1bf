// A console sign-in URL for each kind of session, built by rolecall's core over HTTP against the
// sandbox (the real SDK for STS, a real POST for getSigninToken) and redeemed at the sandbox's
// federation endpoint, as a browser would; and the faults said in words, never with the URL.
import { AssumeRoleCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleDestination,
  federationEndpoint,
  loginUrl,
  partitionOfArn,
} from '../../../src/console/console-address';
import { ConsoleSignInError, consoleSignInUrl } from '../../../src/console/console-sign-in';
import { SigninTokenError } from '../../../src/console/signin-token';
import { DEV, IDENTITY } from '../../../src/sandbox/seed';
import { startSandbox } from '../../../src/sandbox/server';
import { NOWHERE } from '../../helpers/nowhere';
import { type Keys, startTestSandbox, type TestSandbox, testClients } from '../../helpers/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const TIMEOUTS = { connectSeconds: 3, requestSeconds: 15 };
const deps = (overrides: Partial<Parameters<typeof consoleSignInUrl>[1]> = {}) => ({
  clients: testClients(sandbox),
  timeouts: () => TIMEOUTS,
  signinEndpoint: `${sandbox.endpoint}/federation`,
  now: () => Date.now(),
  ...overrides,
});

async function assume(keys: Keys, role: string): Promise<Keys> {
  const out = await sandbox
    .sts(keys)
    .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${DEV}:role/${role}`, RoleSessionName: 'console' }));
  const c = out.Credentials;
  return {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  };
}

/** What the browser lands on: the sandbox's page naming who signed in. */
async function redeem(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
}

async function refusal(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('it signed in');
}

describe('consoleSignInUrl', () => {
  it("signs in as a role's session, and as a chained one, on the page asked for", async () => {
    const developer = await assume(sandbox.seeded.keys.alice, 'Developer');
    for (const [keys, arn] of [
      [developer, `arn:aws:sts::${DEV}:assumed-role/Developer/console`],
      [await assume(developer, 'ReadOnly'), `arn:aws:sts::${DEV}:assumed-role/ReadOnly/console`],
    ] as const) {
      const signIn = await consoleSignInUrl(
        { credentials: keys, region: 'eu-west-1', service: 's3' },
        deps(),
      );
      expect(signIn).toMatchObject({ arn, via: 'session' });
      const page = await redeem(signIn.url);
      expect(page).toContain(`Signed in as ${arn}.`);
      expect(page).toContain(
        'Destination: https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1',
      );
    }
  });

  it("signs an IAM user's keys in through a federated user named after them", async () => {
    const signIn = await consoleSignInUrl(
      { credentials: sandbox.seeded.keys.alice, region: 'us-east-1' },
      deps(),
    );
    expect(signIn).toMatchObject({
      arn: `arn:aws:sts::${IDENTITY}:federated-user/alice`,
      via: 'federation-token',
    });
    expect(await redeem(signIn.url)).toContain(`Signed in as arn:aws:sts::${IDENTITY}:federated-user/alice.`);
  });

  it('says why an MFA session, and a user without sts:GetFederationToken, cannot sign in', async () => {
    const out = await sandbox.sts(sandbox.seeded.keys.alice).send(new GetSessionTokenCommand({}));
    const c = out.Credentials;
    const mfaSession = {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
    const refused = await refusal(consoleSignInUrl({ credentials: mfaSession, region: 'us-east-1' }, deps()));
    expect(refused).toBeInstanceOf(ConsoleSignInError);
    expect(refused.message).toContain("user/alice's MFA session cannot sign in to the console");
    const bot = await refusal(
      consoleSignInUrl({ credentials: sandbox.seeded.keys['ci-bot'], region: 'us-east-1' }, deps()),
    );
    expect(bot.message).toBe(
      `arn:aws:iam::${IDENTITY}:user/ci-bot may not call sts:GetFederationToken, which a console sign-in from an IAM user's keys goes through. Ask for that permission, or open the console from a role's session.`,
    );
  });

  it('names the sign-in host when it cannot be reached, and when it does not answer in time', async () => {
    const developer = await assume(sandbox.seeded.keys.alice, 'Developer');
    const unreachable = await refusal(
      consoleSignInUrl(
        { credentials: developer, region: 'us-east-1' },
        deps({ signinEndpoint: `${NOWHERE}/federation` }),
      ),
    );
    expect(unreachable).toBeInstanceOf(SigninTokenError);
    expect(unreachable.message).toBe(
      'Could not reach AWS sign-in at 127.0.0.1:9 (ECONNREFUSED): check your network, proxy or VPN.',
    );
    // A sign-in endpoint that takes the request and never answers.
    const hung = await startSandbox(sandbox.seeded.world, {
      fault: { mode: { kind: 'hang' }, action: 'getSigninToken' },
    });
    try {
      const slow = await refusal(
        consoleSignInUrl(
          { credentials: developer, region: 'us-east-1' },
          deps({
            signinEndpoint: `${hung.endpoint}/federation`,
            timeouts: () => ({ connectSeconds: 3, requestSeconds: 1 }),
          }),
        ),
      );
      expect(slow.message).toBe(
        `AWS sign-in at ${new URL(hung.endpoint).host} did not answer within 1 s (the request timeout): check your network, or raise the timeout in settings.`,
      );
    } finally {
      await hung.close();
    }
  });

  it('never puts the credentials or the URL in what it says when sign-in refuses them', async () => {
    const developer = await assume(sandbox.seeded.keys.alice, 'Developer');
    // A session token the sandbox never issued: refused at the first call, which must not echo it.
    const forged = { ...developer, sessionToken: `${developer.sessionToken}x` };
    const error = await refusal(
      consoleSignInUrl(
        { credentials: forged, region: 'us-east-1' },
        { ...deps(), clients: testClients(sandbox) },
      ),
    );
    expect(error.message).not.toContain(developer.secretAccessKey);
    expect(error.message).not.toContain(developer.sessionToken);
  });
});

describe('console addresses', () => {
  it('uses each partition’s hosts, and a regional sign-in host where AWS has one', () => {
    expect(federationEndpoint('aws', 'us-east-1')).toBe('https://signin.aws.amazon.com/federation');
    expect(federationEndpoint('aws', 'eu-central-1')).toBe(
      'https://eu-central-1.signin.aws.amazon.com/federation',
    );
    expect(federationEndpoint('aws-cn', 'cn-northwest-1')).toBe('https://signin.amazonaws.cn/federation');
    expect(federationEndpoint('aws-us-gov', 'us-gov-east-1')).toBe(
      'https://signin.amazonaws-us-gov.com/federation',
    );
    expect(consoleDestination('aws', 'us-east-1')).toBe(
      'https://console.aws.amazon.com/console/home?region=us-east-1',
    );
    expect(consoleDestination('aws-cn', 'cn-northwest-1', 'ec2')).toBe(
      'https://cn-northwest-1.console.amazonaws.cn/ec2/home?region=cn-northwest-1',
    );
    // IAM's console is global: no region in its page.
    expect(consoleDestination('aws', 'eu-west-1', 'iam')).toBe(
      'https://eu-west-1.console.aws.amazon.com/iam/home',
    );
    expect(partitionOfArn('arn:aws-us-gov:sts::123456789012:assumed-role/R/s')).toBe('aws-us-gov');
    expect(partitionOfArn('arn:aws-iso:sts::123456789012:assumed-role/R/s')).toBeUndefined();
  });

  it('encodes the destination and token into the login URL', () => {
    const url = new URL(
      loginUrl(
        'https://signin.aws.amazon.com/federation',
        'tok+/=',
        'https://console.aws.amazon.com/s3/home?region=us-east-1',
      ),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      Action: 'login',
      Issuer: 'rolecall',
      Destination: 'https://console.aws.amazon.com/s3/home?region=us-east-1',
      SigninToken: 'tok+/=',
    });
  });
});
