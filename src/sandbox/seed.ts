// The example organisation every sandbox starts with: an identity account with people and a CI
// bot, and dev and prod accounts whose roles cover each way an assume can succeed or fail.
import { generateSecret } from 'otplib';
import { type Clock, systemClock } from '../clock';
import { awsManagedPolicyArn } from './aws-managed-policies';
import type { IdentityCenterDirectory } from './identity-center';
import type { IssuedCredentials } from './model';
import { World } from './world';

export const IDENTITY = '111111111111';
export const DEV = '222222222222';
export const PROD = '333333333333';
export const VENDOR = '999999999999';

export interface SeedOptions {
  clock?: Clock;
  /** Extra roles to add to the dev account, for scale (10,000 works). */
  extraRoles?: number;
  /** alice's MFA seed (base32), for a test that types her codes; else a new random one. */
  aliceMfaSecret?: string;
  /**
   * The walkthrough's world (`rolecall tour --sandbox`): alice is new, with no permission of her
   * own to assume any role, and `lead` administers the identity account and reaches prod through
   * OrganizationAccountAccessRole, as an organisation's management account does.
   */
  newcomer?: boolean;
  /**
   * Every session the sandbox issues (AssumeRole, GetSessionToken) lasts at most this many
   * seconds, so that expiry and refresh can be watched in real time; then it is refused with
   * ExpiredToken, as AWS refuses it.
   */
  sessionSeconds?: number;
  /**
   * IAM Identity Center for the organisation (identity-center.ts): alice and bob in its directory,
   * permission sets assigned in dev and prod, each with its AWSReservedSSO_ role there.
   */
  identityCenter?: boolean;
}

export interface SeededWorld {
  world: World;
  /** Long-term keys of the people and bots, by user name. */
  keys: Record<'alice' | 'bob' | 'ci-bot' | 'auditor', IssuedCredentials> & { lead?: IssuedCredentials };
  /** Virtual MFA devices, with their TOTP seeds (base32). */
  mfa: Array<{ user: string; serial: string; secret: string }>;
  /** The Identity Center directory, when the world has one. */
  identityCenter?: IdentityCenterDirectory;
}

const VERSION = '2012-10-17';
const trust = (...statements: object[]) => ({ Version: VERSION, Statement: statements });
const allowAssume = (principal: object, condition?: object) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 'sts:AssumeRole',
  ...(condition ? { Condition: condition } : {}),
});
const identityAccount = { AWS: `arn:aws:iam::${IDENTITY}:root` };
const withMfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
const mayAssume = (...roleArns: string[]) => ({
  Version: VERSION,
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArns }],
});

export function seedWorld(options: SeedOptions = {}): SeededWorld {
  const world = new World(
    options.clock ?? systemClock,
    options.sessionSeconds === undefined ? {} : { sessionSeconds: options.sessionSeconds },
  );

  // identity: the people, and a bot for CI.
  world.addAccount(IDENTITY, 'identity');
  for (const name of ['alice', 'bob', 'ci-bot']) world.addUser(IDENTITY, name);
  for (const name of options.newcomer ? ['bob'] : ['alice', 'bob']) {
    const user = world.user(IDENTITY, name);
    user?.inlinePolicies.set(
      'assume-dev-and-prod',
      JSON.stringify(mayAssume(`arn:aws:iam::${DEV}:role/*`, `arn:aws:iam::${PROD}:role/*`)),
    );
  }
  // The people read IAM in their own account through their group, as most organisations do it.
  const engineers = world.addGroup(IDENTITY, 'engineers', ['alice', 'bob']);
  engineers.attachedPolicies.push(awsManagedPolicyArn('IAMReadOnlyAccess'));
  // And sign in to the console as themselves (GetFederationToken, named after them): what a
  // console sign-in from a plain IAM user's keys needs.
  engineers.inlinePolicies.set(
    'console-sign-in',
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:GetFederationToken',
          Resource: `arn:aws:sts::${IDENTITY}:federated-user/\${aws:username}`,
        },
      ],
    }),
  );
  world
    .user(IDENTITY, 'ci-bot')
    ?.inlinePolicies.set(
      'deploy',
      JSON.stringify(mayAssume(`arn:aws:iam::${DEV}:role/Deployer`, `arn:aws:iam::${VENDOR}:role/Reporter`)),
    );
  const aliceMfa = world.addMfaDevice(IDENTITY, 'alice', options.aliceMfaSecret ?? generateSecret());
  // Who manages the people: alice, with MFA.
  world
    .addRole(IDENTITY, 'Admin', trust(allowAssume({ AWS: `arn:aws:iam::${IDENTITY}:user/alice` }, withMfa)), {
      description: 'Manages users and their permissions, with MFA',
    })
    .attachedPolicies.push(awsManagedPolicyArn('AdministratorAccess'));

  // dev: where people build.
  world.addAccount(DEV, 'dev');
  const developer = world.addRole(DEV, 'Developer', trust(allowAssume(identityAccount)), {
    description: 'Day-to-day work in dev',
  });
  developer.attachedPolicies.push(awsManagedPolicyArn('IAMReadOnlyAccess'));
  developer.inlinePolicies.set(
    'chain-to-readonly',
    JSON.stringify(mayAssume(`arn:aws:iam::${DEV}:role/ReadOnly`)),
  );
  const devAdmin = world.addRole(DEV, 'Admin', trust(allowAssume(identityAccount, withMfa)), {
    maxSessionSeconds: 12 * 3600,
    description: 'Full control of dev, with MFA',
    tags: [{ Key: 'team', Value: 'platform' }],
  });
  devAdmin.attachedPolicies.push(awsManagedPolicyArn('AdministratorAccess'));
  world.addRole(
    DEV,
    'Deployer',
    trust(
      allowAssume(
        { AWS: `arn:aws:iam::${IDENTITY}:user/ci-bot` },
        { StringEquals: { 'sts:ExternalId': 'dev-deploy-1b2c' } },
      ),
    ),
    { description: 'What CI deploys with' },
  );
  const devReadOnly = world.addRole(
    DEV,
    'ReadOnly',
    trust(allowAssume({ AWS: [`arn:aws:iam::${IDENTITY}:root`, `arn:aws:iam::${DEV}:role/Developer`] })),
    { maxSessionSeconds: 4 * 3600, description: 'Look, do not touch' },
  );
  devReadOnly.attachedPolicies.push(awsManagedPolicyArn('ReadOnlyAccess'));
  for (let n = 1; n <= (options.extraRoles ?? 0); n++) {
    world.addRole(DEV, `Generated-${String(n).padStart(5, '0')}`, trust(allowAssume(identityAccount)), {
      path: n % 2 ? '/generated/' : '/',
    });
  }

  // prod: where care is taken.
  world.addAccount(PROD, 'prod');
  const people = { AWS: [`arn:aws:iam::${IDENTITY}:user/alice`, `arn:aws:iam::${IDENTITY}:user/bob`] };
  world
    .addRole(PROD, 'ReadOnly', trust(allowAssume(people, withMfa)))
    .attachedPolicies.push(awsManagedPolicyArn('ReadOnlyAccess'));
  world
    .addRole(
      PROD,
      'Admin',
      trust(
        allowAssume(identityAccount, { ...withMfa, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
      ),
      { description: 'Full control of prod: MFA used within the hour' },
    )
    .attachedPolicies.push(awsManagedPolicyArn('AdministratorAccess'));
  world.addRole(
    PROD,
    'BreakGlass',
    trust(allowAssume({ AWS: `arn:aws:iam::${IDENTITY}:user/alice` }), {
      Sid: 'NeverWithoutMfa',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    }),
    { description: 'Emergencies only' },
  );
  world.addRole(
    PROD,
    'VendorAudit',
    trust(allowAssume({ AWS: VENDOR }, { StringEquals: { 'sts:ExternalId': 'vendor-audit-7f3a' } })),
    { description: 'The auditors, from their own account' },
  );
  // IAM shows a deleted principal by its unique ID; the statement then matches no one.
  world.addRole(PROD, 'Legacy', trust(allowAssume({ AWS: 'AROAEXAMPLEDELETED123' })), {
    description: 'Trusted a role that was deleted since',
  });
  world.addRole(PROD, 'EC2Instance', trust(allowAssume({ Service: 'ec2.amazonaws.com' })), {
    description: 'For EC2 instances only',
  });

  // vendor: an outside company.
  world.addAccount(VENDOR, 'vendor');
  world
    .addUser(VENDOR, 'auditor')
    .inlinePolicies.set('audit', JSON.stringify(mayAssume(`arn:aws:iam::${PROD}:role/VendorAudit`)));
  // Where our CI reports what it built (and reads IAM to say so): only under a session name
  // that says it is CI.
  world
    .addRole(
      VENDOR,
      'Reporter',
      trust(
        allowAssume(
          { AWS: `arn:aws:iam::${IDENTITY}:user/ci-bot` },
          { StringLike: { 'sts:RoleSessionName': 'ci-*' } },
        ),
      ),
      { description: 'Build reports from our CI: session names like ci-*' },
    )
    .attachedPolicies.push(awsManagedPolicyArn('IAMReadOnlyAccess'));

  if (options.newcomer) {
    world.addUser(IDENTITY, 'lead').attachedPolicies.push(awsManagedPolicyArn('AdministratorAccess'));
    // What AWS Organizations makes in each account it creates: full control from the management account.
    world
      .addRole(PROD, 'OrganizationAccountAccessRole', trust(allowAssume(identityAccount)), {
        description: 'Administrators of the organisation reach prod through this',
      })
      .attachedPolicies.push(awsManagedPolicyArn('AdministratorAccess'));
  }

  const directory = options.identityCenter ? seedIdentityCenter(world) : undefined;

  return {
    world,
    ...(directory ? { identityCenter: directory } : {}),
    keys: {
      alice: world.issueUserKeys(IDENTITY, 'alice'),
      bob: world.issueUserKeys(IDENTITY, 'bob'),
      'ci-bot': world.issueUserKeys(IDENTITY, 'ci-bot'),
      auditor: world.issueUserKeys(VENDOR, 'auditor'),
      ...(options.newcomer ? { lead: world.issueUserKeys(IDENTITY, 'lead') } : {}),
    },
    mfa: [{ user: 'alice', serial: aliceMfa.serial, secret: aliceMfa.secret }],
  };
}

/**
 * Permission sets, and the role Identity Center provisions for each in every account it is
 * assigned in: AWSReservedSSO_<set>_<16 hex, the same in each account> under
 * /aws-reserved/sso.amazonaws.com/, trusting the account's AWSSSO SAML provider.
 */
const PERMISSION_SETS: Record<string, { suffix: string; policy: string }> = {
  DeveloperAccess: { suffix: '4f2a9c1e7b3d5a60', policy: 'PowerUserAccess' },
  ReadOnlyAccess: { suffix: '9b1d3e5f7a2c4e68', policy: 'ReadOnlyAccess' },
};

function seedIdentityCenter(world: World): IdentityCenterDirectory {
  const assigned: Array<[user: string, account: string, permissionSet: string]> = [
    ['alice', DEV, 'DeveloperAccess'],
    ['alice', DEV, 'ReadOnlyAccess'],
    ['alice', PROD, 'ReadOnlyAccess'],
    ['bob', DEV, 'ReadOnlyAccess'],
  ];
  const made = new Set<string>();
  const assignments = assigned.map(([user, account, permissionSet]) => {
    const set = PERMISSION_SETS[permissionSet];
    if (!set) throw new Error(`no permission set ${permissionSet}`);
    const role = `AWSReservedSSO_${permissionSet}_${set.suffix}`;
    if (!made.has(`${account}/${role}`)) {
      made.add(`${account}/${role}`);
      world
        .addRole(
          account,
          role,
          trust({
            Effect: 'Allow',
            Principal: {
              Federated: `arn:aws:iam::${account}:saml-provider/AWSSSO_5d3c1b7e9f0a2468_DO_NOT_DELETE`,
            },
            Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
            Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
          }),
          {
            path: '/aws-reserved/sso.amazonaws.com/',
            maxSessionSeconds: 3600,
            description: `Identity Center: ${permissionSet}`,
          },
        )
        .attachedPolicies.push(awsManagedPolicyArn(set.policy));
    }
    return { user, account, permissionSet, role };
  });
  return {
    users: ['alice', 'bob'],
    assignments,
    accountNames: new Map([
      [DEV, 'dev'],
      [PROD, 'prod'],
    ]),
  };
}
