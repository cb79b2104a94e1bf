// The getting-started walkthrough: one page at a time, the concepts in the person's own names,
// then the check of this terminal's setup, then the way into the guided setup: in the sandbox by
// default (a child rolecall on it, when this one is on real accounts), on the person's own
// accounts only when asked. Where it is is
// kept in settings on every page change, so it resumes there; finishing it or putting it away
// keeps it from opening by itself again.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { type KeyBinding, useKeys } from '../components/keymap';
import { useTerminalHandOff } from '../components/use-terminal-hand-off';
import { checkPage, guidedSetupPage, guidedSetupPrompt, type SetupWhere } from '../src/tour/closing-pages';
import { conceptPages, type TourKeys, WHERE_PREFIX } from '../src/tour/concept-pages';
import { type PracticeOutcome, practiseInSandbox } from '../src/tour/sandbox-practice';
import type { TourFacts } from '../src/tour/tour-facts';
import { pageAfter, positionWords, startPage, TOUR_PAGE_IDS, type TourPageId } from '../src/tour/tour-pages';
import { keyFor } from './app/navigation/action-keys';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions, useUiState } from './app/stores/ui-store';
import { checkParagraphs } from './tour/check-rows';
import { clampOffset, type Paragraph, pageRows } from './tour/page-rows';
import { ScrolledRows } from './tour/scrolled-rows';
import { Spinner } from './tour/spinner';
import { type SetupCheck, useSetupCheck } from './tour/use-setup-check';
import { useTourFacts } from './tour/use-tour-facts';

/** The keys of the config fixes on the check's page. */
const FIX_KEYS = { show: 'f', write: 'y', notNow: 'n' } as const;

/** On the last page, when this rolecall is on real accounts: the guided setup on them, not the sandbox. */
const OWN_ACCOUNTS_KEY = 'r';

/** The title, the blank row under it, and the position line at the bottom. */
const FRAME_ROWS = 3;

export function TourScreen({ entry, height, width }: ScreenProps<'tour'>) {
  const core = useCore();
  const { open, back, say, updateForm } = useUiActions();
  const facts = useTourFacts();
  const formKey = `tour-page:${entry.id}`;
  // Where this opening started: the page asked for, else where the walkthrough was left.
  const [first] = useState(() => startPage(entry.params.page, core.settings.tourProgress().page));
  // biome-ignore lint/correctness/useExhaustiveDependencies: kept once, when this opening starts
  useEffect(() => keep({ page: first }), []);
  const page = useUiState((s) => s.forms[formKey] as TourPageId | undefined) ?? first;
  const [scroll, setScroll] = useState({ page, offset: 0 });
  const { check, written, runAgain, showFixes, writeFixes } = useSetupCheck(page === 'check');
  const appTerminal = useTerminalHandOff();
  const terminal = core.handOff ?? appTerminal;
  const where: SetupWhere = core.inProcessSandbox
    ? { on: 'sandbox' }
    : { on: 'choose', ownAccountsKey: OWN_ACCOUNTS_KEY };
  /** What the last practice in the sandbox came to, said on the last page until the next. */
  const [practised, setPractised] = useState<PracticeOutcome | 'running'>();

  /** Keeps the walkthrough's progress, with what the guided setup kept; a failure is said, not thrown. */
  function keep(change: { page?: TourPageId; dismissed?: boolean }) {
    try {
      core.settings.saveTourProgress({ ...core.settings.tourProgress(), ...change });
    } catch (error) {
      say({
        tone: 'warning',
        text: `Where the walkthrough is could not be kept: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  // Handlers read the page from the store: several keys can arrive before a re-render.
  const go = (to: (now: TourPageId) => TourPageId) => {
    const next = updateForm<TourPageId>(formKey, (now) => to(now ?? first));
    keep({ page: next });
  };
  const finish = () => {
    keep({ page: 'setup', dismissed: true });
    open('guided-setup');
  };
  const practise = () => {
    if (practised === 'running') return;
    keep({ page: 'setup', dismissed: true });
    setPractised('running');
    void practiseInSandbox({
      handOff: terminal,
      self: core.selfCommand,
      env: core.env,
    }).then((outcome) => {
      setPractised(outcome);
      say(outcome);
    });
  };

  const keys: TourKeys = {
    browseAccounts: keyFor('browseAccounts'),
    openShell: keyFor('openShell'),
    newRole: keyFor('newRole'),
    assumeRole: keyFor('assumeRole'),
    editTrust: keyFor('editTrust'),
    trustedSide: keyFor('trustedSide'),
    gettingStarted: keyFor('gettingStarted'),
  };
  const { title, paragraphs } = pageContent(page, facts, keys, where, check, written, practised);
  const fix =
    page === 'check' && check?.state === 'done' && check.plan.fixed.length > 0 ? check.fix : undefined;
  const running = page === 'check' && (!check || check.state === 'running');
  const bodyRows = Math.max(1, height - FRAME_ROWS - (running ? 1 : 0));
  const rows = pageRows(paragraphs, Math.max(10, width - 2));
  const offset = clampOffset(scroll.page === page ? scroll.offset : 0, rows.length, bodyRows);
  const overflows = rows.length > bodyRows;
  const scrollBy = (by: number) =>
    setScroll((s) => ({
      page,
      offset: clampOffset((s.page === page ? s.offset : 0) + by, rows.length, bodyRows),
    }));

  const bindings: KeyBinding[] = [
    {
      keys: ['right'],
      hint: '←→',
      label: 'pages',
      description: 'The next page',
      run: () => go((now) => pageAfter(now, 1)),
    },
    {
      keys: ['left', 'backspace', 'b'],
      label: 'previous',
      description: 'The page before',
      footer: false,
      run: () => go((now) => pageAfter(now, -1)),
    },
    ...(page !== 'setup'
      ? []
      : where.on === 'sandbox'
        ? [{ keys: ['enter'], label: 'start', description: 'Start the guided setup', run: finish }]
        : [
            {
              keys: ['enter'],
              label: 'practise in the sandbox',
              description:
                'Practise the guided setup in the sandbox: rolecall starts again on example accounts; quitting it comes back here',
              run: practise,
            },
            {
              keys: [OWN_ACCOUNTS_KEY],
              label: 'my own accounts',
              description: 'Start the guided setup on your own AWS accounts',
              run: finish,
            },
          ]),
    ...(page === 'setup'
      ? []
      : [
          {
            keys: ['enter'],
            label: 'next',
            description: 'The next page',
            run: () => go((now) => pageAfter(now, 1)),
          },
        ]),
    ...TOUR_PAGE_IDS.map(
      (id, i): KeyBinding => ({
        keys: [String(i + 1)],
        label: 'step',
        description: `Step ${i + 1}: ${pageContent(id, facts, keys, where, undefined).title}`,
        footer: false,
        run: () => go(() => id),
      }),
    ),
    ...(overflows
      ? [
          {
            keys: ['up', 'k'],
            hint: '↑↓',
            label: 'scroll',
            description: 'Scroll up',
            run: () => scrollBy(-1),
          },
          {
            keys: ['down', 'j'],
            label: 'scroll',
            description: 'Scroll down',
            footer: false,
            run: () => scrollBy(1),
          },
          {
            keys: ['pageup'],
            label: 'page up',
            description: 'Scroll up a screenful',
            footer: false,
            run: () => scrollBy(-bodyRows),
          },
          {
            keys: ['pagedown'],
            label: 'page down',
            description: 'Scroll down a screenful',
            footer: false,
            run: () => scrollBy(bodyRows),
          },
        ]
      : []),
    ...(page === 'check' && !running && fix !== 'writing'
      ? [
          {
            keys: ['r'],
            label: 'check again',
            description: 'Read your AWS files again and run the check again',
            run: runAgain,
          },
        ]
      : []),
    ...(fix === 'offered'
      ? [
          {
            keys: [FIX_KEYS.show],
            label: 'fixes',
            description: 'Show the fixes to your config file as a diff (nothing is written yet)',
            run: () => showFixes(true),
          },
        ]
      : []),
    ...(fix === 'shown' && check?.state === 'done' && check.plan.edit
      ? [
          {
            keys: [FIX_KEYS.write],
            label: 'write fixes',
            description:
              'Write the fixes shown, with a copy of the file as it was beside it, then check again',
            run: writeFixes,
          },
        ]
      : []),
    ...(fix === 'shown' || typeof fix === 'object'
      ? [
          {
            keys: [FIX_KEYS.notNow],
            label: 'not now',
            description: 'Hide the fixes; the file stays as it is',
            run: () => showFixes(false),
          },
        ]
      : []),
    {
      keys: ['d'],
      label: "don't show again",
      description: `Put the walkthrough away: it no longer opens by itself (${keyFor('gettingStarted')} on the sessions screen opens it)`,
      run: () => {
        keep({ dismissed: true });
        say({
          tone: 'info',
          text: `The walkthrough is put away; ${keyFor('gettingStarted')} on the sessions screen opens it again.`,
        });
        back();
      },
    },
  ];
  useKeys(bindings);

  return (
    <Box flexDirection="column" paddingX={1} height={height}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      <Text> </Text>
      {running && <Spinner label="Checking this terminal's AWS setup…" />}
      <ScrolledRows rows={rows} height={bodyRows} offset={offset} />
      <Text dimColor wrap="truncate-end">
        {positionWords(page)}
        {overflows && offset + bodyRows < rows.length ? ' · ↓ more' : ''}
      </Text>
    </Box>
  );
}

/** A page's title and paragraphs, the last of which says where rolecall shows it. */
function pageContent(
  page: TourPageId,
  facts: TourFacts,
  keys: TourKeys,
  setupWhere: SetupWhere,
  check: SetupCheck | undefined,
  written?: string,
  practised?: PracticeOutcome | 'running',
): { title: string; paragraphs: Paragraph[] } {
  const where = (text: string): Paragraph =>
    text.startsWith(WHERE_PREFIX) ? { text, tone: 'accent' } : { text };
  if (page === 'check') {
    const { title, intro, outro } = checkPage();
    return {
      title,
      paragraphs: [...intro.map(where), ...checkParagraphs(check, FIX_KEYS, written), ...outro.map(where)],
    };
  }
  if (page === 'setup') {
    const { title, intro, outro } = guidedSetupPage(facts, keys, setupWhere);
    const back: Paragraph[] =
      practised === undefined
        ? []
        : practised === 'running'
          ? [{ text: 'rolecall is running on the sandbox…' }]
          : [{ text: practised.text, tone: practised.tone === 'error' ? 'error' : 'accent' }];
    return {
      title,
      paragraphs: [
        ...intro.map(where),
        ...back,
        { text: guidedSetupPrompt(setupWhere), bold: true },
        ...outro.map(where),
      ],
    };
  }
  const concept = conceptPages(facts, keys).find((p) => p.id === page);
  return {
    title: concept?.title ?? '',
    paragraphs: (concept?.paragraphs ?? []).map(({ text, item }) =>
      item ? { text, tight: true, hang: 3 } : where(text),
    ),
  };
}
