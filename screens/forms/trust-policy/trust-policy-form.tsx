// The trust-policy builder as drawn: what the checks say in one line, who may assume the role
// (each entry's kind and value), the conditions, each with its findings beneath it (✗ refused,
// ! warned), and the JSON the form makes beside it (below it on a narrow terminal). The rows
// that fit are the ones around the focus. What it does is trust-policy-form-state.ts's.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { DiffPreview } from '../../../components/form/diff-preview';
import { ErrorLine } from '../../../components/form/error-line';
import { FormField } from '../../../components/form/form-field';
import { JsonLine, JsonPreview, jsonLines } from '../../../components/form/json-preview';
import { Toggle } from '../../../components/form/toggle';
import { WarningLine } from '../../../components/form/warning-line';
import { colour } from '../../../components/theme';
import { wrappedRows } from '../../../components/wrapped-rows';
import { COMMON_SERVICES } from '../../../src/trust-policy/draft-principals';
import { editDiff } from './trust-policy-editing';
import {
  type FormFinding,
  findingsAt,
  findingsSummary,
  type Place,
  trustPolicyFindings,
} from './trust-policy-findings';
import {
  CONDITION_FIELDS,
  draftOf,
  ENTRY_KINDS,
  focusedSlot,
  kindOf,
  type Slot,
  sameSlot,
  slotText,
} from './trust-policy-form-state';
import { type TrustPolicyFormWiring, useTrustPolicyForm } from './use-trust-policy-form';

export interface TrustPolicyFormProps extends TrustPolicyFormWiring {
  height: number;
  width: number;
}

/** From this width the preview is beside the form; below it, under it. */
const SIDE_BY_SIDE_COLUMNS = 100;
const LABEL_WIDTH = 16;

const VALUE_LABELS = {
  account: 'Account ID',
  arn: 'User/role ARN',
  service: 'Service',
  saml: 'Provider ARN',
  oidc: 'Provider ARN',
  github: 'Repository',
} as const;

/** One or more terminal rows of the form; `slot` when the focus can be on it. */
interface FormRow {
  key: string;
  rows: number;
  node: ReactNode;
  slot?: Slot;
}

export function TrustPolicyForm({ height, width, ...wiring }: TrustPolicyFormProps) {
  const { state, type } = useTrustPolicyForm(wiring);
  const checked = trustPolicyFindings(state);
  const focus = focusedSlot(state);
  const sideBySide = width >= SIDE_BY_SIDE_COLUMNS;
  const formWidth = sideBySide ? Math.floor(width * 0.5) : width - 2;
  const diff = state.editing ? editDiff(draftOf(state), state.editing) : undefined;
  const previewLines = diff ? diff.length : jsonLines(checked.document).length;
  // Under the form, the preview takes a third of the rows, or less when the document is short.
  const previewHeight = sideBySide ? height : Math.min(previewLines, Math.max(2, Math.floor(height / 3)));
  const formHeight = sideBySide ? height : Math.max(1, height - previewHeight - 1);

  const findingRows = (place: Place): FormRow[] =>
    findingsAt(checked, place).map((finding, i) => findingRow(`${place}#${i}`, finding, formWidth));
  const rows: FormRow[] = [];
  const heading = (text: string) => rows.push({ key: text, rows: 1, node: <Text bold>{text}</Text> });

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
      rows.push({
        key: `${slot.at}${entry}`,
        rows: 1,
        slot,
        node: (
          <FormField
            label={label}
            labelWidth={LABEL_WIDTH}
            placeholder={placeholder}
            value={slotText(state, slot)}
            focused={sameSlot(focus, slot)}
            onChange={(text) => type(slot, text)}
          />
        ),
      });
    field(
      { at: 'value', entry },
      VALUE_LABELS[kind],
      ENTRY_KINDS.find((k) => k.kind === kind)?.placeholder ?? '',
    );
    if (kind === 'service' && sameSlot(focus, { at: 'value', entry }))
      rows.push({
        key: `services${entry}`,
        rows: 1,
        node: (
          <Text dimColor wrap="truncate-end">
            {'    '}Common: {COMMON_SERVICES.map((s) => s.service.replace('.amazonaws.com', '')).join(', ')}
          </Text>
        ),
      });
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
  if (wiring.primary)
    rows.push({
      key: 'primary',
      rows: 1,
      node: (
        <Text color={colour('accent')} wrap="truncate-end">
          Enter: {wiring.primary.label}
        </Text>
      ),
    });

  const summary = findingsSummary(checked);
  const tone = checked.errors ? 'error' : checked.warnings ? 'warning' : 'ok';
  const shown = rowsAround(
    rows,
    rows.findIndex((row) => row.slot && sameSlot(focus, row.slot)),
    formHeight - 1,
  );
  const form = (
    <Box flexDirection="column" width={formWidth} flexShrink={0}>
      <Text color={colour(tone)} wrap="truncate-end">
        {checked.errors ? '✗' : checked.warnings ? '!' : '✓'} {summary}
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
        <JsonPreview document={checked.document} height={previewHeight} offset={state.preview} />
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

function findingRow(key: string, finding: FormFinding, width: number): FormRow {
  const mark = finding.severity === 'error' ? '✗' : '!';
  return {
    key,
    rows: wrappedRows(`${mark} ${finding.message}`, width - 4),
    node: (
      <Box paddingLeft={4}>
        {finding.severity === 'error' ? (
          <ErrorLine problem={finding.message} />
        ) : (
          <WarningLine problem={finding.message} />
        )}
      </Box>
    ),
  };
}

/** The rows that fit in `height`, the focused one in view with a little of what comes before it. */
function rowsAround(rows: FormRow[], focused: number, height: number): FormRow[] {
  const total = rows.reduce((sum, row) => sum + row.rows, 0);
  if (total <= height) return rows;
  let start = Math.max(0, focused);
  let used = rows[start]?.rows ?? 0;
  let end = start + 1;
  // First what the checks say of the focused field, just under it.
  while (end < rows.length && !rows[end]?.slot && used + (rows[end]?.rows ?? 0) <= height) {
    used += rows[end]?.rows ?? 0;
    end += 1;
  }
  // Up to a third of the room for what is above the focus (its heading, the entry before).
  while (start > 0 && used + (rows[start - 1]?.rows ?? 0) <= Math.floor(height / 3) + 1) {
    start -= 1;
    used += rows[start]?.rows ?? 0;
  }
  while (end < rows.length && used + (rows[end]?.rows ?? 0) <= height) {
    used += rows[end]?.rows ?? 0;
    end += 1;
  }
  while (start > 0 && used + (rows[start - 1]?.rows ?? 0) <= height) {
    start -= 1;
    used += rows[start]?.rows ?? 0;
  }
  return rows.slice(start, end);
}
