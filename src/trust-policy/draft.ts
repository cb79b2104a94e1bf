// The trust-policy builder's model: who may assume a role and on what conditions, one field for
// each field of the form, as typed; and the document it makes, written as the AWS docs and the
// IAM console write trust policies. Checking what was typed is draft-problems.ts's job.
import { parseDuration } from '../duration';
import {
  type OidcPrincipal,
  principalText,
  servicePrincipalName,
  type TrustPrincipal,
} from './draft-principals';

export type { OidcPrincipal, TrustPrincipal, TrustPrincipalKind } from './draft-principals';

export interface TrustDraft {
  principals: readonly TrustPrincipal[];
  /** aws:MultiFactorAuthPresent, for accounts, users and roles. */
  requireMfa: boolean;
  /** aws:MultiFactorAuthAge's limit as typed ("1h", "3600"); empty for none. */
  mfaMaxAge: string;
  /** sts:ExternalId; empty for none. */
  externalId: string;
  /** aws:PrincipalOrgID (o-…); empty for none. */
  principalOrgId: string;
  /** The sts:SourceIdentity a caller must set (a StringLike pattern); empty lets none be set. */
  sourceIdentity: string;
  /** Callers may pass session tags (sts:TagSession). */
  allowSessionTags: boolean;
  /** aws:SourceAccount, for service principals (the confused-deputy guard); empty for none. */
  sourceAccount: string;
  /** aws:SourceArn, for service principals; may hold wildcards; empty for none. */
  sourceArn: string;
}

export function emptyTrustDraft(): TrustDraft {
  return {
    principals: [],
    requireMfa: false,
    mfaMaxAge: '',
    externalId: '',
    principalOrgId: '',
    sourceIdentity: '',
    allowSessionTags: false,
    sourceAccount: '',
    sourceArn: '',
  };
}

type OneOrMore = string | string[];

export interface TrustStatement {
  Effect: 'Allow';
  Principal: { AWS: OneOrMore } | { Service: OneOrMore } | { Federated: OneOrMore };
  Action: OneOrMore;
  Condition?: Record<string, Record<string, OneOrMore>>;
}

export interface TrustPolicyDocument {
  Version: '2012-10-17';
  Statement: TrustStatement[];
}

/** The audience of the AWS sign-in page, which every SAML trust policy checks [iam-ug id_roles_create_for-idp_saml]. */
export const SAML_AUDIENCE = 'https://signin.aws.amazon.com/saml';

/**
 * The trust policy for a draft. One statement per kind of principal whose action or conditions
 * differ: accounts, users and roles (sts:AssumeRole, with MFA, external ID and organization);
 * services (sts:AssumeRole, with aws:SourceAccount/SourceArn); SAML providers
 * (sts:AssumeRoleWithSAML, SAML:aud); each OIDC provider (sts:AssumeRoleWithWebIdentity, its own
 * aud and sub keys). A value is a list only when there are several, as the console writes them.
 * Entries not yet typed in are left out, so the preview follows the form as it is filled.
 */
export function trustPolicyOf(draft: TrustDraft): TrustPolicyDocument {
  const filled = draft.principals.filter(isFilled);
  const aws = unique(
    filled.flatMap((p) =>
      p.kind === 'account' ? [`arn:aws:iam::${p.id.trim()}:root`] : p.kind === 'arn' ? [p.arn.trim()] : [],
    ),
  );
  const services = unique(
    filled.flatMap((p) => (p.kind === 'service' ? [servicePrincipalName(p.service)] : [])),
  );
  const saml = unique(filled.flatMap((p) => (p.kind === 'saml' ? [p.providerArn.trim()] : [])));
  const oidc = filled.filter((p): p is OidcPrincipal => p.kind === 'oidc');

  // Session tags and a source identity go with every way of assuming but a service's
  // [iam-ug id_session-tags, id_credentials_temp_control-access_monitor].
  const extraActions = [
    ...(draft.allowSessionTags ? ['sts:TagSession'] : []),
    ...(draft.sourceIdentity.trim() ? ['sts:SetSourceIdentity'] : []),
  ];
  const sourceIdentity = (c: Conditions) => c.add('StringLike', 'sts:SourceIdentity', [draft.sourceIdentity]);

  const statements: TrustStatement[] = [];
  if (aws.length) {
    const c = new Conditions();
    c.add('StringEquals', 'sts:ExternalId', [draft.externalId]);
    c.add('StringEquals', 'aws:PrincipalOrgID', [draft.principalOrgId]);
    sourceIdentity(c);
    if (draft.requireMfa) c.add('Bool', 'aws:MultiFactorAuthPresent', ['true']);
    const maxAge = draft.requireMfa ? parseDuration(draft.mfaMaxAge) : undefined;
    if (maxAge !== undefined) c.add('NumericLessThan', 'aws:MultiFactorAuthAge', [String(maxAge)]);
    statements.push(statement({ AWS: oneOrMore(aws) }, ['sts:AssumeRole', ...extraActions], c));
  }
  if (services.length) {
    const c = new Conditions();
    c.add('StringEquals', 'aws:SourceAccount', [draft.sourceAccount]);
    // ArnLike, not StringLike, for ARN keys (Access Analyzer's STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS).
    c.add('ArnLike', 'aws:SourceArn', [draft.sourceArn]);
    statements.push(statement({ Service: oneOrMore(services) }, ['sts:AssumeRole'], c));
  }
  if (saml.length) {
    const c = new Conditions();
    c.add('StringEquals', 'SAML:aud', [SAML_AUDIENCE]);
    sourceIdentity(c);
    statements.push(
      statement({ Federated: oneOrMore(saml) }, ['sts:AssumeRoleWithSAML', ...extraActions], c),
    );
  }
  for (const provider of oidc) {
    const host = oidcHost(provider.provider);
    const c = new Conditions();
    c.add('StringEquals', `${host}:aud`, [provider.audience]);
    // StringLike: subjects are patterns such as repo:OWNER/REPO:* [iam-ug id_roles_create_for-idp_oidc].
    c.add('StringLike', `${host}:sub`, provider.subjects);
    sourceIdentity(c);
    statements.push(
      statement(
        { Federated: provider.provider.trim() },
        ['sts:AssumeRoleWithWebIdentity', ...extraActions],
        c,
      ),
    );
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The provider's host, which names its condition keys: "token.actions.githubusercontent.com". */
export function oidcHost(provider: string): string {
  const text = provider.trim();
  const at = text.indexOf(':oidc-provider/');
  return at === -1 ? text : text.slice(at + ':oidc-provider/'.length);
}

function isFilled(principal: TrustPrincipal): boolean {
  return principalText(principal).trim() !== '';
}

function statement(
  principal: TrustStatement['Principal'],
  actions: string[],
  conditions: Conditions,
): TrustStatement {
  const condition = conditions.block();
  return {
    Effect: 'Allow',
    Principal: principal,
    Action: oneOrMore(actions),
    ...(condition ? { Condition: condition } : {}),
  };
}

/** A Condition block built key by key; a key with no values typed is left out. */
class Conditions {
  private readonly operators: Record<string, Record<string, OneOrMore>> = {};

  add(operator: string, key: string, values: readonly string[]): void {
    const filled = unique(values.map((v) => v.trim()).filter(Boolean));
    if (filled.length === 0) return;
    this.operators[operator] = { ...this.operators[operator], [key]: oneOrMore(filled) };
  }

  block(): Record<string, Record<string, OneOrMore>> | undefined {
    return Object.keys(this.operators).length ? this.operators : undefined;
  }
}

function oneOrMore(values: string[]): OneOrMore {
  return values.length === 1 ? (values[0] as string) : values;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
