// What the sandbox's AWS is made of: accounts with users, roles, policies and MFA devices, and
// the credentials it has issued.

export interface Tag {
  Key: string;
  Value: string;
}

export interface User {
  name: string;
  path: string;
  arn: string;
  /** AIDA…, as IAM gives. */
  id: string;
  account: string;
  created: Date;
  inlinePolicies: Map<string, string>;
  attachedPolicies: string[];
  /** Names of the groups the user is in; their policies apply to the user too. */
  groups: string[];
}

export interface Group {
  name: string;
  arn: string;
  inlinePolicies: Map<string, string>;
  attachedPolicies: string[];
}

export interface Role {
  name: string;
  path: string;
  arn: string;
  /** AROA…, as IAM gives. */
  id: string;
  account: string;
  created: Date;
  /** The trust policy as the JSON text it was saved with. */
  trustPolicy: string;
  /** Unique IDs of the users and roles the trust policy named when saved, by ARN. */
  trustedIds?: Map<string, string>;
  description?: string;
  maxSessionSeconds: number;
  inlinePolicies: Map<string, string>;
  attachedPolicies: string[];
  permissionsBoundary?: string;
  tags: Tag[];
  /** RoleLastUsed; its Region is optional in IAM's API, and IAM leaves it out at times. */
  lastUsed?: { date: Date; region?: string };
}

export interface ManagedPolicy {
  name: string;
  arn: string;
  /** ANPA…, as IAM gives. */
  id: string;
  path: string;
  /** Shown by GetPolicy, left out by ListPolicies (as IAM does). */
  description?: string;
  document: string;
  created: Date;
}

export interface MfaDevice {
  serial: string;
  account: string;
  /** The user it is enabled for, once enabled. */
  user?: string;
  /** Base32 TOTP seed. */
  secret: string;
  enabled?: Date;
  /** The last TOTP time step accepted: AWS refuses a code used again within its window. */
  lastTimeStep?: number;
}

export interface Account {
  id: string;
  alias?: string;
  /** Keyed by lower-cased name: IAM names are unique ignoring case. */
  users: Map<string, User>;
  groups: Map<string, Group>;
  roles: Map<string, Role>;
  policies: Map<string, ManagedPolicy>;
  mfaDevices: Map<string, MfaDevice>;
}

/** Who a set of credentials speaks for, and what they carry into the next request. */
export type Identity =
  | { kind: 'user'; account: string; user: string }
  | { kind: 'session-token'; account: string; user: string; mfaAuthenticatedAt?: number }
  /**
   * GetFederationToken's: `name` is the federated user's, `user` the IAM user who asked for it.
   * GetFederationToken takes no MFA, so its sessions carry none.
   */
  | { kind: 'federated-user'; account: string; user: string; name: string; mfaAuthenticatedAt?: undefined }
  | {
      kind: 'role-session';
      account: string;
      role: string;
      sessionName: string;
      mfaAuthenticatedAt?: number;
      sourceIdentity?: string;
      /** Assumed with temporary credentials (role chaining, or an MFA session's): capped at 1 h. */
      chained?: boolean;
    };

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Milliseconds since 1970; undefined for a user's long-term keys. */
  expiresAt?: number;
  /** When a user's long-term keys were made (ListAccessKeys' CreateDate), ms since 1970. */
  createdAt?: number;
  identity: Identity;
}
