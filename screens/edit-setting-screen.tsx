// Changing one setting: a text field, checked on Enter; a problem is shown and the field kept.
import { OneFieldForm } from '../components/one-field-form';
import { EDITABLE_SETTINGS } from '../src/settings/fields';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions, useUiState } from './app/stores/ui-store';

export function EditSettingScreen({ entry }: ScreenProps<'edit-setting'>) {
  const { settings } = useCore();
  const { back, setDraft, clearDraft, say } = useUiActions();
  const field = EDITABLE_SETTINGS.find((f) => f.key === entry.params.key);
  if (!field) throw new Error(`There is no setting called ${entry.params.key}.`);
  const draftKey = `setting:${field.key}`;
  const draft = useUiState((s) => s.drafts[draftKey]);

  const save = (text: string) => {
    const parsed = field.parse(text);
    if (!parsed.ok) return parsed.problem;
    try {
      settings.update(parsed.change);
    } catch (error) {
      return `Could not save: ${error instanceof Error ? error.message : String(error)}`;
    }
    clearDraft(draftKey);
    say({ tone: 'info', text: `${field.label} is now ${parsed.shown}.` });
    back();
    return undefined;
  };

  return (
    <OneFieldForm
      title={field.label}
      help={field.help}
      value={draft ?? field.show(settings.read())}
      onChange={(text) => setDraft(draftKey, text)}
      onSave={save}
      onCancel={() => {
        clearDraft(draftKey);
        back();
      }}
      saveDescription="Check the value and save it"
    />
  );
}
