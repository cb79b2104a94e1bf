// An account's roles as the roles screen shows them: the role profiles at once, IAM's list when
// it comes (with its progress), and a way to stop the reading or ask again.
import { useEffect, useRef, useState } from 'react';
import { describeAwsError } from '../../../src/aws/errors';
import type { IamState } from '../../../src/role-listing/role-listing';
import type { RoleRow } from '../../../src/role-listing/role-rows';
import type { RowCaller } from '../../../src/verdicts/row-verdict';
import { useCore } from '../stores/core-context';
import { useUiActions } from '../stores/ui-store';

export interface RoleListingState {
  rows: RoleRow[];
  iam: IamState | { state: 'loading'; count: number };
  /** Why IAM Identity Center's permission sets could not be listed here. */
  ssoProblem?: string;
  callerOf: (row: RoleRow) => RowCaller | undefined;
}

export function useRoleListing(account: string): {
  listing: RoleListingState;
  stop: () => void;
  reload: () => void;
} {
  const { roleListing, verdicts, sessions } = useCore();
  const { say } = useUiActions();
  const [listing, setListing] = useState<RoleListingState>({
    rows: [],
    iam: { state: 'loading', count: 0 },
    callerOf: () => undefined,
  });
  const [round, setRound] = useState(0);
  const latest = useRef(listing);
  latest.current = listing;
  const controller = useRef<AbortController>(undefined);
  useEffect(() => {
    const stopper = new AbortController();
    controller.current = stopper;
    const live = () => !stopper.signal.aborted || stopper.signal.reason === 'stopped';
    const failed = (doing: string) => (error: unknown) => {
      if (!live()) return;
      setListing((l) => ({
        ...l,
        iam: { state: 'unavailable', why: describeAwsError(error, { doing }).message },
      }));
    };
    // Each step's failure is said on the listing's line, or it would say "Reading…" for ever.
    void roleListing.profileRows(account).then(async (rows) => {
      if (!live()) return;
      let callerOf: RoleListingState['callerOf'];
      try {
        callerOf = await verdicts.callersOf(rows);
      } catch (error) {
        setListing({ rows, iam: { state: 'loading', count: 0 }, callerOf: () => undefined });
        failed('work out who would assume these roles')(error);
        return;
      }
      if (!live()) return;
      setListing({ rows, iam: { state: 'loading', count: 0 }, callerOf });
      try {
        const listed = await roleListing.roles(account, {
          signal: stopper.signal,
          refresh: round > 0,
          // Progress redraws at most once per page (1,000 roles), so a long list stays calm.
          onPage: (count) => live() && setListing((l) => ({ ...l, iam: { state: 'loading', count } })),
        });
        if (!live()) return;
        setListing({ ...listed, callerOf: await verdicts.callersOf(listed.rows) });
      } catch (error) {
        failed('list the roles')(error);
      }
    }, failed('read the account’s role profiles'));
    return () => stopper.abort('left');
  }, [account, round, roleListing, verdicts]);
  // An MFA session that starts, or is dropped (AWS refused it), changes whom a code is asked of:
  // the callers, and so the marks, are worked out again.
  useEffect(
    () =>
      sessions.on((event) => {
        if (!event.session.origin.mfaSerial || (event.type !== 'added' && event.type !== 'dropped')) return;
        const rows = latest.current.rows;
        void verdicts
          .callersOf(rows)
          .then((callerOf) => setListing((l) => (l.rows === rows ? { ...l, callerOf } : l)));
      }),
    [sessions, verdicts],
  );
  return {
    listing,
    stop: () => {
      controller.current?.abort('stopped');
      say({ tone: 'info', text: 'Stopped reading IAM’s roles.' });
    },
    reload: () => setRound((r) => r + 1),
  };
}
