// A role's trust policy, edited: the builder on the document IAM holds (what the form cannot
// express kept as written), then the diff and the call, UpdateAssumeRolePolicy made by the
// profile or session that read the role; then back to the role's details, read again. Opened
// with e on the role's details. Esc and q ask before a change is dropped.
import { Text, useApp } from 'ink';
import { useMemo, useState } from 'react';
import { colour } from '../components/theme';
import { describeAwsError } from '../src/aws/errors';
import { rowKey } from '../src/role-listing/role-rows';
import { documentsDiffer } from '../src/trust-policy/document-diff';
import { useAsync } from './app/hooks/use-async';
import { useCopyTrustPolicy } from './app/hooks/use-copy-trust-policy';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useQuit } from './app/shell/use-quit';
import { useCore } from './app/stores/core-context';
import { useUiActions } from './app/stores/ui-store';
import { trustPolicyEditForm } from './forms/trust-policy/trust-policy-edit-form';
import { TrustPolicyForm } from './forms/trust-policy/trust-policy-form';
import { type SaveState, TrustPolicyReview } from './trust-policy-review';
import { refusedWords } from './trust-policy-save-check';

export function EditTrustScreen({ entry, height, width }: ScreenProps<'edit-trust'>) {
  const { roleListing, roleMaking, verdicts } = useCore();
  const { back, ask, say, updateForm } = useUiActions();
  const { exit } = useApp();
  // q as everywhere (asking while sessions are live), but first about an unsaved change.
  const quitApp = useQuit(exit);
  const copy = useCopyTrustPolicy();
  const { account, arn, profile, original } = entry.params;
  const row = roleListing.row(account, rowKey(arn, profile));
  const [review, setReview] = useState<{ document: string; state: SaveState }>();
  const formKey = `edit-trust:${arn}:${entry.id}`;
  const opened = useMemo(() => trustPolicyEditForm(account, original), [account, original]);
  const callers = useAsync(() => verdicts.yourCallers(), [verdicts]);
  // Who will save it: the account's first writer (a live session there before a read-only lister).
  const writer = useAsync(() => roleMaking.caller(account), [roleMaking, account]);
  if (!row)
    return (
      <Text color={colour('warning')}>This role is not in the account’s list any more. Esc goes back.</Text>
    );
  if (!opened.ok)
    return (
      <Text color={colour('error')}>
        The role’s trust policy could not be read into the form: {opened.problem} Esc goes back.
      </Text>
    );
  const via =
    writer.state === 'loading'
      ? 'whoever may (finding out…)'
      : writer.state === 'loaded' && writer.value
        ? `${writer.value.via} (else the next of yours that may, if it is refused)`
        : undefined;

  const leaveDone = () => {
    updateForm(formKey, () => undefined);
    back();
  };
  const quit = (changed: boolean) => {
    if (!changed) return quitApp();
    ask({
      text: `Quit rolecall with ${row.name}’s trust policy unsaved? Your changes are dropped.`,
      yes: 'quit',
      action: quitApp,
    });
  };
  if (review)
    return (
      <TrustPolicyReview
        original={original}
        document={review.document}
        call={[
          `UpdateAssumeRolePolicy on ${row.name} (${arn})`,
          `as ${via ?? 'no one: IAM could not be read here'}`,
        ]}
        saveLabel="save"
        state={review.state}
        height={height}
        back={() => setReview(undefined)}
        quit={() => quit(documentsDiffer(original, review.document))}
        save={() => {
          setReview({ ...review, state: { at: 'saving' } });
          roleListing.updateTrustPolicy(row, review.document, { expected: original }).then(
            ({ via: savedAs }) => {
              say({
                tone: 'info',
                text: `Saved ${row.name}’s trust policy as ${savedAs}; its details are read again.`,
              });
              // The details screen reads the role again when it is back in front.
              leaveDone();
            },
            (error: unknown) =>
              setReview({
                ...review,
                state: {
                  at: 'failed',
                  message: describeAwsError(error, { doing: `change ${row.name}’s trust policy` }).message,
                },
              }),
          );
        }}
      />
    );
  return (
    <TrustPolicyForm
      formKey={formKey}
      account={account}
      height={height}
      width={width}
      initial={() => opened.state}
      simulate={{
        callers: callers.state === 'loaded' ? callers.value : callers.state === 'failed' ? [] : undefined,
        roleArn: arn,
      }}
      primary={{
        label: 'Review and save…',
        run: (document) => {
          const refused = refusedWords(document, account);
          if (refused) say({ tone: 'error', text: refused });
          else setReview({ document, state: { at: 'review' } });
        },
      }}
      copy={copy}
      leave={(changed) => {
        if (!changed) return leaveDone();
        ask({
          text: `Leave ${row.name}’s trust policy unsaved? Your changes are dropped.`,
          yes: 'leave',
          action: leaveDone,
        });
      }}
      leaveWords={`Back to ${row.name}’s details (asks first when something changed; a change is dropped)`}
      quit={quit}
    />
  );
}
