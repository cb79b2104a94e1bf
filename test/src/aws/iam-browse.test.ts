// Browsing roles and judging them, through the real SDK against the sandbox's organisation.
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountAlias, iamClientFor, listRoles, mfaDevices, roleDetail } from '../../../src/aws/iam-browse';
import { staticProvider } from '../../../src/credentials/provider';
import { verdictFor } from '../../../src/policy/verdict';
import { DEV, IDENTITY, PROD } from '../../../src/sandbox/seed';
import { type Keys, startTestSandbox, type TestSandbox, testClients } from '../../helpers/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ extraRoles: 2500 });
});
afterAll(async () => {
  await sandbox.close();
});

async function session(roleArn: string, mfa = false): Promise<Keys> {
  const out = await sandbox.sts(sandbox.seeded.keys.alice).send(
    new AssumeRoleCommand({
      RoleArn: roleArn,
      RoleSessionName: 'browser',
      ...(mfa
        ? { SerialNumber: `arn:aws:iam::${IDENTITY}:mfa/alice`, TokenCode: await sandbox.aliceCode() }
        : {}),
    }),
  );
  const c = out.Credentials;
  return {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  };
}
const iamAs = (keys: Keys) => iamClientFor(staticProvider('test', keys), 'us-east-1', testClients(sandbox));

const alice = {
  arn: `arn:aws:iam::${IDENTITY}:user/alice`,
  principalArn: `arn:aws:iam::${IDENTITY}:user/alice`,
  account: IDENTITY,
  mfa: false,
  chained: false,
};

describe('browsing roles', () => {
  it('lists every page with progress, decoded trust policies, and can be stopped', async () => {
    const iam = iamAs(await session(`arn:aws:iam::${DEV}:role/Developer`));
    const progress: number[] = [];
    const roles = await listRoles(iam, { onPage: (n) => progress.push(n) });
    expect(roles).toHaveLength(2504);
    expect(progress).toEqual([1000, 2000, 2504]);
    expect(JSON.parse(roles.find((r) => r.name === 'Admin')?.trustPolicy ?? '{}').Statement[0].Effect).toBe(
      'Allow',
    );

    const stop = new AbortController();
    const stopped = listRoles(iam, { signal: stop.signal, onPage: () => stop.abort() });
    await expect(stopped).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reads a role’s details, the caller’s MFA devices and the account alias', async () => {
    const iam = iamAs(await session(`arn:aws:iam::${DEV}:role/Developer`));
    const admin = await roleDetail(iam, 'Admin');
    expect(admin).toMatchObject({
      name: 'Admin',
      maxSessionSeconds: 43_200,
      tags: [{ key: 'team', value: 'platform' }],
      attachedPolicies: [{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
      inlinePolicies: [],
    });
    expect((await roleDetail(iam, 'Developer')).lastUsed?.region).toBe('us-east-1');
    expect(await accountAlias(iam)).toBe('dev');
    expect(await mfaDevices(iamAs(sandbox.seeded.keys.alice))).toEqual([
      { serial: `arn:aws:iam::${IDENTITY}:mfa/alice`, user: 'alice' },
    ]);
  });
});

describe('verdicts for the current identity', () => {
  it('say, for each prod role, whether alice can assume it and what she needs', async () => {
    const roles = await listRoles(iamAs(await session(`arn:aws:iam::${PROD}:role/ReadOnly`, true)));
    const verdicts = Object.fromEntries(
      roles.map((r) => [
        r.name,
        verdictFor({ ...r, account: PROD }, alice, { durationSeconds: 3600, now: Date.now() }),
      ]),
    );
    expect(Object.fromEntries(Object.entries(verdicts).map(([name, v]) => [name, v.kind]))).toEqual({
      Admin: 'needs-mfa',
      BreakGlass: 'needs-mfa',
      EC2Instance: 'denied',
      Legacy: 'dangling',
      ReadOnly: 'needs-mfa',
      VendorAudit: 'denied',
    });
    expect(verdicts.ReadOnly?.text).toBe(
      'Needs an MFA code: statement 1 requires aws:MultiFactorAuthPresent = true. Your own policies must also allow sts:AssumeRole on it.',
    );
    expect(verdicts.Legacy?.text).toContain('the trusted principal was deleted');
    expect(verdicts.EC2Instance?.text).toContain('Only the service ec2.amazonaws.com may assume this role');
  });

  it('an external ID, a session capped by the role, and one capped by chaining', async () => {
    const roles = await listRoles(iamAs(await session(`arn:aws:iam::${DEV}:role/Developer`)), {
      pathPrefix: '/',
    });
    const byName = (name: string) =>
      ({ ...(roles.find((r) => r.name === name) ?? roles[0]), account: DEV }) as never;
    const ciBot = {
      ...alice,
      arn: `arn:aws:iam::${IDENTITY}:user/ci-bot`,
      principalArn: `arn:aws:iam::${IDENTITY}:user/ci-bot`,
    };
    expect(verdictFor(byName('Deployer'), ciBot, { durationSeconds: 3600, now: Date.now() })).toEqual({
      kind: 'needs-external-id',
      text: 'Needs external ID dev-deploy-1b2c: statement 1 requires sts:ExternalId. Your own policies must also allow sts:AssumeRole on it.',
    });
    expect(
      verdictFor(byName('Deployer'), ciBot, {
        durationSeconds: 3600,
        externalId: 'dev-deploy-1b2c',
        now: Date.now(),
      }).kind,
    ).toBe('assumable');
    expect(verdictFor(byName('Developer'), alice, { durationSeconds: 7200, now: Date.now() })).toMatchObject({
      kind: 'duration-capped',
      text: 'Assumable for at most 1h: the role allows 1h. Your own policies must also allow sts:AssumeRole on it.',
    });
    const developerSession = {
      arn: `arn:aws:sts::${DEV}:assumed-role/Developer/browser`,
      principalArn: `arn:aws:iam::${DEV}:role/Developer`,
      account: DEV,
      mfa: false,
      chained: true,
    };
    expect(
      verdictFor(byName('ReadOnly'), developerSession, { durationSeconds: 7200, now: Date.now() }),
    ).toEqual({
      kind: 'duration-capped',
      text: 'Assumable for at most 1h: role chaining allows 1h.',
    });
  });
});
