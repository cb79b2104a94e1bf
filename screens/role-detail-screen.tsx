// One role, all that is known of it: what IAM says (ARN, description, maximum session, last use,
// tags, policies), its trust policy in words and as JSON, and whether you could assume it and
// what that needs. ↑↓ scroll; `a` assumes it; `e` edits its trust policy.
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import wrapAnsi from 'wrap-ansi';
import { JsonLine, jsonLines } from '../components/form/json-preview';
import { useKeys } from '../components/keymap';
import { scrollKeys } from '../components/scroll-keys';
import { colour } from '../components/theme';
import { VerdictMark } from '../components/verdict-mark';
import { describeAwsError } from '../src/aws/errors';
import type { RoleDetail } from '../src/aws/iam-browse';
import { formatDuration } from '../src/duration';
import { parsePolicy } from '../src/policy/document';
import { describeTrust } from '../src/policy/explain';
import { rowKey } from '../src/role-listing/role-rows';
import { rowVerdict } from '../src/verdicts/row-verdict';
import { useAsync } from './app/hooks/use-async';
import { ACTION_KEYS, keyFor } from './app/navigation/action-keys';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions } from './app/stores/ui-store';

type Line =
  | { kind: 'text'; text: string; tone?: 'warning' | 'error'; bold?: boolean; dim?: boolean }
  | { kind: 'verdict'; verdict: ReturnType<typeof rowVerdict> }
  | { kind: 'json'; text: string };

export function RoleDetailScreen({ entry, height, width }: ScreenProps<'role-detail'>) {
  const { roleListing, verdicts, settings, clock } = useCore();
  // What an assume would send; read once: settings.read() goes to the file.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the settings are what it reads
  const wouldSend = useMemo(() => verdicts.assumeRequests(), [verdicts, settings]);
  const { open, say } = useUiActions();
  const account = entry.params.account;
  const arn = entry.params.arn;
  const profile = entry.params.profile;
  const row = roleListing.row(account, rowKey(arn, profile, entry.params.sso));
  const [offset, setOffset] = useState(0);
  const loaded = useAsync(async () => {
    if (!row) return undefined;
    const [detail, caller] = await Promise.all([
      roleListing.detail(row).catch((error: unknown) => error),
      verdicts.callerFor(row),
    ]);
    return { detail, caller };
  }, [row]);

  const lines: Line[] = [];
  const add = (text: string, style: Omit<Extract<Line, { kind: 'text' }>, 'kind' | 'text'> = {}) => {
    for (const piece of wrapAnsi(text, Math.max(10, width - 2), { hard: true }).split('\n'))
      lines.push({ kind: 'text', text: piece, ...style });
  };
  if (!row)
    add(`This role is not in the account’s list any more. ${keyFor('back')} goes back.`, { tone: 'warning' });
  else {
    const value = loaded.state === 'loaded' ? loaded.value : undefined;
    const detail =
      value?.detail && !(value.detail instanceof Error) ? (value.detail as RoleDetail) : undefined;
    const iam = detail ?? row.iam;
    add(row.name, { bold: true });
    add(row.arn, { dim: true });
    if (iam?.description) add(iam.description);
    add('');
    if (iam) add(`Maximum session: ${formatDuration(iam.maxSessionSeconds)}`);
    if (detail)
      add(
        `Last used: ${detail.lastUsed?.date ? `${detail.lastUsed.date.toISOString().slice(0, 16).replace('T', ' ')} UTC${detail.lastUsed.region ? ` in ${detail.lastUsed.region}` : ''}` : 'never (or not in the last 400 days)'}`,
      );
    if (row.sso) {
      add(
        `IAM Identity Center permission set, through the login ${row.sso.login}${row.sso.profile ? `; profile ${row.sso.profile}` : ''}. Identity Center manages its role: who may use it, and what it may do, are changed in the permission set, not here.`,
      );
    }
    if (row.profile) {
      add(
        `Profile: ${row.profile.name}${row.profile.sourceProfile ? `, from ${row.profile.sourceProfile}` : ''}${row.profile.mfaSerial ? `, MFA ${row.profile.mfaSerial}` : ''}${row.profile.externalId ? ', with an external ID' : ''}`,
      );
    }
    if (loaded.state === 'loading') add('Reading the role’s details from IAM…', { dim: true });
    if (loaded.state === 'failed') {
      const { message } = describeAwsError(loaded.error, { doing: 'work out who would assume it' });
      add(`${message} r asks again.`, { tone: 'warning' });
    }
    if (value?.detail instanceof Error || (value && !value.detail && !row.iam && !row.sso)) {
      add(
        value.detail instanceof Error
          ? describeAwsError(value.detail, { doing: 'read the role from IAM' }).message
          : 'IAM could not be read in this account: only the profile is known.',
        { tone: 'warning' },
      );
    }
    add('');
    add('Can you assume it?', { bold: true });
    const verdict = rowVerdict(row, value?.caller, { ...wouldSend(row), now: clock.now() });
    lines.push({ kind: 'verdict', verdict });
    add(verdict.text, verdict.kind === 'dangling' || verdict.kind === 'refused' ? { tone: 'error' } : {});
    if (value?.caller && !row.sso) add(`(as ${value.caller.arn})`, { dim: true });
    if (iam) {
      const { policy, dangling } = parsePolicy(iam.trustPolicy);
      add('');
      add('Who may assume it', { bold: true });
      for (const sentence of policy
        ? describeTrust(policy, dangling)
        : ['The trust policy could not be read.']) {
        add(`• ${sentence}`, dangling.some((d) => sentence.startsWith(d.id)) ? { tone: 'error' } : {});
      }
    }
    if (detail) {
      add('');
      add('Permissions', { bold: true });
      add(`Attached: ${detail.attachedPolicies.map((p) => p.name).join(', ') || 'none'}`);
      add(`Inline: ${detail.inlinePolicies.join(', ') || 'none'}`);
      if (detail.permissionsBoundary) add(`Permissions boundary: ${detail.permissionsBoundary}`);
      add(`Tags: ${detail.tags.map((t) => `${t.key}=${t.value}`).join(', ') || 'none'}`);
    }
    if (iam) {
      add('');
      add('Trust policy', { bold: true });
      for (const text of jsonLines(iam.trustPolicy)) lines.push({ kind: 'json', text });
    }
  }

  const editTrust = () => {
    if (!row) return;
    if (loaded.state === 'loading')
      return say({
        tone: 'info',
        text: 'The role is still being read from IAM; its trust policy can be edited once it is in.',
      });
    const detail = loaded.state === 'loaded' ? loaded.value?.detail : undefined;
    if (!detail || detail instanceof Error) {
      const why =
        detail instanceof Error
          ? describeAwsError(detail, { doing: 'read the role from IAM' }).message
          : 'no profile or session here could read IAM in this account.';
      return say({
        tone: 'warning',
        text: `Cannot edit the trust policy: ${why} Read the roles again with a profile that may.`,
      });
    }
    open('edit-trust', { ...entry.params, original: (detail as RoleDetail).trustPolicy });
  };

  /** The trusted side needs only the document: IAM's list has it, before the details are in. */
  const trustedSide = () => {
    const detail = loaded.state === 'loaded' ? loaded.value?.detail : undefined;
    const trustPolicy =
      detail && !(detail instanceof Error) ? (detail as RoleDetail).trustPolicy : row?.iam?.trustPolicy;
    if (!trustPolicy)
      return say({
        tone: 'warning',
        text: 'The trusted side needs the role’s trust policy, and IAM could not be read here. Read the roles again with a profile that may.',
      });
    open('trusted-side', { roleArn: entry.params.arn, trustPolicy });
  };

  const maxOffset = Math.max(0, lines.length - height);
  const scroll = (by: number) => setOffset((o) => Math.min(Math.max(0, o + by), maxOffset));
  useKeys([
    ...(row
      ? [
          {
            keys: [ACTION_KEYS.assumeRole, 'enter'],
            label: 'assume',
            description: 'Assume this role (duration, session name, region, external ID)',
            run: () => open('assume', { ...entry.params }),
          },
          {
            keys: ['s'],
            label: 'shell',
            description: 'Assume this role, then open $SHELL with its credentials',
            run: () => open('assume', { ...entry.params, andThen: 'shell' }),
          },
        ]
      : []),
    // Identity Center's role trusts its SAML provider only, and is changed through the permission set.
    ...(row && !row.sso
      ? [
          {
            keys: [ACTION_KEYS.editTrust],
            label: 'edit trust',
            description: 'Edit who may assume this role, in the builder; saved after showing the change',
            run: editTrust,
          },
          {
            keys: [ACTION_KEYS.trustedSide],
            label: 'trusted side',
            description:
              'The policy callers need in their own account, where it can go, and a profile that assumes this role',
            run: trustedSide,
          },
        ]
      : []),
    ...(loaded.state === 'failed'
      ? [
          {
            keys: ['r'],
            label: 'ask again',
            description: 'Work out again who would assume it',
            run: loaded.reload,
          },
        ]
      : []),
    ...(maxOffset > 0 ? scrollKeys(scroll, height) : []),
  ]);

  return (
    <Box flexDirection="column" paddingX={1}>
      {lines.slice(Math.min(offset, maxOffset), Math.min(offset, maxOffset) + height).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of a scrolled window
        <DetailLine key={i} line={line} />
      ))}
    </Box>
  );
}

function DetailLine({ line }: { line: Line }) {
  if (line.kind === 'json') return <JsonLine line={line.text} />;
  if (line.kind === 'verdict') {
    return (
      <Text>
        <VerdictMark kind={line.verdict.kind} />
      </Text>
    );
  }
  return (
    <Text color={colour(line.tone)} bold={line.bold ?? false} dimColor={line.dim ?? false}>
      {line.text || ' '}
    </Text>
  );
}
