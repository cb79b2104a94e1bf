// The new-role builder as drawn: what the checks say in one line, who may assume the role (each
// entry's kind and value), the conditions, the permissions, the role itself and the action rows,
// each with its findings beneath it (✗ refused, ! warned), and the trust policy's JSON beside it
// (below it on a narrow terminal). The rows that fit are the ones around the focus. The policy
// picker and the simulate panel take the form's place while open. What it does is
// trust-policy-form-state.ts's.
import { Box, Text } from 'ink';
import { DiffPreview } from '../../../components/form/diff-preview';
import { JsonLine, JsonPreview, jsonLines, jsonPreviewRows } from '../../../components/form/json-preview';
import { SteadyFormField as FormField } from '../../../components/form/steady-form-field';
import { Toggle } from '../../../components/form/toggle';
import { colour } from '../../../components/theme';
import { wrappedRows } from '../../../components/wrapped-rows';
import { COMMON_SERVICES } from '../../../src/trust-policy/draft-principals';
import { useCore } from '../../app/stores/core-context';
import { type FormRow, fieldRow, findingRow, headingRow, LABEL_WIDTH, rowsAround } from './form-rows';
import { PermissionsPicker } from './permissions-picker';
import { SimulatePanel } from './simulate-panel';
import { simulateVerdict } from './simulate-state';
import { editDiff, formDocument } from './trust-policy-editing';
import { findingsAt, findingsSummary, type Place, roleSummary } from './trust-policy-findings';
import {
  CONDITION_FIELDS,
  commonServiceIndex,
  draftOf,
  ENTRY_KINDS,
  focusedSlot,
  kindOf,
  type Slot,
  sameSlot,
  slotText,
  takesText,
} from './trust-policy-form-state';
import { actionRows, roleRows } from './trust-policy-role-fields';
import { type TrustPolicyFormWiring, useTrustPolicyForm } from './use-trust-policy-form';

export interface TrustPolicyFormProps extends TrustPolicyFormWiring {
  height: number;
  width: number;
}

/** From this width the preview is beside the form; below it, under it. */
const SIDE_BY_SIDE_COLUMNS = 100;

const VALUE_LABELS = {
  account: 'Account ID',
  arn: 'User/role ARN',
  service: 'Service',
  saml: 'Provider ARN',
  oidc: 'Provider ARN',
  github: 'Repository',
} as const;

export function TrustPolicyForm({ height, width, ...wiring }: TrustPolicyFormProps) {
  const { state, type, dispatch, checked, blocked } = useTrustPolicyForm(wiring);
  const { clock } = useCore();
  const focus = focusedSlot(state);
  const sideBySide = width >= SIDE_BY_SIDE_COLUMNS;
  const formWidth = sideBySide ? Math.floor(width * 0.5) : width - 2;
  // paddingX 1 each side, and the gap of 2 beside the form.
  const previewWidth = Math.max(10, sideBySide ? width - 2 - formWidth - 2 : width - 2);
  const diff = state.editing ? editDiff(draftOf(state), state.editing) : undefined;
  const previewLines = diff ? diff.length : jsonPreviewRows(checked.document, previewWidth).length;
  // Under the form, the preview takes a third of the rows, or less when the document is short.
  const previewHeight = sideBySide ? height : Math.min(previewLines, Math.max(2, Math.floor(height / 3)));
  const formHeight = sideBySide ? height : Math.max(1, height - previewHeight - 1);

  const findingRows = (place: Place): FormRow[] =>
    findingsAt(checked, place).map((finding, i) => findingRow(`${place}#${i}`, finding, formWidth));
  const rows: FormRow[] = [];
  const heading = (text: string) => rows.push(headingRow(text));

  heading('Who may assume it');
  rows.push(...findingRows('entries'));
  if (state.entries.entries.length === 0)
    rows.push({ key: 'none', rows: 1, node: <Text dimColor> No one yet: Ctrl-N adds an entry.</Text> });
  state.entries.entries.forEach((_, entry) => {
    const kind = kindOf(state, entry);
    const kindSlot: Slot = { at: 'kind', entry };
    const onKind = sameSlot(focus, kindSlot);
    rows.push({
      key: `kind${entry}`,
      rows: 1,
      slot: kindSlot,
      node: (
        <Box>
          <Text color={colour('accent')}>{onKind ? '› ' : '  '}</Text>
          <Box width={LABEL_WIDTH} flexShrink={0}>
            <Text bold={onKind}>Entry {entry + 1}</Text>
          </Box>
          <Text color={colour(onKind ? 'accent' : undefined)} wrap="truncate-end">
            {onKind ? `‹ ${slotText(state, kindSlot)} ›` : slotText(state, kindSlot)}
          </Text>
        </Box>
      ),
    });
    const field = (slot: Slot, label: string, placeholder: string) =>
      rows.push(fieldRow(state, focus, slot, label, placeholder, type));
    field(
      { at: 'value', entry },
      VALUE_LABELS[kind],
      ENTRY_KINDS.find((k) => k.kind === kind)?.placeholder ?? '',
    );
    if (kind === 'service') {
      const commonSlot: Slot = { at: 'common', entry };
      const onCommon = sameSlot(focus, commonSlot);
      const picked = COMMON_SERVICES[commonServiceIndex(state.entries.entries[entry] ?? '')];
      const names = COMMON_SERVICES.map((s) => s.service.replace('.amazonaws.com', '')).join(', ');
      rows.push({
        key: `common${entry}`,
        rows: 1,
        slot: commonSlot,
        node: (
          <Box>
            <Text color={colour('accent')}>{onCommon ? '› ' : '  '}</Text>
            <Box width={LABEL_WIDTH} flexShrink={0}>
              <Text bold={onCommon}>Common</Text>
            </Box>
            <Text color={colour(onCommon ? 'accent' : undefined)} dimColor={!onCommon} wrap="truncate-end">
              {onCommon
                ? `‹ ${picked ? `${picked.service.replace('.amazonaws.com', '')}: ${picked.what}` : 'choose one'} ›`
                : picked
                  ? picked.what
                  : `← → choose: ${names}`}
            </Text>
          </Box>
        ),
      });
    }
    if (kind === 'oidc') {
      field({ at: 'audience', entry }, 'Audience (aud)', 'sts.amazonaws.com');
      field({ at: 'subject', entry }, 'Subject (sub)', 'a pattern: repo:OWNER/REPO:*');
    }
    rows.push(...findingRows(`entry:${entry}`));
  });
  heading('Conditions');
  for (const condition of CONDITION_FIELDS) {
    const slot: Slot = { at: 'condition', key: condition.key };
    const focused = sameSlot(focus, slot);
    rows.push({
      key: condition.key,
      rows: 1,
      slot,
      node:
        'toggle' in condition ? (
          <Toggle label={condition.label} on={Boolean(state.conditions[condition.key])} focused={focused} />
        ) : (
          <FormField
            label={condition.label}
            labelWidth={LABEL_WIDTH}
            placeholder={condition.placeholder}
            value={slotText(state, slot)}
            focused={focused}
            onChange={(text) => type(slot, text)}
          />
        ),
    });
    rows.push(...findingRows(`condition:${condition.key}`));
  }
  // Editing: what the form cannot express is shown as it stays, never dropped.
  state.editing?.kept.forEach((statement, i) => {
    const why = `Kept as written: the form has no field for it (${state.editing?.notes[i] ?? ''}).`;
    if (i === 0) heading('Kept as written');
    rows.push({
      key: `kept${i}`,
      rows: wrappedRows(why, formWidth),
      node: <Text dimColor>{why}</Text>,
    });
    for (const [n, line] of jsonLines(statement).entries())
      rows.push({ key: `kept${i}:${n}`, rows: 1, node: <JsonLine line={`  ${line}`} /> });
  });
  rows.push(...findingRows('document'));
  if (!state.editing)
    rows.push(
      ...roleRows({
        state,
        focus,
        checked,
        policies: wiring.permissions?.policies ?? { state: 'loading' },
        width: formWidth,
        type,
      }),
    );
  rows.push(
    ...actionRows({
      focus,
      width: formWidth,
      primaryLabel: wiring.primary.label,
      blocked,
      simulate: true,
    }),
  );

  const summary = findingsSummary(checked);
  const tone = checked.errors ? 'error' : checked.warnings ? 'warning' : 'ok';
  // The field typed in wraps (text-field.tsx) where the others keep to one row: its rows count.
  const focused = rows.findIndex((row) => row.slot && sameSlot(focus, row.slot));
  const focusedRow = rows[focused];
  if (focusedRow && focus && takesText(focus))
    rows[focused] = {
      ...focusedRow,
      rows: wrappedRows(`${' '.repeat(2 + LABEL_WIDTH)}${slotText(state, focus)} `, formWidth),
    };
  const shown = rowsAround(rows, focused, formHeight - 1);
  const form = state.picker ? (
    <PermissionsPicker
      picker={state.picker}
      load={wiring.permissions?.policies ?? { state: 'loading' }}
      picked={state.picked}
      boundary={state.role.permissionsBoundary}
      height={formHeight}
      width={formWidth}
      onQuery={(text) => dispatch({ type: 'picker-query', text })}
    />
  ) : state.simulate ? (
    <SimulatePanel
      state={state.simulate}
      callers={wiring.simulate?.callers}
      result={simulateVerdict({
        state: state.simulate,
        callers: wiring.simulate?.callers ?? [],
        account: state.account,
        role: state.role,
        ...(wiring.simulate?.roleArn ? { roleArn: wiring.simulate.roleArn } : {}),
        // Editing: the document as it would be saved, the kept statements with the form's.
        trustPolicy: formDocument(draftOf(state), state.editing),
        now: clock.now(),
      })}
      width={formWidth}
      onType={(slot, text) => dispatch({ type: 'simulate-typed', slot, text })}
    />
  ) : (
    <Box flexDirection="column" width={formWidth} flexShrink={0}>
      <Text color={colour(tone)} wrap="truncate-end">
        {checked.errors ? '✗' : checked.warnings ? '!' : '✓'} {summary}
        <Text color={colour(checked.roleErrors ? 'error' : undefined)}>{roleSummary(checked)}</Text>
      </Text>
      {shown.map((row) => (
        // flexShrink 0: a row is drawn whole or not at all, never squeezed to nothing.
        <Box key={row.key} flexDirection="column" flexShrink={0}>
          {row.node}
        </Box>
      ))}
    </Box>
  );
  const preview = (
    <Box flexDirection="column" flexGrow={1} flexShrink={1} marginLeft={sideBySide ? 2 : 0}>
      {!sideBySide && (
        <Text dimColor>{diff ? 'Changes to the trust policy' : 'Trust policy'} (PgDn/PgUp scroll it)</Text>
      )}
      {diff ? (
        <DiffPreview lines={diff} height={previewHeight} offset={state.preview} />
      ) : (
        <JsonPreview
          document={checked.document}
          height={previewHeight}
          offset={state.preview}
          width={previewWidth}
        />
      )}
    </Box>
  );
  return (
    <Box flexDirection={sideBySide ? 'row' : 'column'} paddingX={1}>
      {form}
      {preview}
    </Box>
  );
}
