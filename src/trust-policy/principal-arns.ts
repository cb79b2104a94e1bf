// The user and role ARNs a trust policy names as principals: the ones IAM must find when it saves
// the policy ("Invalid principal in policy" otherwise), so the ones asked about before saving.
import { USER_OR_ROLE_ARN } from '../aws-shapes/arn';
import { parsePolicy } from '../policy/document';

/** Each user or role ARN in the document's Principal elements, once, in the order written. */
export function principalArnsIn(text: string): string[] {
  const { policy } = parsePolicy(text);
  const arns = (policy?.statements ?? []).flatMap((statement) =>
    statement.principal && statement.principal !== '*' ? statement.principal.aws : [],
  );
  return [...new Set(arns.filter((arn) => USER_OR_ROLE_ARN.test(arn)))];
}
