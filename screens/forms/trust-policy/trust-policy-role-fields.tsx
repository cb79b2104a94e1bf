// The builder's rows after the trust policy's: the permissions (the managed policies picked from
// IAM's list, policy ARNs typed, the inline policy edited in $EDITOR, the boundary), the role
// itself (name, path, description, maximum session, tags), and the action rows at the end, each
// with its findings beneath it.
import { Box, Text } from 'ink';
import { colour } from '../../../components/theme';
import { wrappedRows } from '../../../components/wrapped-rows';
import { type FormRow, fieldRow, findingRow, headingRow, LABEL_WIDTH } from './form-rows';
import type { PoliciesLoad } from './picker-keys';
import { ROLE_FIELDS } from './role-fields-state';
import type { Place, TrustPolicyFindings } from './trust-policy-findings';
import { findingsAt } from './trust-policy-findings';
import { type Slot, sameSlot, type TrustPolicyFormState } from './trust-policy-form-state';

export interface RoleRowsProps {
  state: TrustPolicyFormState;
  focus: Slot | undefined;
  checked: TrustPolicyFindings;
  policies: PoliciesLoad;
  width: number;
  type: (slot: Slot, text: string) => void;
}

/** A row the focus can be on that is not a text field: a mark, a label, and what it holds. */
function valueRow(slot: Slot, focus: Slot | undefined, label: string, value: string, dim: boolean): FormRow {
  const here = sameSlot(focus, slot);
  return {
    key: slot.at,
    rows: 1,
    slot,
    node: (
      <Box>
        <Text color={colour('accent')}>{here ? '› ' : '  '}</Text>
        <Box width={LABEL_WIDTH} flexShrink={0}>
          <Text bold={here}>{label}</Text>
        </Box>
        <Text dimColor={dim} wrap="truncate-end">
          {value}
        </Text>
      </Box>
    ),
  };
}

/** The picked policies by name (an ARN's last part), or what the list is doing. */
function managedWords(state: TrustPolicyFormState, policies: PoliciesLoad): { text: string; dim: boolean } {
  if (state.picked.length)
    return {
      text: `${state.picked.map((arn) => arn.split('/').at(-1)).join(', ')} (Enter changes)`,
      dim: false,
    };
  if (policies.state === 'loading') return { text: 'Reading IAM’s policies…', dim: true };
  if (policies.state === 'failed') return { text: 'not read from IAM (why below): type ARNs', dim: true };
  return { text: `none: Enter picks from IAM’s list (${policies.policies.length})`, dim: true };
}

function inlineWords(text: string): { text: string; dim: boolean } {
  if (!text.trim()) return { text: 'none: Enter writes one in your editor', dim: true };
  try {
    const statements = [JSON.parse(text)?.Statement].flat().filter(Boolean).length;
    return {
      text: `${statements} statement${statements === 1 ? '' : 's'}, ${text.length} characters (Enter edits)`,
      dim: false,
    };
  } catch {
    return { text: 'not JSON yet, kept as written: Enter edits it', dim: false };
  }
}

export function roleRows({ state, focus, checked, policies, width, type }: RoleRowsProps): FormRow[] {
  const rows: FormRow[] = [];
  const findings = (place: Place) =>
    findingsAt(checked, place).map((finding, i) => findingRow(`${place}#${i}`, finding, width));

  rows.push(headingRow('Permissions'));
  const managed = managedWords(state, policies);
  rows.push(valueRow({ at: 'managed' }, focus, 'AWS managed', managed.text, managed.dim));
  if (policies.state === 'failed')
    rows.push({
      key: 'policies-failed',
      rows: wrappedRows(`! ${policies.reason}`, width - 4),
      node: (
        <Box paddingLeft={4}>
          <Text color={colour('warning')} wrap="wrap">
            ! {policies.reason}
          </Text>
        </Box>
      ),
    });
  rows.push(...findings('managed'));
  const arns = Math.max(1, state.policyArns.entries.length);
  for (let index = 0; index < arns; index++) {
    rows.push(
      fieldRow(
        state,
        focus,
        { at: 'policy-arn', index },
        index === 0 ? 'Policy ARN' : '',
        'arn:aws:iam::…:policy/… (Ctrl-N adds)',
        type,
      ),
    );
    rows.push(...findings(`policy-arn:${index}`));
  }
  const inline = inlineWords(state.role.inlinePolicy);
  rows.push(valueRow({ at: 'inline' }, focus, 'Inline policy', inline.text, inline.dim));
  rows.push(...findings('inline'));
  rows.push(fieldRow(state, focus, { at: 'inline-name' }, 'Inline name', 'optional: the role’s name', type));
  rows.push(...findings('inline-name'));
  rows.push(
    fieldRow(
      state,
      focus,
      { at: 'boundary' },
      'Boundary',
      policies.state === 'loaded'
        ? 'optional: Enter picks, or type an ARN'
        : 'optional: a managed policy’s ARN',
      type,
    ),
  );
  rows.push(...findings('boundary'));

  rows.push(headingRow('The role'));
  for (const field of ROLE_FIELDS) {
    rows.push(fieldRow(state, focus, { at: 'role', key: field.key }, field.label, field.placeholder, type));
    rows.push(...findings(`role:${field.key}`));
  }
  const tags = Math.max(1, state.tags.entries.length);
  for (let index = 0; index < tags; index++) {
    rows.push(
      fieldRow(
        state,
        focus,
        { at: 'tag', index },
        index === 0 ? 'Tags' : '',
        'key=value (Ctrl-N adds one)',
        type,
      ),
    );
    rows.push(...findings(`tag:${index}`));
  }

  return rows;
}

/** The action rows at the end: Simulate… (when offered) and the screen's primary action, and why it is shut. */
export function actionRows({
  focus,
  width,
  primaryLabel,
  blocked,
  simulate,
}: {
  focus: Slot | undefined;
  width: number;
  primaryLabel: string;
  blocked: string | undefined;
  simulate: boolean;
}): FormRow[] {
  const rows: FormRow[] = [];
  rows.push({ key: 'actions-gap', rows: 1, node: <Text> </Text> });
  if (simulate) rows.push(actionRow({ at: 'action', action: 'simulate' }, focus, 'Simulate…', false));
  rows.push(actionRow({ at: 'action', action: 'primary' }, focus, primaryLabel, blocked !== undefined));
  if (blocked)
    rows.push({
      key: 'blocked',
      rows: wrappedRows(blocked, width - 4),
      node: (
        <Box paddingLeft={4}>
          <Text color={colour('error')} wrap="wrap">
            {blocked}
          </Text>
        </Box>
      ),
    });
  return rows;
}

function actionRow(slot: Slot, focus: Slot | undefined, label: string, blocked: boolean): FormRow {
  const here = sameSlot(focus, slot);
  return {
    key: `action:${label}`,
    rows: 1,
    slot,
    node: (
      <Box>
        <Text color={colour('accent')}>{here ? '› ' : '  '}</Text>
        <Text bold={here} inverse={here && !blocked} dimColor={blocked}>
          {label}
        </Text>
      </Box>
    ),
  };
}
