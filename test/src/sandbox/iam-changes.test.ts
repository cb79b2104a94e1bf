// Creating a role the way the AWS docs do it by hand, and IAM's validation on the way, through
// the real AWS SDK against the sandbox.
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateVirtualMFADeviceCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  EnableMFADeviceCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let devAdmin: IAMClient;
let identityAdmin: IAMClient;

const trustAccount = (account: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
    ],
  });

async function assume(keys: Keys, roleArn: string, mfa = false): Promise<Keys> {
  const out = await sandbox.sts(keys).send(
    new AssumeRoleCommand({
      RoleArn: roleArn,
      RoleSessionName: 'builder',
      ...(mfa
        ? { SerialNumber: `arn:aws:iam::${IDENTITY}:mfa/alice`, TokenCode: await sandbox.aliceCode() }
        : {}),
    }),
  );
  return {
    accessKeyId: out.Credentials?.AccessKeyId ?? '',
    secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
    sessionToken: out.Credentials?.SessionToken ?? '',
  };
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ clock });
  devAdmin = sandbox.iam(await assume(sandbox.seeded.keys.alice, `arn:aws:iam::${DEV}:role/Admin`, true));
  // A code is good once: the second admin session takes the next one.
  clock.advance(30_000);
  identityAdmin = sandbox.iam(
    await assume(sandbox.seeded.keys.alice, `arn:aws:iam::${IDENTITY}:role/Admin`, true),
  );
});
afterAll(() => sandbox.close());

describe('creating a role as the AWS docs do it by hand', () => {
  it('CreateRole, PutRolePolicy, AttachRolePolicy, PutRolePermissionsBoundary, then a user may assume it', async () => {
    const boundary = await devAdmin.send(
      new CreatePolicyCommand({
        PolicyName: 'ReadOnlyBoundary',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }],
        }),
      }),
    );
    expect(boundary.Policy?.Arn).toBe(`arn:aws:iam::${DEV}:policy/ReadOnlyBoundary`);
    const created = await devAdmin.send(
      new CreateRoleCommand({
        RoleName: 'Auditor',
        Path: '/audit/',
        AssumeRolePolicyDocument: trustAccount(IDENTITY),
        Description: 'Reads everything',
        MaxSessionDuration: 7200,
        Tags: [{ Key: 'team', Value: 'security' }],
      }),
    );
    expect(created.Role).toMatchObject({
      Arn: `arn:aws:iam::${DEV}:role/audit/Auditor`,
      RoleId: expect.stringMatching(/^AROA/),
    });
    await devAdmin.send(
      new PutRolePolicyCommand({
        RoleName: 'Auditor',
        PolicyName: 'read-iam',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 'iam:List*', Resource: '*' },
        }),
      }),
    );
    await devAdmin.send(
      new AttachRolePolicyCommand({
        RoleName: 'Auditor',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    await devAdmin.send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: 'Auditor',
        PermissionsBoundary: boundary.Policy?.Arn,
      }),
    );

    const { Role } = await devAdmin.send(new GetRoleCommand({ RoleName: 'Auditor' }));
    expect(Role).toMatchObject({
      Description: 'Reads everything',
      MaxSessionDuration: 7200,
      PermissionsBoundary: {
        PermissionsBoundaryArn: boundary.Policy?.Arn,
        PermissionsBoundaryType: 'Policy',
      },
      Tags: [{ Key: 'team', Value: 'security' }],
    });
    expect(
      (await devAdmin.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Auditor' }))).AttachedPolicies,
    ).toEqual([{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]);
    const version = await devAdmin.send(
      new GetPolicyVersionCommand({ PolicyArn: boundary.Policy?.Arn, VersionId: 'v1' }),
    );
    expect(decodeURIComponent(version.PolicyVersion?.Document ?? '')).toContain('iam:Get*');

    // The source account's side: bob may assume it only once his own policy says so.
    await identityAdmin.send(
      new PutUserPolicyCommand({
        UserName: 'bob',
        PolicyName: 'assume-auditor',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${DEV}:role/audit/Auditor` },
          ],
        }),
      }),
    );
    await assume(sandbox.seeded.keys.bob, `arn:aws:iam::${DEV}:role/audit/Auditor`);
  });

  it('refuses a name already taken, in any case', async () => {
    expect(
      await failure(
        devAdmin.send(
          new CreateRoleCommand({ RoleName: 'developer', AssumeRolePolicyDocument: trustAccount(IDENTITY) }),
        ),
      ),
    ).toEqual({
      name: 'EntityAlreadyExistsException',
      message: 'Role with name developer already exists.',
      status: 409,
    });
  });

  it('checks names, paths and the session maximum as IAM does', async () => {
    expect(
      await failure(
        devAdmin.send(
          new CreateRoleCommand({ RoleName: 'has space', AssumeRolePolicyDocument: trustAccount(IDENTITY) }),
        ),
      ),
    ).toEqual({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'has space' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
      status: 400,
    });
    expect(
      await failure(
        devAdmin.send(
          new CreateRoleCommand({
            RoleName: 'R'.repeat(65),
            AssumeRolePolicyDocument: trustAccount(IDENTITY),
          }),
        ),
      ),
    ).toMatchObject({
      message: expect.stringContaining('Member must have length less than or equal to 64'),
    });
    expect(
      await failure(
        devAdmin.send(
          new CreateRoleCommand({
            RoleName: 'Short',
            MaxSessionDuration: 600,
            AssumeRolePolicyDocument: trustAccount(IDENTITY),
          }),
        ),
      ),
    ).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '600' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    });
  });

  it('refuses a trust policy that is not JSON, names no one real, or grants on a Resource', async () => {
    const create = (document: string) =>
      devAdmin.send(new CreateRoleCommand({ RoleName: 'Broken', AssumeRolePolicyDocument: document }));
    expect(await failure(create('{"Version": "2012-10-17",'))).toEqual({
      name: 'MalformedPolicyDocumentException',
      message: 'This policy contains invalid Json',
      status: 400,
    });
    const nobody = `arn:aws:iam::${IDENTITY}:user/nobody`;
    expect(
      await failure(
        create(
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: nobody }, Action: 'sts:AssumeRole' }],
          }),
        ),
      ),
    ).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: `Invalid principal in policy: "AWS":"${nobody}"`,
    });
    expect(
      await failure(
        create(
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }],
          }),
        ),
      ),
    ).toMatchObject({ message: 'Has prohibited field Resource' });
  });

  it('refuses a permissions policy with a Principal', async () => {
    const withPrincipal = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: IDENTITY }, Action: 'sts:AssumeRole', Resource: '*' }],
    });
    expect(
      await failure(
        devAdmin.send(
          new PutRolePolicyCommand({ RoleName: 'Developer', PolicyName: 'p', PolicyDocument: withPrincipal }),
        ),
      ),
    ).toEqual({
      name: 'MalformedPolicyDocumentException',
      message: 'Policy document should not specify a principal.',
      status: 400,
    });
  });

  it('refuses changes the caller’s policies do not allow', async () => {
    const developer = sandbox.iam(
      await assume(sandbox.seeded.keys.alice, `arn:aws:iam::${DEV}:role/Developer`),
    );
    expect(
      await failure(
        developer.send(
          new CreateRoleCommand({ RoleName: 'Sneaky', AssumeRolePolicyDocument: trustAccount(IDENTITY) }),
        ),
      ),
    ).toEqual({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::${DEV}:assumed-role/Developer/builder is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${DEV}:role/Sneaky because no identity-based policy allows the iam:CreateRole action`,
      status: 403,
    });
  });

  it('updates a trust policy, and deletes a role only once its policies are detached', async () => {
    await devAdmin.send(
      new CreateRoleCommand({ RoleName: 'Temporary', AssumeRolePolicyDocument: trustAccount(IDENTITY) }),
    );
    await devAdmin.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'Temporary', PolicyDocument: trustAccount(DEV) }),
    );
    const { Role } = await devAdmin.send(new GetRoleCommand({ RoleName: 'Temporary' }));
    expect(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')).toContain(`arn:aws:iam::${DEV}:root`);
    await devAdmin.send(
      new AttachRolePolicyCommand({
        RoleName: 'Temporary',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    expect(await failure(devAdmin.send(new DeleteRoleCommand({ RoleName: 'Temporary' })))).toEqual({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must detach all policies first.',
      status: 409,
    });
    await devAdmin.send(
      new DetachRolePolicyCommand({
        RoleName: 'Temporary',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    await devAdmin.send(new DeleteRoleCommand({ RoleName: 'Temporary' }));
    expect(await failure(devAdmin.send(new GetRoleCommand({ RoleName: 'Temporary' })))).toMatchObject({
      name: 'NoSuchEntityException',
    });
  });
});

describe('what IAM refuses or limits', () => {
  it('a permissions boundary caps what a role’s own policies grant', async () => {
    await devAdmin.send(
      new AttachRolePolicyCommand({
        RoleName: 'Auditor',
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    );
    const auditor = sandbox.iam(
      await assume(sandbox.seeded.keys.bob, `arn:aws:iam::${DEV}:role/audit/Auditor`),
    );
    await auditor.send(new GetRoleCommand({ RoleName: 'Developer' }));
    expect(
      await failure(
        auditor.send(
          new CreateRoleCommand({ RoleName: 'Escalate', AssumeRolePolicyDocument: trustAccount(IDENTITY) }),
        ),
      ),
    ).toEqual({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::${DEV}:assumed-role/Auditor/builder is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${DEV}:role/Escalate because no permissions boundary allows the iam:CreateRole action`,
      status: 403,
    });
  });

  it('a permissions statement needs a Resource, and policy names are unique ignoring case', async () => {
    const noResource = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:*' }],
    });
    expect(
      await failure(
        devAdmin.send(
          new PutRolePolicyCommand({ RoleName: 'Developer', PolicyName: 'p', PolicyDocument: noResource }),
        ),
      ),
    ).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'Policy statement must contain resources.',
    });
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }],
    });
    expect(
      await failure(
        devAdmin.send(
          new CreatePolicyCommand({
            PolicyName: 'readonlyboundary',
            Path: '/other/',
            PolicyDocument: document,
          }),
        ),
      ),
    ).toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'A policy called readonlyboundary already exists. Duplicate names are not allowed.',
    });
  });
});

describe('a trusted principal that is deleted', () => {
  it('stops matching, even when one of the same name is made again, and shows as its unique ID', async () => {
    const trusting = (arn: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: arn }, Action: 'sts:AssumeRole' }],
      });
    const trustedArn = `arn:aws:iam::${DEV}:role/Trusted`;
    const makeTrusted = () =>
      devAdmin.send(
        new CreateRoleCommand({ RoleName: 'Trusted', AssumeRolePolicyDocument: trustAccount(IDENTITY) }),
      );
    await makeTrusted();
    await devAdmin.send(
      new CreateRoleCommand({ RoleName: 'Target', AssumeRolePolicyDocument: trusting(trustedArn) }),
    );
    const fromTrusted = async () => {
      const session = await assume(sandbox.seeded.keys.bob, trustedArn);
      return sandbox
        .sts(session)
        .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${DEV}:role/Target`, RoleSessionName: 'hop' }));
    };
    expect((await fromTrusted()).AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/Target/hop`);

    await devAdmin.send(new DeleteRoleCommand({ RoleName: 'Trusted' }));
    const shown = await devAdmin.send(new GetRoleCommand({ RoleName: 'Target' }));
    expect(decodeURIComponent(shown.Role?.AssumeRolePolicyDocument ?? '')).toMatch(
      /"AWS":"AROA[A-Z0-9]{17}"/,
    );

    await makeTrusted();
    expect(await failure(fromTrusted())).toMatchObject({ name: 'AccessDenied' });
  });
});

describe('a virtual MFA device', () => {
  it('is created, enabled with two consecutive codes, and then serves GetSessionToken', async () => {
    const device = await identityAdmin.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob' }),
    );
    const serial = device.VirtualMFADevice?.SerialNumber ?? '';
    expect(serial).toBe(`arn:aws:iam::${IDENTITY}:mfa/bob`);
    const secret = Buffer.from(device.VirtualMFADevice?.Base32StringSeed ?? new Uint8Array()).toString(
      'utf8',
    );
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    const now = Math.floor(clock.now() / 1000);
    expect(
      await failure(
        identityAdmin.send(
          new EnableMFADeviceCommand({
            UserName: 'bob',
            SerialNumber: serial,
            AuthenticationCode1: '123456',
            AuthenticationCode2: '654321',
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidAuthenticationCodeException',
      message: 'Authentication code for device is not valid.',
      status: 403,
    });
    await identityAdmin.send(
      new EnableMFADeviceCommand({
        UserName: 'bob',
        SerialNumber: serial,
        AuthenticationCode1: await generate({ secret, epoch: now - 30 }),
        AuthenticationCode2: await generate({ secret, epoch: now }),
      }),
    );
    const token = await sandbox.sts(sandbox.seeded.keys.bob).send(
      new GetSessionTokenCommand({
        SerialNumber: serial,
        TokenCode: await generate({ secret, epoch: now + 30 }),
      }),
    );
    expect(token.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });
});
