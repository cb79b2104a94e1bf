// An account's roles: its role profiles at once, then the roles IAM lists (a progress line while
// pages come, Esc stops), each with whether you could assume it. Only the visible rows are drawn
// and judged, so 10,000 roles scroll and filter as fast as ten.
import { Box, Text } from 'ink';
import { memo, useMemo, useRef } from 'react';
import { FilterLine } from '../components/filter-line';
import { useKeys } from '../components/keymap';
import { colour } from '../components/theme';
import { VERDICT_MARK_WIDTH, VerdictMark } from '../components/verdict-mark';
import { visibleWindow } from '../components/visible-window';
import { wrappedRows } from '../components/wrapped-rows';
import { formatDuration } from '../src/duration';
import type { Verdict } from '../src/policy/verdict';
import { type RoleRow, rowFilterText } from '../src/role-listing/role-rows';
import { rowVerdict } from '../src/verdicts/row-verdict';
import { useListFilter } from './app/hooks/use-list-filter';
import { type RoleListingState, useRoleListing } from './app/hooks/use-role-listing';
import { ACTION_KEYS, keyFor } from './app/navigation/action-keys';
import { cursorKeys } from './app/navigation/cursor-keys';
import type { RouteParams } from './app/navigation/route-params';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions } from './app/stores/ui-store';

export function RolesScreen({ entry, height, width }: ScreenProps<'roles'>) {
  const core = useCore();
  const { settings, clock } = core;
  const { open, say } = useUiActions();
  const account = entry.params.account;
  const { listing, stop, reload } = useRoleListing(account);
  const rows = listing.rows;
  // IAM's roles sort in among the role profiles when they come: the cursor follows its row's key.
  const filter = useListFilter(entry.id, rows, rowFilterText, (row) => row.key);
  const { matches, cursor, selected } = filter;
  const loading = listing.iam.state === 'loading';

  // Verdicts are worked out for drawn rows only, once each, and kept while the rows are; one
  // that counts on an MFA session is worked out again at the first redraw after it ends.
  const verdicts = useRef(new Map<string, { verdict: Verdict; until: number }>());
  // What an assume of each row would send; settings are read once: settings.read() goes to the
  // file, and this runs on every keystroke.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the settings are what it reads
  const wouldSend = useMemo(() => core.verdicts.assumeRequests(), [core.verdicts, settings]);
  const verdictOf = (row: RoleRow) => {
    const now = clock.now();
    const kept = verdicts.current.get(row.key);
    if (kept && kept.until > now) return kept.verdict;
    const caller = listing.callerOf(row);
    const verdict = rowVerdict(row, caller, { ...wouldSend(row), now });
    const until = caller?.mfaSession && caller.mfaSession.until > now ? caller.mfaSession.until : Infinity;
    verdicts.current.set(row.key, { verdict, until });
    return verdict;
  };
  // New rows or new callers (an MFA session started or dropped), new verdicts, in this frame.
  const judgedFor = useRef<unknown[]>([]);
  if (judgedFor.current[0] !== rows || judgedFor.current[1] !== listing.callerOf) {
    verdicts.current.clear();
    judgedFor.current = [rows, listing.callerOf];
  }

  const page = Math.max(1, height - 3);
  useKeys(
    [
      ...cursorKeys(filter.move, 'role', {
        letters: !filter.typing,
        page,
      }),
      ...filter.keys,
      ...(filter.typing
        ? []
        : [
            {
              keys: ['enter'],
              label: 'details',
              description:
                'Show the selected role: its trust policy in words, its policies, and what an assume needs',
              run: () => {
                const row = selected();
                if (row) open('role-detail', rowParams(account, row));
              },
            },
            {
              keys: [ACTION_KEYS.assumeRole],
              label: 'assume',
              description: 'Assume the selected role (duration, session name, region, external ID)',
              run: () => {
                const row = selected();
                if (row) open('assume', rowParams(account, row));
              },
            },
            ...(selected()?.sso
              ? [
                  {
                    keys: [ACTION_KEYS.ssoLogIn],
                    label: 'SSO login',
                    description: 'Log in to IAM Identity Center for the selected permission set',
                    run: () => {
                      const login = selected()?.sso?.login;
                      if (login) open('sso-login', { login });
                    },
                  },
                ]
              : []),
            {
              keys: ['s'],
              label: 'shell',
              description: 'Assume the selected role, then open $SHELL with its credentials',
              run: () => {
                const row = selected();
                if (row) open('assume', { ...rowParams(account, row), andThen: 'shell' });
              },
            },
            loading
              ? {
                  keys: [ACTION_KEYS.stopReading],
                  label: 'stop loading',
                  description: 'Stop reading IAM’s list of roles (the role profiles stay)',
                  run: stop,
                }
              : {
                  keys: [ACTION_KEYS.readAgain],
                  label: 'reload',
                  description: 'Read the profiles and IAM’s list of roles again',
                  run: () => {
                    say({ tone: 'info', text: 'Reading the roles again…' });
                    core.reload();
                    reload();
                  },
                },
          ]),
    ],
    { capturesText: filter.typing },
  );

  const iam = iamWords(listing.iam, listing.ssoProblem);
  const iamRows = Math.min(2, wrappedRows(iam.text, width - 2));
  const { start, end } = visibleWindow(matches.length, cursor, height - 1 - iamRows);
  return (
    <Box flexDirection="column" paddingX={1}>
      <Box height={iamRows} overflow="hidden">
        <Text color={colour(iam.tone)} dimColor={!iam.tone} wrap="wrap">
          {iam.text}
        </Text>
      </Box>
      <FilterLine
        query={filter.query}
        typing={filter.typing}
        matched={matches.length}
        total={rows.length}
        onChange={filter.setQuery}
        noun={rows.length === 1 ? 'role' : 'roles'}
      />
      {matches.slice(start, end).map(({ item }, i) => (
        <RoleLine key={item.key} row={item} verdict={verdictOf(item)} selected={start + i === cursor} />
      ))}
    </Box>
  );
}

const RoleLine = memo(function RoleLine({
  row,
  verdict,
  selected,
}: {
  row: RoleRow;
  verdict: Verdict;
  selected: boolean;
}) {
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        <Text color={colour('accent')}>{selected ? '›' : ' '}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate-end" bold={selected}>
          {row.name}{' '}
          {row.sso ? (
            <Text dimColor>IAM Identity Center{row.sso.profile ? ` · profile ${row.sso.profile}` : ''}</Text>
          ) : (
            <Text dimColor>{row.path !== '/' ? row.path : ''}</Text>
          )}
          {row.profile ? <Text dimColor> profile {row.profile.name}</Text> : ''}
        </Text>
      </Box>
      <Box flexShrink={0} marginLeft={1} width={9} justifyContent="flex-end">
        <Text dimColor>{row.iam ? `max ${formatDuration(row.iam.maxSessionSeconds)}` : ''}</Text>
      </Box>
      <Box flexShrink={0} marginLeft={1} width={VERDICT_MARK_WIDTH}>
        <VerdictMark kind={verdict.kind} />
      </Box>
    </Box>
  );
});

/** A row's screen parameters: its ARN (for the title) and, when it has one, its profile. */
function rowParams(account: string, row: RoleRow): RouteParams['role-detail'] {
  return {
    account,
    arn: row.arn,
    ...(row.profile ? { profile: row.profile.name } : {}),
    ...(row.sso
      ? {
          sso: { login: row.sso.login, role: row.sso.roleName },
          ...(row.sso.profile ? { profile: row.sso.profile } : {}),
        }
      : {}),
  };
}

/** What is known of IAM's list, in a line or two. */
function iamWords(iam: RoleListingState['iam'], ssoProblem?: string): { text: string; tone?: 'warning' } {
  // IAM Identity Center's problem first: its rows are the ones a person here came for.
  if (ssoProblem) return { text: `${ssoProblem} ${keyFor('readAgain')} asks again.`, tone: 'warning' };
  switch (iam.state) {
    case 'loading':
      return {
        text: `Reading IAM’s roles… ${iam.count ? `${iam.count.toLocaleString('en')} so far ` : ''}(${keyFor('stopReading')} stops)`,
      };
    case 'listed':
      return {
        text: `IAM’s ${iam.count.toLocaleString('en')} roles, read through ${iam.via}; ${keyFor('readAgain')} reads them again.`,
      };
    case 'stopped':
      return {
        text: `Stopped reading IAM’s roles: only the role profiles are listed; ${keyFor('readAgain')} reads them.`,
        tone: 'warning',
      };
    case 'unavailable':
      // What to do first: on a small terminal the end of this line is what gets cut.
      return {
        text: [
          iam.first && `To list IAM’s roles here, ${iam.first}, then press ${keyFor('readAgain')}.`,
          iam.why,
        ]
          .filter(Boolean)
          .join(' '),
        tone: 'warning',
      };
  }
}
