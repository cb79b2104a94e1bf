// The builder's rows as the view lays them out: each one or more terminal rows, with the slot the
// focus can be on; a finding's row under its field; and the rows that fit around the focus when
// the form is taller than its room. Shared by the form's sections (trust, permissions, the role).
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { ErrorLine } from '../../../components/form/error-line';
import { SteadyFormField as FormField } from '../../../components/form/steady-form-field';
import { WarningLine } from '../../../components/form/warning-line';
import { wrappedRows } from '../../../components/wrapped-rows';
import type { FormFinding } from './trust-policy-findings';
import { type Slot, sameSlot, slotText, type TrustPolicyFormState } from './trust-policy-form-state';

export const LABEL_WIDTH = 16;

/** One or more terminal rows of the form; `slot` when the focus can be on it. */
export interface FormRow {
  key: string;
  rows: number;
  node: ReactNode;
  slot?: Slot;
}

export function headingRow(text: string): FormRow {
  return { key: text, rows: 1, node: <Text bold>{text}</Text> };
}

export function noteRow(key: string, text: string, width: number): FormRow {
  return {
    key,
    rows: wrappedRows(text, width),
    node: (
      <Text dimColor wrap="wrap">
        {text}
      </Text>
    ),
  };
}

/** A labelled text field on a slot. */
export function fieldRow(
  state: TrustPolicyFormState,
  focus: Slot | undefined,
  slot: Slot,
  label: string,
  placeholder: string,
  type: (slot: Slot, text: string) => void,
  allow?: RegExp,
): FormRow {
  return {
    key: `${slot.at}:${JSON.stringify(slot)}`,
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
        {...(allow ? { allow } : {})}
      />
    ),
  };
}

export function findingRow(key: string, finding: FormFinding, width: number): FormRow {
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
export function rowsAround(rows: FormRow[], focused: number, height: number): FormRow[] {
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
