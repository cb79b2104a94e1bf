// STS (2011-06-15): GetCallerIdentity, GetSessionToken, AssumeRole, refusing what AWS refuses.
import { ROLE_CHAINING_MAX_SECONDS as ROLE_CHAINING_MAX } from '../aws-shapes/session-limits';
import { parsePolicy } from '../policy/document';
import { evaluatePolicy } from '../policy/evaluate';
import { awsEntryMatches } from '../policy/principal';
import type { ActionHandler } from './action';
import { authorization, requireAllowed } from './authorize';
import { AwsError, accessDenied, validationError } from './aws-error';
import { type Caller, callerContext } from './caller';
import { checkMfa } from './mfa';
import type { Identity, IssuedCredentials } from './model';
import { effectiveTrustPolicy } from './trusted-principals';
import { checkNumber, checkString, integer, required } from './validate';
import type { XmlObject } from './xml';

const SESSION_NAME = { regex: /^[\w+=,.@-]*$/, shown: '[\\w+=,.@-]*' };
const EXTERNAL_ID = { regex: /^[\w+=,.@:/-]*$/, shown: '[\\w+=,.@:\\/-]*' };
const SERIAL = { regex: /^[\w+=/:,.@-]*$/, shown: '[\\w+=/:,.@-]*' };
const TOKEN_CODE = { regex: /^\d*$/, shown: '[\\d]*' };

export const STS_ACTIONS: Record<string, ActionHandler> = {
  async GetCallerIdentity({ caller, world }) {
    const { identity } = caller;
    // A federated user's UserId is its account and name (GetFederationToken API reference).
    const userId =
      identity.kind === 'role-session'
        ? `${world.role(identity.account, identity.role)?.id}:${identity.sessionName}`
        : identity.kind === 'federated-user'
          ? `${identity.account}:${identity.name}`
          : world.user(identity.account, identity.user)?.id;
    return { UserId: userId, Account: caller.account, Arn: caller.arn };
  },

  async GetSessionToken({ params, caller, world }) {
    const { identity } = caller;
    if (identity.kind !== 'user') throw accessDenied('Cannot call GetSessionToken with session credentials');
    const duration = integer('durationSeconds', params.DurationSeconds) ?? 43_200;
    checkNumber('durationSeconds', duration, 900, 129_600);
    checkMfaParams(params);
    let mfaAuthenticatedAt: number | undefined;
    if (params.SerialNumber !== undefined || params.TokenCode !== undefined) {
      await checkMfa(
        world,
        { account: identity.account, name: identity.user },
        params.SerialNumber,
        params.TokenCode,
      );
      mfaAuthenticatedAt = world.clock.now();
    }
    const issued = world.issueTemporary(
      {
        kind: 'session-token',
        account: identity.account,
        user: identity.user,
        ...(mfaAuthenticatedAt ? { mfaAuthenticatedAt } : {}),
      },
      duration,
    );
    return { Credentials: credentialsXml(issued) };
  },

  /**
   * Credentials for a federated user, asked for with an IAM user's long-term keys; what the
   * console sign-in of a plain IAM user goes through (the federation endpoint takes no user's
   * keys). Its permissions are the user's as cut by the policy passed; the sandbox has no service
   * but IAM and STS, and a federated user may call neither (but GetCallerIdentity).
   */
  async GetFederationToken({ params, caller, world }) {
    const name = required('name', params.Name);
    checkString('name', name, { min: 2, max: 32, pattern: SESSION_NAME });
    const duration = integer('durationSeconds', params.DurationSeconds) ?? 43_200;
    checkNumber('durationSeconds', duration, 900, 129_600);
    checkString('policy', params.Policy, { min: 1, max: 2048 });
    if (params.Policy !== undefined && !parsePolicy(params.Policy).policy)
      throw new AwsError('MalformedPolicyDocument', 'The policy is not in the valid JSON format.', 400);
    const { identity } = caller;
    if (identity.kind !== 'user')
      throw accessDenied('Cannot call GetFederationToken with session credentials');
    const arn = `arn:aws:sts::${identity.account}:federated-user/${name}`;
    requireAllowed(caller, 'sts:GetFederationToken', arn, callerContext(caller, world.clock.now()));
    const issued = world.issueTemporary(
      { kind: 'federated-user', account: identity.account, user: identity.user, name },
      duration,
    );
    return {
      Credentials: credentialsXml(issued),
      FederatedUser: { FederatedUserId: `${identity.account}:${name}`, Arn: arn },
    };
  },

  async AssumeRole({ params, caller, world, region }) {
    const roleArn = required('roleArn', params.RoleArn);
    const sessionName = required('roleSessionName', params.RoleSessionName);
    checkString('roleArn', roleArn, { min: 20, max: 2048 });
    checkString('roleSessionName', sessionName, { min: 2, max: 64, pattern: SESSION_NAME });
    checkString('externalId', params.ExternalId, { min: 2, max: 1224, pattern: EXTERNAL_ID });
    checkString('sourceIdentity', params.SourceIdentity, { min: 2, max: 64, pattern: SESSION_NAME });
    const requested = integer('durationSeconds', params.DurationSeconds);
    checkNumber('durationSeconds', requested, 900, 43_200);
    checkMfaParams(params);

    const { identity } = caller;
    const now = world.clock.now();
    // The request's MFA: a code sent with it counts from now. Otherwise a session brings the MFA
    // it was made with, and passes it to the session it makes: that is how one GetSessionToken
    // code serves many roles (AWS knowledge center, iam-role-chaining-limit). That a role
    // session passes it on as well is our reading, UNVERIFIED against AWS.
    let mfaAuthenticatedAt = identity.kind === 'user' ? undefined : identity.mfaAuthenticatedAt;
    if (params.SerialNumber !== undefined || params.TokenCode !== undefined) {
      const user =
        identity.kind === 'role-session' ? undefined : { account: identity.account, name: identity.user };
      await checkMfa(world, user, params.SerialNumber, params.TokenCode);
      mfaAuthenticatedAt = now;
    }

    const context: Record<string, string> = {
      ...callerContext(caller, now, mfaAuthenticatedAt),
      'sts:RoleSessionName': sessionName,
      ...(params.ExternalId !== undefined ? { 'sts:ExternalId': params.ExternalId } : {}),
      ...(params.SourceIdentity !== undefined ? { 'sts:SourceIdentity': params.SourceIdentity } : {}),
    };

    // AWS says the same for a role that does not exist as for one the caller may not assume.
    const denied = accessDenied(
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
    const role = world.roleByArn(roleArn);
    if (!role) throw denied;
    const { policy: trust } = parsePolicy(effectiveTrustPolicy(role, world));
    if (!trust) throw denied;
    const trustFor = (action: string) =>
      evaluatePolicy(trust, {
        principal: { kind: 'aws', arn: caller.arn },
        action,
        resource: role.arn,
        context,
      });
    const trusted = trustFor('sts:AssumeRole');
    if (trusted.decision !== 'Allow') throw denied;

    // The caller's own policies must allow it too: always across accounts; in the role's own
    // account unless the trust policy names the caller itself rather than the account.
    const own = authorization(caller, 'sts:AssumeRole', role.arn, context).decision;
    if (own === 'ExplicitDeny') throw denied;
    if (own !== 'Allow' && (caller.account !== role.account || !namesCallerItself(trusted, caller)))
      throw denied;

    // Setting a source identity needs sts:SetSourceIdentity in the trust policy too.
    if (params.SourceIdentity !== undefined && trustFor('sts:SetSourceIdentity').decision !== 'Allow')
      throw denied;

    const chained = identity.kind !== 'user';
    const duration = requested ?? 3600;
    // Which of these two AWS checks first, when both fail, is UNVERIFIED: the role's own first here.
    if (duration > role.maxSessionSeconds) {
      throw validationError(
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    }
    if (chained && duration > ROLE_CHAINING_MAX) {
      throw validationError(
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
    }

    const sourceIdentity =
      params.SourceIdentity ?? (identity.kind === 'role-session' ? identity.sourceIdentity : undefined);
    const session: Identity = {
      kind: 'role-session',
      account: role.account,
      role: role.name,
      sessionName,
      ...(mfaAuthenticatedAt !== undefined ? { mfaAuthenticatedAt } : {}),
      ...(sourceIdentity ? { sourceIdentity } : {}),
      ...(chained ? { chained } : {}),
    };
    const issued = world.issueTemporary(session, duration);
    role.lastUsed = { date: new Date(now), region };
    return {
      Credentials: credentialsXml(issued),
      AssumedRoleUser: {
        AssumedRoleId: `${role.id}:${sessionName}`,
        Arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`,
      },
      ...(sourceIdentity ? { SourceIdentity: sourceIdentity } : {}),
    };
  },
};

/** STS actions a GetSessionToken session may call (GetSessionToken API reference). */
export const SESSION_TOKEN_STS_ACTIONS = new Set(['AssumeRole', 'GetCallerIdentity']);

/** STS actions a federated user may call (GetFederationToken API reference). */
export const FEDERATED_USER_STS_ACTIONS = new Set(['GetCallerIdentity']);

function checkMfaParams(params: Record<string, string>): void {
  checkString('serialNumber', params.SerialNumber, { min: 9, max: 256, pattern: SERIAL });
  checkString('tokenCode', params.TokenCode, { min: 6, max: 6, pattern: TOKEN_CODE });
}

/** Whether an Allow statement names the caller's own ARN (or its role's), not just its account. */
function namesCallerItself(evaluation: ReturnType<typeof evaluatePolicy>, caller: Caller): boolean {
  return evaluation.statements.some(
    (s) =>
      s.applies &&
      s.statement.effect === 'Allow' &&
      s.statement.principal !== undefined &&
      s.statement.principal !== '*' &&
      s.statement.principal.aws.some(
        (entry) =>
          !/^(\d{12}|arn:[\w-]+:iam::\d{12}:root|\*)$/.test(entry) && awsEntryMatches(entry, caller.arn),
      ),
  );
}

function credentialsXml(issued: IssuedCredentials): XmlObject {
  return {
    AccessKeyId: issued.accessKeyId,
    SecretAccessKey: issued.secretAccessKey,
    SessionToken: issued.sessionToken,
    Expiration: issued.expiresAt === undefined ? undefined : new Date(issued.expiresAt),
  };
}
