// `rolecall trust-policy`: the trust-policy builder from the command line, for scripts and CI.
// The flags fill a draft as the form's fields do, so both make the same document and refuse the
// same values; a refusal names the flag it came from.
import { type TrustDraft, type TrustPrincipal, trustPolicyOf } from '../trust-policy/draft';
import { generateExternalId } from '../trust-policy/draft-principals';
import { type TrustDraftField, trustDraftProblems } from '../trust-policy/draft-problems';

export interface TrustPolicyFlags {
  account?: readonly string[];
  principal?: readonly string[];
  service?: readonly string[];
  mfa?: boolean;
  mfaMaxAge?: string;
  externalId?: string;
  generateExternalId?: boolean;
  orgId?: string;
  sourceAccount?: string;
  sourceArn?: string;
}

/** The flag that sets each field of the draft, for naming it in a refusal. */
const FLAG_OF: Partial<
  Record<TrustDraftField, [flag: string, value: (f: TrustPolicyFlags) => string | undefined]>
> = {
  requireMfa: ['--mfa', () => undefined],
  mfaMaxAge: ['--mfa-max-age', (f) => f.mfaMaxAge],
  externalId: ['--external-id', (f) => f.externalId],
  principalOrgId: ['--org-id', (f) => f.orgId],
  sourceAccount: ['--source-account', (f) => f.sourceAccount],
  sourceArn: ['--source-arn', (f) => f.sourceArn],
};

/**
 * The trust policy the flags ask for, as JSON with a 2-space indent and a final newline, or
 * what is wrong with them (a usage error), naming the flag.
 */
export function trustPolicyForFlags(
  flags: TrustPolicyFlags,
  newExternalId: () => string = generateExternalId,
): { json: string } | { problem: string } {
  const fromFlag: { flag: string; value: string }[] = [];
  const principals: TrustPrincipal[] = [];
  const add = (flag: string, values: readonly string[] | undefined, make: (v: string) => TrustPrincipal) => {
    for (const value of values ?? []) {
      fromFlag.push({ flag, value });
      principals.push(make(value));
    }
  };
  add('--account', flags.account, (id) => ({ kind: 'account', id }));
  add('--principal', flags.principal, (arn) => ({ kind: 'arn', arn }));
  add('--service', flags.service, (service) => ({ kind: 'service', service }));
  const draft: TrustDraft = {
    principals,
    // A maximum age for the MFA code asks for MFA too.
    requireMfa: Boolean(flags.mfa) || flags.mfaMaxAge !== undefined,
    mfaMaxAge: flags.mfaMaxAge ?? '',
    externalId: flags.generateExternalId ? newExternalId() : (flags.externalId ?? ''),
    principalOrgId: flags.orgId ?? '',
    sourceIdentity: '',
    allowSessionTags: false,
    sourceAccount: flags.sourceAccount ?? '',
    sourceArn: flags.sourceArn ?? '',
  };
  const [first] = trustDraftProblems(draft);
  if (first) return { problem: flagProblem(first, fromFlag, flags) };
  return { json: `${JSON.stringify(trustPolicyOf(draft), null, 2)}\n` };
}

function flagProblem(
  { field, entry, problem }: { field: TrustDraftField; entry?: number; problem: string },
  fromFlag: readonly { flag: string; value: string }[],
  flags: TrustPolicyFlags,
): string {
  if (field === 'principals') {
    if (entry === undefined)
      return 'name who may assume the role: --account ID, --principal ARN or --service NAME (each may be given more than once).';
    const { flag, value } = fromFlag[entry] ?? { flag: 'a principal', value: '' };
    return value.trim()
      ? `${flag}: ${problem}`
      : `${flag} "${value}": an empty value; give one, or leave the flag out.`;
  }
  const [flag, typed] = FLAG_OF[field] ?? [field, () => undefined];
  const value = typed(flags);
  return `${flag}${value === undefined ? '' : ` "${value}"`}: ${problem}`;
}

/** Prints the trust policy; returns the usage problem instead when the flags have one. */
export function runTrustPolicyCommand(
  flags: TrustPolicyFlags,
  stdout: NodeJS.WritableStream,
): string | undefined {
  const outcome = trustPolicyForFlags(flags);
  if ('problem' in outcome) return outcome.problem;
  stdout.write(outcome.json);
  return undefined;
}
