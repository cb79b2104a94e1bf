// Every AWS account the profiles reach, and those IAM Identity Center's portal lists (under the
// organisation's names): favourites first, then the recent ones, then the rest; `/` filters;
// Enter opens an account's roles; L logs in to Identity Center where a login is needed. A profile
// that cannot work says why, with the fix.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useReducer, useState } from 'react';
import { FilterLine } from '../components/filter-line';
import { useKeys } from '../components/keymap';
import { colour } from '../components/theme';
import { visibleWindow } from '../components/visible-window';
import { wrappedRows } from '../components/wrapped-rows';
import type { AccountsProgress, AccountsView } from '../src/accounts/accounts';
import { type AccountEntry, accountName } from '../src/accounts/group-accounts';
import { describeAwsError } from '../src/aws/errors';
import { ACCOUNT_COLOURS, type AccountColour } from '../src/settings/schema';
import { useAsync } from './app/hooks/use-async';
import { useListFilter } from './app/hooks/use-list-filter';
import { ACTION_KEYS, keyFor } from './app/navigation/action-keys';
import { cursorKeys } from './app/navigation/cursor-keys';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions } from './app/stores/ui-store';

interface AccountRow extends AccountEntry {
  favourite: boolean;
  reachedBy: string[];
}

/** Problems shown under the list; the rest are counted. */
const PROBLEMS_SHOWN = 3;

export function AccountsScreen({ entry, height, width }: ScreenProps<'accounts'>) {
  const { accounts, reload, settings } = useCore();
  const { open, say } = useUiActions();
  const [progress, setProgress] = useState<AccountsProgress>();
  const loaded = useAsync(async (signal) => {
    setProgress(undefined);
    const view = await accounts.list({ onProgress: (p) => signal.aborted || setProgress(p) });
    const reachedBy = await Promise.all(view.accounts.map((a) => accounts.reachedBy(a)));
    return { view, reachedBy };
  }, []);
  // Favourites and recents come from settings, which change under this screen (f, a label), and
  // so do the aliases learnt while it shows.
  const [edits, setEdits] = useReducer((n: number) => n + 1, 0);
  const aliasesLearnt = loaded.state === 'loaded' ? loaded.value.view.aliasesLearnt : undefined;
  useEffect(() => {
    let shown = true;
    void aliasesLearnt?.then((learnt) => shown && learnt.size > 0 && setEdits());
    return () => {
      shown = false;
    };
  }, [aliasesLearnt]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: edits stands for changed settings
  const rows = useMemo(
    () =>
      loaded.state === 'loaded'
        ? orderedRows(loaded.value.view, loaded.value.reachedBy, settings.read())
        : [],
    [loaded, edits, settings],
  );
  // By account ID: a star or a visit (a recent) moves an account up, and the cursor goes with it,
  // also on coming back from its roles.
  const filter = useListFilter(entry.id, rows, accountText, (account) => account.id);
  const { matches, cursor, selected } = filter;
  const sso = loaded.state === 'loaded' ? loaded.value.view.sso : [];
  // The login L makes: the selected account's, else the first that needs one, else the first.
  const loginToMake =
    selected()?.ssoLogins?.[0] ??
    (sso.find((s) => s.state === 'login-needed') ?? sso.find((s) => s.state === 'failed') ?? sso[0])?.login
      .key;

  useKeys(
    [
      ...cursorKeys(filter.move, 'account', {
        letters: !filter.typing,
      }),
      ...filter.keys,
      ...(filter.typing
        ? []
        : [
            {
              keys: ['enter'],
              label: 'roles',
              description: 'Open the selected account’s roles',
              run: () => {
                const account = selected();
                if (!account) return;
                settings.noteRecent(account.id);
                open('roles', { account: account.id, name: nameOf(account) });
              },
            },
            ...(loginToMake
              ? [
                  {
                    keys: [ACTION_KEYS.ssoLogIn],
                    label: 'SSO login',
                    description: `Log in to IAM Identity Center (${loginToMake}): its accounts and permission sets are listed then`,
                    run: () => open('sso-login', { login: loginToMake }),
                  },
                ]
              : []),
            {
              keys: [ACTION_KEYS.readAgain],
              label: 'reload',
              description: 'Read your AWS profiles again (after editing ~/.aws/config)',
              run: () => {
                reload();
                loaded.reload();
              },
            },
            {
              keys: ['f'],
              label: 'favourite',
              description: 'Star or un-star the selected account (starred ones come first)',
              run: () => {
                const account = selected();
                if (!account) return;
                const starred = settings.toggleFavourite(account.id);
                say({
                  tone: 'info',
                  text: `${nameOf(account)} ${starred ? 'is a favourite' : 'is no longer a favourite'}.`,
                });
                setEdits();
              },
            },
            {
              keys: ['l'],
              label: 'label',
              description: 'Give the selected account a name of your own',
              run: () => {
                const account = selected();
                if (account) open('account-label', { account: account.id });
              },
            },
            {
              keys: [ACTION_KEYS.newRole],
              label: 'new role',
              description:
                'Build a new role’s trust policy in the selected account: who may assume it, on what conditions',
              run: () => {
                const account = selected();
                if (account) open('trust-policy', { account: account.id, name: nameOf(account) });
              },
            },
            {
              keys: ['o'],
              label: 'colour',
              description: 'Change the colour the selected account is shown in',
              run: () => {
                const account = selected();
                if (!account) return;
                const next = nextColour(account.colour);
                settings.labelAccount(account.id, {
                  ...(account.label ? { label: account.label } : {}),
                  ...(next ? { colour: next } : {}),
                });
                setEdits();
              },
            },
          ]),
    ],
    { capturesText: filter.typing },
  );

  if (loaded.state === 'loading')
    return <Text dimColor> Reading your AWS profiles…{progressWords(progress)}</Text>;
  if (loaded.state === 'failed') {
    return (
      <Text color={colour('error')} wrap="wrap">
        {describeAwsError(loaded.error, { doing: 'read your AWS profiles' }).message} {keyFor('readAgain')}{' '}
        reads them again.
      </Text>
    );
  }
  const { view } = loaded.value;
  const ssoLines = sso
    .filter((s) => s.state !== 'listed')
    .map((s) =>
      s.state === 'login-needed'
        ? {
            // What to do first: a line cut on a short terminal keeps it.
            text: `IAM Identity Center ${s.login.key}: not logged in, so only its profiles are listed; ${keyFor('ssoLogIn')} logs in (${s.login.startUrl}).`,
            tone: 'warning' as const,
          }
        : {
            text: `IAM Identity Center ${s.login.key}: ${s.why} ${keyFor('readAgain')} asks again.`,
            tone: 'error' as const,
          },
    );
  // The list keeps a few rows: on a short terminal each login's line is cut to one row, and the
  // lines that do not fit then are left out (L still logs in).
  const ssoRoom = Math.max(0, height - 1 - 3);
  const ssoWhole = ssoLines.reduce((rows, line) => rows + wrappedRows(line.text, width - 2), 0);
  const ssoCut = ssoWhole > ssoRoom;
  const ssoShown = ssoCut ? ssoLines.slice(0, ssoRoom) : ssoLines;
  const ssoRows = ssoCut ? ssoShown.length : ssoWhole;
  const problems = [
    ...view.findings.map((f) => `${f.profile}: ${f.problem} ${f.fix}`),
    ...view.unplaced.map((p) => {
      const why = view.unplacedWhy.get(p);
      return why
        ? `${p}: ${why} Its account is unknown until then; r asks again.`
        : `${p}: AWS did not say whose its keys are, so its account is unknown; r asks again. Check them with aws sts get-caller-identity --profile ${p}.`;
    }),
  ];
  // Problems wrap, so their fix can be read; the list keeps at least a few rows.
  const shown = problems.slice(0, PROBLEMS_SHOWN);
  const problemRows = problems.length
    ? 2 +
      shown.reduce((rows, problem) => rows + wrappedRows(`• ${problem}`, width - 2), 0) +
      (problems.length > PROBLEMS_SHOWN ? 1 : 0)
    : 0;
  const { start, end } = visibleWindow(matches.length, cursor, height - 1 - problemRows - ssoRows);
  return (
    <Box flexDirection="column" paddingX={1}>
      <FilterLine
        query={filter.query}
        typing={filter.typing}
        matched={matches.length}
        total={rows.length}
        onChange={filter.setQuery}
        noun={rows.length === 1 ? 'account' : 'accounts'}
      />
      {ssoShown.map((line) => (
        <Text key={line.text} color={colour(line.tone)} wrap={ssoCut ? 'truncate-end' : 'wrap'}>
          {line.text}
        </Text>
      ))}
      {rows.length === 0 && (
        <Text wrap="wrap">
          No accounts: {view.configFile} has no profiles with keys or roles. Try rolecall --sandbox.
        </Text>
      )}
      {matches.slice(start, end).map(({ item }, i) => (
        <AccountLine key={item.id} account={item} selected={start + i === cursor} />
      ))}
      {problems.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text color={colour('warning')}>
            {problems.length} profile problem{problems.length === 1 ? '' : 's'} in {view.configFile}:
          </Text>
          {shown.map((problem) => (
            <Text key={problem} wrap="wrap">
              • {problem}
            </Text>
          ))}
          {problems.length > PROBLEMS_SHOWN && (
            <Text dimColor>… and {problems.length - PROBLEMS_SHOWN} more.</Text>
          )}
        </Box>
      )}
    </Box>
  );
}

function AccountLine({ account, selected }: { account: AccountRow; selected: boolean }) {
  const roles = account.roleProfiles.length;
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        <Text color={colour('accent')}>{selected ? '›' : ' '}</Text>
      </Box>
      <Box width={2} flexShrink={0}>
        <Text color={colour('warning')}>{account.favourite ? '★' : ' '}</Text>
      </Box>
      <Box flexShrink={0} marginRight={1}>
        <Text wrap="truncate-end" bold={selected}>
          <Text color={account.colour}>{nameOf(account)}</Text>
          {nameOf(account) !== account.id ? <Text dimColor> {account.id}</Text> : ''}
          {account.alias && account.alias !== nameOf(account) ? <Text dimColor> ({account.alias})</Text> : ''}
        </Text>
      </Box>
      {/* The name stays whole; what reaches the account gives way on a narrow terminal. */}
      <Box flexGrow={1} flexShrink={1} justifyContent="flex-end">
        <Text dimColor wrap="truncate-end">
          {roles} role profile{roles === 1 ? '' : 's'}
          {account.reachedBy.length ? ` · via ${account.reachedBy.join(', ')}` : ''}
          {account.ssoLogins?.length ? ' · IAM Identity Center' : ''}
        </Text>
      </Box>
    </Box>
  );
}

function nameOf(account: AccountEntry): string {
  return accountName(account);
}

function accountText(account: AccountRow): string {
  return [
    account.label,
    account.portalName,
    account.alias,
    account.id,
    ...account.roleProfiles,
    ...account.identityProfiles,
  ]
    .filter(Boolean)
    .join(' ');
}

/** Favourites in the order starred, then recents, most recent first, then the rest by name. */
function orderedRows(
  view: AccountsView,
  reachedBy: string[][],
  settings: {
    favourites: string[];
    recents: string[];
    accounts: Record<string, { label?: string; colour?: AccountColour }>;
    accountAliases: Record<string, string>;
  },
): AccountRow[] {
  const rank = (id: string) => {
    const favourite = settings.favourites.indexOf(id);
    if (favourite >= 0) return favourite;
    const recent = settings.recents.indexOf(id);
    return recent >= 0 ? 1000 + recent : 2000;
  };
  return view.accounts
    .map((account, i) => ({
      ...account,
      // Saved labels may have changed since the accounts were read, and aliases been learnt.
      alias: account.alias ?? settings.accountAliases[account.id],
      label: settings.accounts[account.id]?.label,
      colour: settings.accounts[account.id]?.colour,
      favourite: settings.favourites.includes(account.id),
      reachedBy: reachedBy[i] ?? [],
      order: i,
    }))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.order - b.order);
}

function nextColour(current: AccountColour | undefined): AccountColour | undefined {
  const at = current ? ACCOUNT_COLOURS.indexOf(current) : -1;
  return ACCOUNT_COLOURS[at + 1];
}

/** How far the accounts have got, after "Reading your AWS profiles…": a large config takes a while. */
function progressWords(progress: AccountsProgress | undefined): string {
  if (!progress) return '';
  const count = (n: number) => n.toLocaleString('en');
  if (progress.step === 'reading')
    return ` ${count(Math.min(progress.done, progress.total))} of ${count(progress.total)}`;
  return ` asking AWS which account each key profile is in: ${count(progress.done)} of ${count(progress.total)}`;
}
