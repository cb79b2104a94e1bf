// The sandbox's state: accounts and everything in them, and the credentials issued. Methods
// here create and find things; the rules of who may do what live in sts.ts, iam.ts, authorize.ts.
import { USER_OR_ROLE_ARN } from '../aws-shapes/arn';
import type { Clock } from '../clock';
import { awsManagedPolicy } from './aws-managed-policies';
import { accessKeyId, secretAccessKey, sessionToken, uniqueId } from './ids';
import type {
  Account,
  Group,
  Identity,
  IssuedCredentials,
  ManagedPolicy,
  MfaDevice,
  Role,
  Tag,
  User,
} from './model';
import { rememberTrustedIds } from './trusted-principals';

export class World {
  readonly accounts = new Map<string, Account>();
  readonly credentials = new Map<string, IssuedCredentials>();
  #issued = 0;
  /** At most this long, whatever duration was asked for: short sessions, to watch refreshes. */
  readonly sessionSeconds: number | undefined;

  constructor(
    readonly clock: Clock,
    options: { sessionSeconds?: number } = {},
  ) {
    this.sessionSeconds = options.sessionSeconds;
  }

  addAccount(id: string, alias?: string): Account {
    const account: Account = {
      id,
      ...(alias ? { alias } : {}),
      users: new Map(),
      groups: new Map(),
      roles: new Map(),
      policies: new Map(),
      mfaDevices: new Map(),
    };
    this.accounts.set(id, account);
    return account;
  }

  account(id: string): Account {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`no account ${id} in the sandbox`);
    return account;
  }

  addUser(accountId: string, name: string, path = '/'): User {
    const user: User = {
      name,
      path,
      arn: `arn:aws:iam::${accountId}:user${path}${name}`,
      id: uniqueId('AIDA'),
      account: accountId,
      created: new Date(this.clock.now()),
      inlinePolicies: new Map(),
      attachedPolicies: [],
      groups: [],
    };
    this.account(accountId).users.set(name.toLowerCase(), user);
    return user;
  }

  addGroup(accountId: string, name: string, members: readonly string[]): Group {
    const group: Group = {
      name,
      arn: `arn:aws:iam::${accountId}:group/${name}`,
      inlinePolicies: new Map(),
      attachedPolicies: [],
    };
    this.account(accountId).groups.set(name.toLowerCase(), group);
    for (const member of members) this.user(accountId, member)?.groups.push(name);
    return group;
  }

  addRole(
    accountId: string,
    name: string,
    trustPolicy: object | string,
    options: { path?: string; maxSessionSeconds?: number; description?: string; tags?: Tag[] } = {},
  ): Role {
    const path = options.path ?? '/';
    const role: Role = {
      name,
      path,
      arn: `arn:aws:iam::${accountId}:role${path}${name}`,
      id: uniqueId('AROA'),
      account: accountId,
      created: new Date(this.clock.now()),
      trustPolicy: typeof trustPolicy === 'string' ? trustPolicy : JSON.stringify(trustPolicy),
      maxSessionSeconds: options.maxSessionSeconds ?? 3600,
      inlinePolicies: new Map(),
      attachedPolicies: [],
      tags: options.tags ?? [],
      ...(options.description ? { description: options.description } : {}),
    };
    this.account(accountId).roles.set(name.toLowerCase(), role);
    rememberTrustedIds(role, this);
    return role;
  }

  addPolicy(accountId: string, name: string, document: object | string, path = '/'): ManagedPolicy {
    const policy: ManagedPolicy = {
      name,
      path,
      arn: `arn:aws:iam::${accountId}:policy${path}${name}`,
      id: uniqueId('ANPA'),
      document: typeof document === 'string' ? document : JSON.stringify(document),
      created: new Date(this.clock.now()),
    };
    this.account(accountId).policies.set(policy.arn, policy);
    return policy;
  }

  /** A managed policy by ARN, in its account or among AWS's own. */
  policy(arn: string): ManagedPolicy | undefined {
    const account = /^arn:aws:iam::(\d{12}):policy\//.exec(arn)?.[1];
    return account ? this.accounts.get(account)?.policies.get(arn) : awsManagedPolicy(arn);
  }

  addMfaDevice(accountId: string, userName: string, secret: string): MfaDevice {
    const device: MfaDevice = {
      serial: `arn:aws:iam::${accountId}:mfa/${userName}`,
      account: accountId,
      user: userName,
      secret,
      enabled: new Date(this.clock.now()),
    };
    this.account(accountId).mfaDevices.set(device.serial, device);
    return device;
  }

  user(accountId: string, name: string): User | undefined {
    return this.accounts.get(accountId)?.users.get(name.toLowerCase());
  }

  role(accountId: string, name: string): Role | undefined {
    return this.accounts.get(accountId)?.roles.get(name.toLowerCase());
  }

  roleByArn(arn: string): Role | undefined {
    const entity = this.entityByArn(arn);
    return entity && 'trustPolicy' in entity ? entity : undefined;
  }

  /** The user or role an ARN names, if it exists with exactly that ARN (path included). */
  entityByArn(arn: string): User | Role | undefined {
    const [, , account = '', kind, name = ''] = USER_OR_ROLE_ARN.exec(arn) ?? [];
    const entity =
      kind === 'user' ? this.user(account, name) : kind === 'role' ? this.role(account, name) : undefined;
    return entity?.arn === arn ? entity : undefined;
  }

  /** Long-term keys for a user (AKIA…). */
  issueUserKeys(accountId: string, userName: string): IssuedCredentials {
    return this.#store({
      accessKeyId: accessKeyId(false),
      secretAccessKey: secretAccessKey(),
      createdAt: this.clock.now(),
      identity: { kind: 'user', account: accountId, user: userName },
    });
  }

  /**
   * Temporary credentials (ASIA…) that expire `seconds` from now, or sooner in a world of short
   * sessions (the duration asked for was still checked as AWS checks it).
   */
  issueTemporary(identity: Identity, seconds: number): IssuedCredentials {
    this.#forgetLongExpired();
    const lifetime = Math.min(seconds, this.sessionSeconds ?? seconds);
    // On a whole second: STS shows Expiration to the second, and the session ends when it says.
    // A session cut short is rounded up, so it lasts at least its few seconds: rounded down, a
    // 1-second session could end 1 ms after issue and be handed out already over.
    const round = lifetime < seconds ? Math.ceil : Math.floor;
    return this.#store({
      accessKeyId: accessKeyId(true),
      secretAccessKey: secretAccessKey(),
      sessionToken: sessionToken(),
      expiresAt: round((this.clock.now() + lifetime * 1000) / 1000) * 1000,
      identity,
    });
  }

  /**
   * Expired credentials are kept a day, so their use is answered with ExpiredToken as AWS does,
   * then forgotten, so a sandbox left running all day does not grow without end.
   */
  #forgetLongExpired(): void {
    if (++this.#issued % 1000 !== 0) return;
    const cutoff = this.clock.now() - 24 * 3600 * 1000;
    for (const [key, credentials] of this.credentials) {
      if (credentials.expiresAt !== undefined && credentials.expiresAt < cutoff) this.credentials.delete(key);
    }
  }

  #store(credentials: IssuedCredentials): IssuedCredentials {
    this.credentials.set(credentials.accessKeyId, credentials);
    return credentials;
  }
}

/** The ARN AWS reports for an identity (GetCallerIdentity, error messages, aws:PrincipalArn aside). */
export function identityArn(identity: Identity, world: World): string {
  if (identity.kind === 'role-session') {
    return `arn:aws:sts::${identity.account}:assumed-role/${identity.role}/${identity.sessionName}`;
  }
  if (identity.kind === 'federated-user')
    return `arn:aws:sts::${identity.account}:federated-user/${identity.name}`;
  return (
    world.user(identity.account, identity.user)?.arn ??
    `arn:aws:iam::${identity.account}:user/${identity.user}`
  );
}
