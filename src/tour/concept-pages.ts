// The walkthrough's concept pages, in plain words and the person's own names where rolecall knows
// them (their user, their accounts). Each page ends with where rolecall shows what it explains.
// The facts are AWS's, checked against the IAM User Guide and the STS API Reference (see
// /work/shared/docs/aws-reference.md): the trusting and trusted accounts (IAM tutorial "Delegate
// access across AWS accounts"), DurationSeconds 900–43200 capped by MaxSessionDuration (1–12 h)
// and by role chaining (1 h), the MFA condition keys, the external ID and the confused deputy
// ("The confused deputy problem"), and "an explicit deny overrides any allows" (policy evaluation
// logic). The variables rolecall sets are those of src/shells/child-env.ts.

import { accountWords, type TourFacts } from './tour-facts';
import type { ConceptPageId } from './tour-pages';

/**
 * The keys of the screens a page points at, as the interface binds them (its action keys): the
 * core names what is done, the interface says which key does it.
 */
export interface TourKeys {
  browseAccounts: string;
  openShell: string;
  newRole: string;
  assumeRole: string;
  editTrust: string;
  trustedSide: string;
  gettingStarted: string;
}

/** A paragraph, or an item of a numbered list (drawn without a blank row before it). */
export interface ConceptParagraph {
  text: string;
  item?: boolean;
}

export interface ConceptPage {
  id: ConceptPageId;
  title: string;
  /** Drawn wrapped; the last says where rolecall shows it. */
  paragraphs: ConceptParagraph[];
}

export const WHERE_PREFIX = 'Where rolecall shows it:';

export function conceptPages(facts: TourFacts, keys: TourKeys): ConceptPage[] {
  const words = wordsFor(facts);
  return [
    accounts(words, keys),
    policies(words, keys),
    credentials(keys),
    mfa(facts, words),
    externalId(keys),
    deny(keys),
  ];
}

interface Words {
  /** "your user alice", "you" */
  you: string;
  /** "Your user alice", "You" */
  You: string;
  /** "identity (111111111111)", "your own account" */
  home: string;
  /** "identity", "your own account": the short name, once the long one was said */
  homeShort: string;
  /** "prod (333333333333)", "another account" */
  away: string;
  awayShort: string;
  /** "a role such as Onboarding", "a role" */
  role: string;
  /** "arn:aws:iam::111111111111:root" */
  homeRoot: string;
  /** "alice", "you" */
  name: string;
  /** "user/alice · 111111111111", as the header shows it */
  header?: string;
}

function wordsFor(facts: TourFacts): Words {
  const { me, home, away } = facts;
  const user = me?.kind === 'user' ? me.name : undefined;
  return {
    you: user ? `your user ${user}` : 'your user',
    You: user ? `Your user ${user}` : 'Your user',
    home: home ? accountWords(home) : 'your own account',
    homeShort: home ? (home.name ?? home.id) : 'your account',
    away: away ? accountWords(away) : 'another account',
    awayShort: away ? (away.name ?? away.id) : 'the other account',
    role: away?.role ? `a role such as ${away.role}` : 'a role',
    homeRoot: `arn:aws:iam::${home?.id ?? '111122223333'}:root`,
    name: user ?? 'you',
    ...(me && me.kind !== 'other' ? { header: `${me.kind}/${me.name} · ${me.account}` } : {}),
  };
}

function accounts(w: Words, keys: TourKeys): ConceptPage {
  return {
    id: 'accounts',
    title: 'Two accounts: the trusting and the trusted',
    paragraphs: [
      `${w.You} is in ${w.home}. Your work is also in other accounts, such as ${w.away}: there you get no user of your own, you assume a role.`,
      'A role lives in one account, the trusting account, and its trust policy names whom it trusts: the trusted account, whose people may use it.',
      `So ${w.awayShort} trusts ${w.homeShort}, where ${w.you} is: ${w.awayShort} decides who may come in, ${w.homeShort} which of its people may go. The role's temporary credentials then act in ${w.awayShort} with the role's permissions, not ${w.name === 'you' ? 'your own' : `${w.name}'s`}.`,
      `${WHERE_PREFIX} the header says who you are in this terminal${w.header ? ` (${w.header})` : ''}; ${keys.browseAccounts} on the sessions screen lists your accounts, Enter an account's roles.`,
    ].map(text),
  };
}

function policies(w: Words, keys: TourKeys): ConceptPage {
  return {
    id: 'policies',
    title: 'Three policies, and all three must agree',
    paragraphs: [
      text(`For ${w.you} to work in ${w.awayShort} through ${w.role}:`),
      item(
        `1. The role's trust policy, in ${w.awayShort}: who may assume it; say, the whole account ${w.homeShort} (${w.homeRoot}), on conditions such as MFA.`,
      ),
      item(
        `2. Your own permission, in ${w.homeShort}: a policy on ${w.name === 'you' ? 'your user' : w.name} or a group that allows sts:AssumeRole on the role's ARN.`,
      ),
      item("3. The role's permissions: what it may do once assumed."),
      text(
        'A missing 1 or 2 gets the same AccessDenied (not authorized to perform: sts:AssumeRole). Within one account, naming your user in the trust policy is enough.',
      ),
      text(
        `${WHERE_PREFIX} a role's details (Enter on a role) say who its trust policy lets in and whether you could assume it; ${keys.trustedSide} there gives the trusted account's policy. Step 7 asks AWS about yours.`,
      ),
    ],
  };
}

function credentials(keys: TourKeys): ConceptPage {
  return {
    id: 'credentials',
    title: 'Temporary credentials: how long, and where they go',
    paragraphs: [
      "An assumed role gives an access key ID, a secret access key and a session token, valid for 15 minutes to 12 hours (1 hour unless you ask for more), and never longer than the role's maximum session duration (1 to 12 hours, set by its admins).",
      "Role chaining (a role assumed with another role's credentials) is capped at 1 hour; so is a role assumed from your MFA session (next page).",
      'Programs read them from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. rolecall also sets AWS_CREDENTIAL_EXPIRATION, AWS_REGION, AWS_DEFAULT_REGION, AWS_ACCOUNT_ID and ROLECALL_PROFILE or ROLECALL_ROLE_ARN, and unsets AWS_PROFILE (with it, the JS SDK would ignore the keys).',
      `${WHERE_PREFIX} the sessions screen counts each session down; ${keys.openShell} opens a shell with its variables, rolecall env PROFILE prints them; the assume form (${keys.assumeRole} on a role) caps the duration and says why.`,
    ].map(text),
  };
}

function mfa(facts: TourFacts, w: Words): ConceptPage {
  const serial =
    facts.mfaSerial ??
    `arn:aws:iam::${facts.home?.id ?? 'ACCOUNT'}:mfa/${w.name === 'you' ? 'NAME' : w.name}`;
  const device = serial.split('/').at(-1) ?? 'NAME';
  return {
    id: 'mfa',
    title: 'MFA: a code from your device',
    paragraphs: [
      'A trust policy can require MFA: Bool aws:MultiFactorAuthPresent = true. AWS sets that key only for a request made with an MFA code; with your keys alone it is absent, and the condition fails. aws:MultiFactorAuthAge (seconds since the code) asks for a recent one.',
      `AssumeRole then sends your device's serial (${serial}) and its 6-digit code. In ~/.aws/config, mfa_serial goes on the profile with role_arn: a profile with keys ignores it.`,
      'GetSessionToken with a code gives a session that carries the MFA, so roles assumed from it need no new code: in rolecall one code serves many roles, for 12 hours (a setting).',
      `${WHERE_PREFIX} roles that need it are marked • needs MFA; the MFA screen asks for the six digits; the mfa:${device} row on the sessions screen is your MFA session.`,
    ].map(text),
  };
}

function externalId(keys: TourKeys): ConceptPage {
  return {
    id: 'external-id',
    title: 'External IDs: when a third party assumes your role',
    paragraphs: [
      "When another company (a monitoring vendor, say) works in your account, you give it a role whose trust policy names the vendor's account and requires an external ID: StringEquals sts:ExternalId.",
      'Why: the vendor assumes roles for many customers. Without the ID, another customer could give the vendor the ARN of your role, and the vendor would act in your account for them: the confused deputy. The vendor gives each customer its own ID and sends it with AssumeRole.',
      "An external ID is not a secret, and not for your own people (for them, MFA). The console's Switch Role cannot send one.",
      `${WHERE_PREFIX} roles that want one are marked • external ID; the assume form has an External ID field, filled with the last one that worked. In a new role (${keys.newRole} on the accounts screen), Ctrl-R makes one.`,
    ].map(text),
  };
}

function deny(keys: TourKeys): ConceptPage {
  return {
    id: 'deny',
    title: 'An explicit deny wins',
    paragraphs: [
      'AWS denies what no policy allows (an implicit deny), and an Allow lifts that. But a Deny statement that matches the request overrides every Allow, in whatever policy it is, and the order of the policies does not matter.',
      "A deny can come from the role's trust policy, your own policies, the role's permissions, a permissions boundary, or your organization's service control policies. So AdministratorAccess does not help where such a Deny applies.",
      `${WHERE_PREFIX} a role's details say ✗ denied, and which statement refuses you, when its trust policy would; ${keys.editTrust} there edits the trust policy, and keeps a Deny it cannot show as fields, as written.`,
    ].map(text),
  };
}

function text(words: string): ConceptParagraph {
  return { text: words };
}

function item(words: string): ConceptParagraph {
  return { text: words, item: true };
}
