// IAM (2010-05-08), what `rolecall doctor` reads about the caller: a user's access keys
// (ListAccessKeys, never the secret) and SimulatePrincipalPolicy, which evaluates a user's or
// role's identity policies (its own, its groups', managed and inline; a role's boundary too)
// with the sandbox's policy engine. Authorized first, as IAM checks permission before it looks
// the entity up.
import { type ActionHandler, authorizeIam, namedUser } from './action';
import { authorization } from './authorize';
import { noSuchEntity, validationError } from './aws-error';
import { callerOf } from './caller';
import { required } from './validate';

/** Name.member.1, Name.member.2…, as the Query protocol sends a list of strings. */
function members(params: Record<string, string>, name: string): string[] {
  const list: string[] = [];
  for (let n = 1; params[`${name}.member.${n}`] !== undefined; n++)
    list.push(params[`${name}.member.${n}`] ?? '');
  return list;
}

/** SimulatePrincipalPolicy's decisions, spelled as IAM spells EvalDecision. */
const DECISIONS = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' } as const;

export const IAM_DOCTOR_ACTIONS: Record<string, ActionHandler> = {
  async ListAccessKeys(input) {
    const user = namedUser(input, 'ListAccessKeys', { defaultToCaller: true });
    const keys = [...input.world.credentials.values()].filter(
      (c) =>
        c.expiresAt === undefined &&
        c.identity.kind === 'user' &&
        c.identity.account === user.account &&
        c.identity.user.toLowerCase() === user.name.toLowerCase(),
    );
    return {
      UserName: user.name,
      AccessKeyMetadata: keys.map((k) => ({
        UserName: user.name,
        AccessKeyId: k.accessKeyId,
        Status: 'Active',
        CreateDate: new Date(k.createdAt ?? user.created.getTime()),
      })),
      IsTruncated: false,
    };
  },

  async SimulatePrincipalPolicy(input) {
    const source = required('policySourceArn', input.params.PolicySourceArn);
    const actions = members(input.params, 'ActionNames');
    if (actions.length === 0)
      throw validationError(
        "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null",
      );
    const resources = members(input.params, 'ResourceArns');
    authorizeIam(input, 'SimulatePrincipalPolicy', source);
    const entity = input.world.entityByArn(source);
    if (!entity) throw noSuchEntity(`The user or role with ARN ${source} cannot be found.`);
    const account = entity.arn.split(':')[4] ?? '';
    const principal = source.includes(':user/')
      ? callerOf({ kind: 'user', account, user: entity.name }, input.world)
      : callerOf(
          { kind: 'role-session', account, role: entity.name, sessionName: 'simulation' },
          input.world,
        );
    // Nothing of the caller's request context goes in: IAM's simulation knows only the
    // ContextEntries given (none here), so a condition on a key it lacks does not match.
    const results = actions.flatMap((action) =>
      (resources.length ? resources : ['*']).map((resource) => ({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: DECISIONS[authorization(principal, action, resource, {}).decision],
      })),
    );
    return { EvaluationResults: results, IsTruncated: false };
  },
};
