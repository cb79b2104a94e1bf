// Naming an account: the label shown instead of its ID, saved in settings (empty removes it).
import { OneFieldForm } from '../components/one-field-form';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions, useUiState } from './app/stores/ui-store';

const MAX_LABEL = 64;

export function AccountLabelScreen({ entry }: ScreenProps<'account-label'>) {
  const { settings } = useCore();
  const { back, setDraft, clearDraft, say } = useUiActions();
  const account = entry.params.account;
  const draftKey = `label:${account}`;
  const saved = settings.read().accounts[account];
  const draft = useUiState((s) => s.drafts[draftKey]);

  const save = (text: string) => {
    try {
      settings.labelAccount(account, { label: text, ...(saved?.colour ? { colour: saved.colour } : {}) });
    } catch (error) {
      return `Could not save: ${error instanceof Error ? error.message : String(error)}`;
    }
    clearDraft(draftKey);
    say({
      tone: 'info',
      text: text.trim() ? `${account} is now called ${text.trim()}.` : `${account} has no label now.`,
    });
    back();
    return undefined;
  };

  return (
    <OneFieldForm
      title={`Label for account ${account}`}
      help="Shown instead of the account ID in rolecall, and in the names of sessions of roles that have no profile. Saved in rolecall’s settings, not in your AWS files."
      value={draft ?? saved?.label ?? ''}
      onChange={(text) => setDraft(draftKey, text)}
      onSave={save}
      onCancel={() => {
        clearDraft(draftKey);
        back();
      }}
      saveDescription="Save the label (an empty one removes it)"
      placeholder="prod, staging, …"
      maxLength={MAX_LABEL}
    />
  );
}
