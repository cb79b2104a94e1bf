// IAM keeps a trust policy's user and role principals as the unique IDs of the entities they
// named when the policy was saved. While the entity lives, the policy shows its ARN; once it is
// deleted (even if one of the same name is made again) the policy shows the bare ID and matches
// no one (aws-reference.md section 4, "Principal forms").
import type { Role } from './model';
import type { World } from './world';

/** Records the unique ID of every user and role the role's trust policy names, as IAM does on save. */
export function rememberTrustedIds(role: Role, world: World): void {
  role.trustedIds = new Map();
  for (const entry of awsPrincipals(role.trustPolicy)) {
    const id = currentId(entry, world);
    if (id) role.trustedIds.set(entry, id);
  }
}

/** The trust policy as IAM shows and evaluates it now: a deleted principal as its bare ID. */
export function effectiveTrustPolicy(role: Role, world: World): string {
  const gone = [...(role.trustedIds ?? [])].filter(([arn, id]) => currentId(arn, world) !== id);
  if (gone.length === 0) return role.trustPolicy;
  const replacements = new Map(gone);
  const document = JSON.parse(role.trustPolicy) as { Statement: unknown };
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  for (const statement of statements as Array<Record<string, unknown>>) {
    for (const element of ['Principal', 'NotPrincipal']) {
      const principal = statement[element] as { AWS?: string | string[] } | undefined;
      if (typeof principal !== 'object' || principal === null || principal.AWS === undefined) continue;
      principal.AWS = Array.isArray(principal.AWS)
        ? principal.AWS.map((a) => replacements.get(a) ?? a)
        : (replacements.get(principal.AWS) ?? principal.AWS);
    }
  }
  return JSON.stringify(document);
}

function currentId(arn: string, world: World): string | undefined {
  return world.entityByArn(arn)?.id;
}

function awsPrincipals(trustPolicy: string): string[] {
  try {
    const document = JSON.parse(trustPolicy) as { Statement: unknown };
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    return (statements as Array<Record<string, unknown>>).flatMap((statement) =>
      ['Principal', 'NotPrincipal'].flatMap((element) => {
        const aws = (statement?.[element] as { AWS?: string | string[] } | undefined)?.AWS;
        return aws === undefined ? [] : Array.isArray(aws) ? aws : [aws];
      }),
    );
  } catch {
    return [];
  }
}
