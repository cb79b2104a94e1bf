// The walkthrough's concept pages: in the person's own names where rolecall knows them, in
// general words where it does not, each ending with where rolecall shows it, each short enough
// to read without scrolling at 80 columns.
import { describe, expect, it } from 'vitest';
import { pageRows } from '../../../screens/tour/page-rows';
import { checkPage, guidedSetupPage, guidedSetupPrompt } from '../../../src/tour/closing-pages';
import { conceptPages, type TourKeys, WHERE_PREFIX } from '../../../src/tour/concept-pages';
import type { TourFacts } from '../../../src/tour/tour-facts';
import { CONCEPT_PAGE_IDS } from '../../../src/tour/tour-pages';

const KEYS: TourKeys = {
  browseAccounts: 'b',
  openShell: 's',
  newRole: 'n',
  assumeRole: 'a',
  editTrust: 'e',
  trustedSide: 't',
  gettingStarted: 'g',
};

const ALICE: TourFacts = {
  me: { kind: 'user', name: 'alice', account: '111111111111' },
  home: { id: '111111111111', name: 'identity' },
  away: { id: '333333333333', name: 'prod', role: 'Onboarding' },
  mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
};

const text = (facts: TourFacts, keys = KEYS) =>
  Object.fromEntries(
    conceptPages(facts, keys).map((page) => [page.id, page.paragraphs.map((p) => p.text).join('\n')]),
  );

describe('the concept pages', () => {
  it('are the six concepts, in order', () => {
    expect(conceptPages(ALICE, KEYS).map((p) => p.id)).toEqual([...CONCEPT_PAGE_IDS]);
  });

  it('speak of the person by name: their user, their accounts, their role and device', () => {
    const pages = text(ALICE);
    expect(pages.accounts).toContain('Your user alice is in identity (111111111111)');
    expect(pages.accounts).toContain('such as prod (333333333333)');
    expect(pages.accounts).toContain('So prod trusts identity, where your user alice is');
    expect(pages.accounts).toContain('(user/alice · 111111111111)');
    expect(pages.policies).toContain('through a role such as Onboarding');
    expect(pages.policies).toContain('arn:aws:iam::111111111111:root');
    expect(pages.policies).toContain('a policy on alice or a group that allows sts:AssumeRole');
    expect(pages.mfa).toContain('(arn:aws:iam::111111111111:mfa/alice)');
    expect(pages.mfa).toContain('the mfa:alice row');
  });

  it('read in general words when rolecall knows nothing of the person', () => {
    const pages = text({});
    expect(pages.accounts).toContain(
      'Your user is in your own account. Your work is also in other accounts, such as another account',
    );
    expect(pages.accounts).not.toMatch(/undefined|\d{12}/);
    expect(pages.mfa).toContain('arn:aws:iam::ACCOUNT:mfa/NAME');
    for (const page of Object.values(pages)) expect(page).not.toContain('undefined');
  });

  it('each end with where rolecall shows it, naming the keys the interface binds', () => {
    const keys: TourKeys = {
      ...KEYS,
      browseAccounts: 'B',
      openShell: 'S',
      newRole: 'N',
      trustedSide: 'T',
      editTrust: 'E',
      assumeRole: 'A',
    };
    for (const page of conceptPages(ALICE, keys)) {
      const last = page.paragraphs.at(-1)?.text ?? '';
      expect(last.startsWith(WHERE_PREFIX), page.id).toBe(true);
      expect(page.paragraphs.filter((p) => p.text.startsWith(WHERE_PREFIX))).toHaveLength(1);
    }
    const pages = text(ALICE, keys);
    expect(pages.accounts).toContain('B on the sessions screen lists your accounts');
    expect(pages.credentials).toContain('S opens a shell');
    expect(pages['external-id']).toContain('(N on the accounts screen)');
    expect(pages.policies).toContain('T there gives');
    expect(pages.deny).toContain('E there edits');
  });

  it('say the AWS facts the walkthrough promises', () => {
    const pages = text(ALICE);
    expect(pages.policies).toMatch(/trust policy.*who may assume/);
    expect(pages.policies).toMatch(/permissions: what it may do/);
    expect(pages.credentials).toContain('15 minutes to 12 hours');
    expect(pages.credentials).toContain("role's maximum session duration");
    expect(pages.credentials).toContain('capped at 1 hour');
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_CREDENTIAL_EXPIRATION',
    ])
      expect(pages.credentials).toContain(name);
    expect(pages.mfa).toContain('aws:MultiFactorAuthPresent');
    expect(pages.mfa).toContain('aws:MultiFactorAuthAge');
    expect(pages.mfa).toContain('GetSessionToken');
    expect(pages['external-id']).toContain('sts:ExternalId');
    expect(pages['external-id']).toContain('confused deputy');
    expect(pages.deny).toContain('overrides every Allow');
  });

  it('fit about 20 rows at 80 columns: at most 16 rows of text under the title', () => {
    for (const page of conceptPages(ALICE, KEYS)) {
      const rows = pageRows(
        page.paragraphs.map(({ text, item }) => ({ text, tight: item ?? false, hang: item ? 3 : 0 })),
        78,
      );
      expect(rows.length, page.id).toBeLessThanOrEqual(16);
    }
  });
});

describe('the last two pages', () => {
  it('the check says it is doctor’s, and where rolecall shows it', () => {
    const page = checkPage();
    expect(page.intro.join(' ')).toContain('rolecall doctor');
    expect(page.outro.at(-1)).toMatch(new RegExp(`^${WHERE_PREFIX}`));
  });

  it('the guided setup names the person’s accounts and its six steps', () => {
    const page = guidedSetupPage(ALICE, KEYS, { on: 'sandbox' });
    const words = page.intro.join(' ');
    expect(words).toContain(
      '(2) in prod (333333333333), a role that trusts identity (111111111111) with MFA required',
    );
    expect(words).toContain('(6) a shell where aws sts get-caller-identity answers the role');
    expect(page.outro.at(-1)).toContain('g on the sessions screen opens this walkthrough again');
  });

  it('the guided setup is in the sandbox by default, on your own accounts only when asked', () => {
    const choose = { on: 'choose', ownAccountsKey: 'r' } as const;
    const words = guidedSetupPage(ALICE, KEYS, choose).intro.join(' ');
    expect(words).toContain('Enter practises it in the sandbox');
    expect(words).toContain('r does it on your own AWS accounts instead');
    expect(guidedSetupPrompt(choose)).toBe(
      'Press Enter to practise in the sandbox, or r to set it up on your own AWS accounts.',
    );
    // On the sandbox already: nothing about your own accounts, which it cannot reach.
    const sandbox = guidedSetupPage(ALICE, KEYS, { on: 'sandbox' }).intro.join(' ');
    expect(sandbox).toContain('Nothing here touches a real AWS account');
    expect(sandbox).not.toContain('own AWS accounts');
    expect(guidedSetupPrompt({ on: 'sandbox' })).toBe('Press Enter to start it.');
  });
});
