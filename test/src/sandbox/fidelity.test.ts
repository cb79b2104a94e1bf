// The sandbox refuses what AWS refuses, with AWS's error names and messages, through the real
// AWS SDK for JavaScript v3 over HTTP on 127.0.0.1.
import {
  GetRoleCommand,
  ListAccountAliasesCommand,
  ListMFADevicesCommand,
  ListRolesCommand,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/document';
import { DEV, IDENTITY, PROD } from '../../../src/sandbox/seed';
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

const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const ALICE_MFA = `arn:aws:iam::${IDENTITY}:mfa/alice`;
const keysOf = (name: 'alice' | 'bob' | 'ci-bot' | 'auditor'): Keys => sandbox.seeded.keys[name];

async function assume(keys: Keys, input: Partial<AssumeRoleCommandInput>) {
  const out = await sandbox
    .sts(keys)
    .send(new AssumeRoleCommand({ RoleSessionName: 'test-session', ...input } as AssumeRoleCommandInput));
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('no credentials');
  return {
    out,
    keys: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
  };
}

const denied = (who: string, arn: string) => ({
  name: 'AccessDenied',
  message: `User: ${who} is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
  status: 403,
});
const ALICE = `arn:aws:iam::${IDENTITY}:user/alice`;

describe('identity', () => {
  it('GetCallerIdentity names a user, and an assumed role by session', async () => {
    const me = await sandbox.sts(keysOf('alice')).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({
      Account: IDENTITY,
      Arn: ALICE,
      UserId: expect.stringMatching(/^AIDA[A-Z0-9]{17}$/),
    });
    const { keys, out } = await assume(keysOf('alice'), { RoleArn: role(DEV, 'Developer') });
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(out.AssumedRoleUser).toEqual({
      Arn: `arn:aws:sts::${DEV}:assumed-role/Developer/test-session`,
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z0-9]{17}:test-session$/),
    });
    const session = await sandbox.sts(keys).send(new GetCallerIdentityCommand({}));
    expect(session).toMatchObject({
      Account: DEV,
      Arn: out.AssumedRoleUser?.Arn,
      UserId: out.AssumedRoleUser?.AssumedRoleId,
    });
    expect(out.Credentials?.Expiration?.getTime()).toBe(Math.floor(clock.now() / 1000) * 1000 + 3600_000);
  });
});

describe('trust and identity policies', () => {
  it('refuses a caller the trust policy does not name', async () => {
    expect(await failure(assume(keysOf('ci-bot'), { RoleArn: role(PROD, 'ReadOnly') }))).toEqual(
      denied(`arn:aws:iam::${IDENTITY}:user/ci-bot`, role(PROD, 'ReadOnly')),
    );
  });

  it('refuses across accounts when the caller’s own policy does not allow sts:AssumeRole', async () => {
    // Developer trusts the whole identity account, but ci-bot may only assume Deployer.
    expect(await failure(assume(keysOf('ci-bot'), { RoleArn: role(DEV, 'Developer') }))).toEqual(
      denied(`arn:aws:iam::${IDENTITY}:user/ci-bot`, role(DEV, 'Developer')),
    );
  });

  it('refuses a role that does not exist exactly as one it may not assume', async () => {
    expect(await failure(assume(keysOf('alice'), { RoleArn: role(DEV, 'Nope') }))).toEqual(
      denied(ALICE, role(DEV, 'Nope')),
    );
  });

  it('refuses everyone when the trusted principal was deleted', async () => {
    expect(await failure(assume(keysOf('alice'), { RoleArn: role(PROD, 'Legacy') }))).toEqual(
      denied(ALICE, role(PROD, 'Legacy')),
    );
  });

  it('an explicit Deny wins: BreakGlass refuses alice without MFA', async () => {
    expect(await failure(assume(keysOf('alice'), { RoleArn: role(PROD, 'BreakGlass') }))).toEqual(
      denied(ALICE, role(PROD, 'BreakGlass')),
    );
  });
});

describe('MFA', () => {
  it('is needed where the trust policy asks for it', async () => {
    expect(await failure(assume(keysOf('alice'), { RoleArn: role(DEV, 'Admin') }))).toEqual(
      denied(ALICE, role(DEV, 'Admin')),
    );
  });

  it('a wrong code, a reused code, a wrong serial and a lone serial each get AWS’s message', async () => {
    const admin = role(DEV, 'Admin');
    const good = await sandbox.aliceCode();
    const wrong = good === '000000' ? '111111' : '000000';
    expect(
      await failure(assume(keysOf('alice'), { RoleArn: admin, SerialNumber: ALICE_MFA, TokenCode: wrong })),
    ).toEqual({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      status: 403,
    });
    expect(
      await failure(
        assume(keysOf('alice'), {
          RoleArn: admin,
          SerialNumber: `arn:aws:iam::${IDENTITY}:user/alice`,
          TokenCode: good,
        }),
      ),
    ).toEqual({
      name: 'AccessDenied',
      message:
        'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
      status: 403,
    });
    expect(await failure(assume(keysOf('alice'), { RoleArn: admin, SerialNumber: ALICE_MFA }))).toEqual({
      name: 'AccessDenied',
      message:
        'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
      status: 403,
    });
    const { out } = await assume(keysOf('alice'), {
      RoleArn: admin,
      SerialNumber: ALICE_MFA,
      TokenCode: good,
      DurationSeconds: 43_200,
    });
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/Admin/test-session`);
    // The same code again, within its 30 seconds: refused as AWS does.
    expect(
      await failure(assume(keysOf('alice'), { RoleArn: admin, SerialNumber: ALICE_MFA, TokenCode: good })),
    ).toMatchObject({
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    });
    clock.advance(30_000);
  });

  it('one GetSessionToken code serves later AssumeRole calls, which count as chaining', async () => {
    const token = await sandbox
      .sts(keysOf('alice'))
      .send(new GetSessionTokenCommand({ SerialNumber: ALICE_MFA, TokenCode: await sandbox.aliceCode() }));
    clock.advance(30_000);
    const c = token.Credentials;
    const session = {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
    expect(session.accessKeyId).toMatch(/^ASIA/);
    expect(c?.Expiration?.getTime()).toBe(Math.floor((clock.now() - 30_000) / 1000) * 1000 + 43_200_000);
    await assume(session, { RoleArn: role(DEV, 'Admin') });
    await assume(session, { RoleArn: role(PROD, 'ReadOnly') });
    expect(await failure(assume(session, { RoleArn: role(DEV, 'Admin'), DurationSeconds: 7200 }))).toEqual({
      name: 'ValidationError',
      message:
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      status: 400,
    });
    // prod Admin wants MFA used within the hour: an hour and a minute later it is refused.
    await assume(session, { RoleArn: role(PROD, 'Admin') });
    clock.advance(3_600_000);
    expect(await failure(assume(session, { RoleArn: role(PROD, 'Admin') }))).toEqual(
      denied(ALICE, role(PROD, 'Admin')),
    );
  });

  it('GetSessionToken credentials without MFA may not call IAM', async () => {
    const token = await sandbox.sts(keysOf('bob')).send(new GetSessionTokenCommand({}));
    const c = token.Credentials;
    const session = {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
    expect(await failure(sandbox.iam(session).send(new ListRolesCommand({})))).toEqual({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid',
      status: 403,
    });
    expect(await failure(sandbox.sts(session).send(new GetSessionTokenCommand({})))).toMatchObject({
      name: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials',
    });
  });
});

describe('external ID', () => {
  it('is needed, and must match', async () => {
    const deployer = role(DEV, 'Deployer');
    const bot = `arn:aws:iam::${IDENTITY}:user/ci-bot`;
    expect(await failure(assume(keysOf('ci-bot'), { RoleArn: deployer }))).toEqual(denied(bot, deployer));
    expect(await failure(assume(keysOf('ci-bot'), { RoleArn: deployer, ExternalId: 'wrong-id' }))).toEqual(
      denied(bot, deployer),
    );
    await assume(keysOf('ci-bot'), { RoleArn: deployer, ExternalId: 'dev-deploy-1b2c' });
    await assume(keysOf('auditor'), { RoleArn: role(PROD, 'VendorAudit'), ExternalId: 'vendor-audit-7f3a' });
  });
});

describe('durations and session names', () => {
  it('refuses a duration above the role’s maximum', async () => {
    expect(
      await failure(assume(keysOf('alice'), { RoleArn: role(DEV, 'Developer'), DurationSeconds: 7200 })),
    ).toEqual({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      status: 400,
    });
  });

  it('refuses a session longer than an hour when chaining from a role', async () => {
    const { keys } = await assume(keysOf('alice'), { RoleArn: role(DEV, 'Developer') });
    expect(
      await failure(assume(keys, { RoleArn: role(DEV, 'ReadOnly'), DurationSeconds: 3601 })),
    ).toMatchObject({
      name: 'ValidationError',
      message:
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    const { out } = await assume(keys, { RoleArn: role(DEV, 'ReadOnly'), DurationSeconds: 3600 });
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/ReadOnly/test-session`);
  });

  it('refuses a session name AWS would refuse, in AWS’s words', async () => {
    expect(
      await failure(assume(keysOf('alice'), { RoleArn: role(DEV, 'Developer'), RoleSessionName: 'a:b' })),
    ).toEqual({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      status: 400,
    });
    expect(
      await failure(assume(keysOf('alice'), { RoleArn: role(DEV, 'Developer'), RoleSessionName: 'x' })),
    ).toMatchObject({
      message:
        "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    });
  });
});

describe('authentication', () => {
  it('refuses an expired session', async () => {
    const { keys } = await assume(keysOf('alice'), { RoleArn: role(DEV, 'Developer'), DurationSeconds: 900 });
    clock.advance(901_000);
    expect(await failure(sandbox.sts(keys).send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'ExpiredToken',
      message: 'The security token included in the request is expired',
      status: 403,
    });
  });

  it('refuses a wrong secret and an unknown key', async () => {
    const alice = keysOf('alice');
    expect(
      await failure(
        sandbox
          .sts({ ...alice, secretAccessKey: `${alice.secretAccessKey.slice(1)}x` })
          .send(new GetCallerIdentityCommand({})),
      ),
    ).toEqual({
      name: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      status: 403,
    });
    expect(
      await failure(
        sandbox.sts({ ...alice, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }).send(new GetCallerIdentityCommand({})),
      ),
    ).toEqual({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid',
      status: 403,
    });
  });

  it('refuses a request dated more than 15 minutes off', async () => {
    const skewed = sandbox.sts(keysOf('alice'));
    skewed.config.systemClockOffset -= 20 * 60 * 1000;
    const result = await failure(skewed.send(new GetCallerIdentityCommand({})));
    expect(result).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(result.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    const ahead = sandbox.sts(keysOf('alice'));
    ahead.config.systemClockOffset += 20 * 60 * 1000;
    const early = await failure(ahead.send(new GetCallerIdentityCommand({})));
    expect(early.message).toMatch(
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
    );
  });
});

describe('IAM reads', () => {
  it('reads roles with their trust policies URL-encoded, as IAM returns them', async () => {
    const { keys } = await assume(keysOf('alice'), { RoleArn: role(DEV, 'Developer') });
    const { Role } = await sandbox.iam(keys).send(new GetRoleCommand({ RoleName: 'admin' }));
    expect(Role).toMatchObject({
      RoleName: 'Admin',
      MaxSessionDuration: 43_200,
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    expect(Role?.AssumeRolePolicyDocument).toMatch(/^%7B%22Version%22/);
    expect(parsePolicy(Role?.AssumeRolePolicyDocument ?? '').problems).toEqual([]);
    // IAM sends the code NoSuchEntity; the SDK names its error class NoSuchEntityException.
    expect(await failure(sandbox.iam(keys).send(new GetRoleCommand({ RoleName: 'Nope' })))).toEqual({
      name: 'NoSuchEntityException',
      message: 'The role with name Nope cannot be found.',
      status: 404,
    });
  });

  it('lists MFA devices and the account alias (alice may read IAM through her group)', async () => {
    const iam = sandbox.iam(keysOf('alice'));
    expect((await iam.send(new ListMFADevicesCommand({}))).MFADevices).toEqual([
      expect.objectContaining({ UserName: 'alice', SerialNumber: ALICE_MFA }),
    ]);
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['identity']);
  });

  it('refuses IAM reads the caller’s policies do not allow', async () => {
    expect(await failure(sandbox.iam(keysOf('ci-bot')).send(new ListRolesCommand({})))).toEqual({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${IDENTITY}:user/ci-bot is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${IDENTITY}:role/* because no identity-based policy allows the iam:ListRoles action`,
      status: 403,
    });
  });
});

describe('ListRoles at scale', () => {
  it('pages through 2,500 roles with Marker and IsTruncated', async () => {
    const big = await startTestSandbox({ extraRoles: 2500 });
    try {
      const { out } = await (async () => {
        const r = await big
          .sts(big.seeded.keys.alice)
          .send(new AssumeRoleCommand({ RoleArn: role(DEV, 'Developer'), RoleSessionName: 'pager' }));
        return { out: r };
      })();
      const c = out.Credentials;
      const iam = big.iam({
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken ?? '',
      });
      const names: string[] = [];
      let pages = 0;
      for await (const page of paginateListRoles({ client: iam, pageSize: 100 }, {})) {
        pages += 1;
        names.push(...(page.Roles ?? []).map((r) => r.RoleName ?? ''));
      }
      expect(names).toHaveLength(2504);
      expect(new Set(names).size).toBe(2504);
      expect(pages).toBe(26);
      const generated = await iam.send(new ListRolesCommand({ PathPrefix: '/generated/', MaxItems: 1000 }));
      expect(generated.Roles).toHaveLength(1000);
      expect(generated.IsTruncated).toBe(true);
    } finally {
      await big.close();
    }
  });
});
