// A role's trust policy, edited: the builder on the document IAM holds (what the form cannot
// express kept as written), then the diff and the call, UpdateAssumeRolePolicy made by the
// profile or session that read the role; then back to the role's details, read again. Opened
// with e on the role's details.
import { Text } from 'ink';
import { useMemo, useState } from 'react';
import { colour } from '../components/theme';
import { describeAwsError } from '../src/aws/errors';
import { rowKey } from '../src/role-listing/role-rows';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions } from './app/stores/ui-store';
import { trustPolicyEditForm } from './forms/trust-policy/trust-policy-edit-form';
import { TrustPolicyForm } from './forms/trust-policy/trust-policy-form';
import { type SaveState, TrustPolicyReview } from './trust-policy-review';
import { refusedWords } from './trust-policy-save-check';

export function EditTrustScreen({ entry, height, width }: ScreenProps<'edit-trust'>) {
  const { roleListing, clipboard } = useCore();
  const { back, ask, say, updateForm } = useUiActions();
  const { account, arn, profile, original } = entry.params;
  const row = roleListing.row(account, rowKey(arn, profile));
  const [review, setReview] = useState<{ document: string; state: SaveState }>();
  const formKey = `edit-trust:${arn}:${entry.id}`;
  const opened = useMemo(() => trustPolicyEditForm(account, original), [account, original]);
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
  const via = roleListing.readerOf(account);

  const leaveDone = () => {
    updateForm(formKey, () => undefined);
    back();
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
        save={() => {
          setReview({ ...review, state: { at: 'saving' } });
          roleListing.updateTrustPolicy(row, review.document, { expected: original }).then(
            () => {
              say({ tone: 'info', text: `Saved ${row.name}’s trust policy; its details are read again.` });
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
      primary={{
        label: 'review and save…',
        run: (document) => {
          const refused = refusedWords(document, account);
          if (refused) say({ tone: 'error', text: refused });
          else setReview({ document, state: { at: 'review' } });
        },
      }}
      copy={(json) =>
        clipboard.write(json).then(
          () => say({ tone: 'info', text: 'Copied the trust policy’s JSON.' }),
          (error: unknown) =>
            say({ tone: 'error', text: `Could not copy the trust policy’s JSON: ${String(error)}` }),
        )
      }
      leave={(changed) => {
        if (!changed) return leaveDone();
        ask({
          text: `Leave ${row.name}’s trust policy unsaved? Your changes are dropped.`,
          yes: 'leave',
          action: leaveDone,
        });
      }}
    />
  );
}
