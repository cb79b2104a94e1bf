// `rolecall trust-policy --edit FILE`: the builder on a file's trust policy, with no account to
// read (the file's provider account, or none); then the diff and "save to FILE", which writes it
// back (src/commands/trust-policy-edit-command.ts) and quits. Esc or q with unsaved changes asks.
import { Text, useApp } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { colour } from '../components/theme';
import { documentsDiffer } from '../src/trust-policy/document-diff';
import { useCopyTrustPolicy } from './app/hooks/use-copy-trust-policy';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useUiActions } from './app/stores/ui-store';
import { trustPolicyEditForm } from './forms/trust-policy/trust-policy-edit-form';
import { TrustPolicyForm } from './forms/trust-policy/trust-policy-form';
import { type SaveState, TrustPolicyReview } from './trust-policy-review';
import { refusedWords } from './trust-policy-save-check';

export function TrustPolicyFileScreen({ entry, height, width }: ScreenProps<'trust-policy-file'>) {
  const { file } = entry.params;
  const copy = useCopyTrustPolicy();
  const { ask, say } = useUiActions();
  const { exit } = useApp();
  const [review, setReview] = useState<{ document: string; state: SaveState }>();
  const opened = useMemo(() => trustPolicyEditForm(file.account, file.original), [file]);
  const refusal = opened.ok
    ? undefined
    : `Cannot edit ${file.name}${opened.line ? `, line ${opened.line}` : ''}: ${opened.problem.replace(/\.?$/, '.')} Nothing was written.`;
  // cli.ts refuses such a file before the interface opens; should one get here, it is said and
  // rolecall ends as cli.ts would have (exit 2), rather than crashing.
  useEffect(() => {
    if (!refusal) return;
    file.refuse(refusal);
    exit();
  }, [refusal, file, exit]);
  if (!opened.ok) return <Text color={colour('error')}>{refusal}</Text>;
  const leave = (changed: boolean) => {
    if (!changed) return exit();
    ask({
      text: `Quit without saving ${file.name}? Your changes are dropped; the file stays as it was.`,
      yes: 'quit',
      action: exit,
    });
  };
  if (review)
    return (
      <TrustPolicyReview
        original={file.original}
        document={review.document}
        call={[`Writes ${file.path}, replacing it whole (its mode and owner kept).`]}
        saveLabel={`save to ${file.name}`}
        state={review.state}
        height={height}
        back={() => setReview(undefined)}
        quit={() => leave(documentsDiffer(file.original, review.document))}
        save={() => {
          setReview({ ...review, state: { at: 'saving' } });
          void file
            .save(review.document)
            .then((saved) =>
              saved.ok ? exit() : setReview({ ...review, state: { at: 'failed', message: saved.message } }),
            );
        }}
      />
    );
  return (
    <TrustPolicyForm
      formKey={`trust-policy-file:${file.path}`}
      account={file.account}
      height={height}
      width={width}
      initial={() => opened.state}
      primary={{
        label: `save to ${file.name}…`,
        run: (document) => {
          const refused = refusedWords(document, file.account);
          if (refused) say({ tone: 'error', text: refused });
          else setReview({ document, state: { at: 'review' } });
        },
      }}
      // No AWS here: Simulate judges an ARN typed.
      simulate={{ callers: [] }}
      copy={copy}
      leave={leave}
      leaveWords={`Quit without saving ${file.name} (asks first when something changed)`}
      quit={leave}
    />
  );
}
