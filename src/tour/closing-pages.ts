// The walkthrough's last two pages: the check of this terminal's setup (`rolecall doctor`'s), and
// the guided setup it leads into. Words only: the check's findings are doctor's own.
import type { TourKeys } from './concept-pages';
import { WHERE_PREFIX } from './concept-pages';
import { accountWords, type TourFacts } from './tour-facts';

export interface ClosingPage {
  title: string;
  /** Before the page's own content (the findings; the start of the setup). */
  intro: string[];
  /** After it: what to press, and where rolecall shows it. */
  outro: string[];
}

export function checkPage(): ClosingPage {
  return {
    title: 'Check your setup',
    // Short before the findings: in a small terminal they are what is seen first.
    intro: ["rolecall doctor's check of this terminal's AWS setup:"],
    outro: [
      "It looks at who the AWS SDK is in this terminal (exported keys that shadow AWS_PROFILE, a stale AWS_SESSION_TOKEN), your profiles, your clock against AWS's, your MFA devices, your access keys' age, and whether your policies allow sts:AssumeRole.",
      `${WHERE_PREFIX} rolecall doctor prints the same findings in a terminal (--json for scripts), and exits 1 when one would break an assume.`,
    ],
  };
}

/**
 * Where the guided setup runs from this page: `sandbox`, this rolecall is on the sandbox already
 * (Enter starts it); `choose`, it is on the person's own accounts, and Enter practises in the
 * sandbox while `ownAccountsKey` starts it on their own accounts, as the issue has it ("in the
 * sandbox by default and against real accounts only when asked").
 */
export type SetupWhere = { on: 'sandbox' } | { on: 'choose'; ownAccountsKey: string };

export function guidedSetupPage(facts: TourFacts, keys: TourKeys, where: SetupWhere): ClosingPage {
  const home = facts.home ? accountWords(facts.home) : 'your account';
  const away = facts.away ? accountWords(facts.away) : 'the account you work in';
  const steps = `From who you are to a shell in a role of another account, in six steps, each checked with AWS before it is ticked: (1) who you are; (2) in ${away}, a role that trusts ${home} with MFA required; (3) in ${home}, permission for you to assume it; (4) the profile in your config, shown as a diff and backed up; (5) assume it with your MFA code; (6) a shell where aws sts get-caller-identity answers the role.`;
  const confirmed = 'Every write is confirmed first, listed as the API calls it makes.';
  return {
    title: 'Guided setup',
    intro:
      where.on === 'sandbox'
        ? [
            steps,
            `This rolecall runs on the sandbox: example accounts on this computer, where you are alice, new to the team. Nothing here touches a real AWS account. ${confirmed}`,
          ]
        : [
            steps,
            `Enter practises it in the sandbox: rolecall starts again on example accounts on this computer, where you are alice, new to the team, and nothing touches AWS; quitting it (q, or Ctrl-C in a field) brings you back here. ${where.ownAccountsKey} does it on your own AWS accounts instead. ${confirmed}`,
          ],
    outro: [
      `${WHERE_PREFIX} ${keys.gettingStarted} on the sessions screen opens this walkthrough again; rolecall tour --sandbox opens it with example accounts.`,
    ],
  };
}

/** The line in bold under the page's words: what the keys do. */
export function guidedSetupPrompt(where: SetupWhere): string {
  return where.on === 'sandbox'
    ? 'Press Enter to start it.'
    : `Press Enter to practise in the sandbox, or ${where.ownAccountsKey} to set it up on your own AWS accounts.`;
}
