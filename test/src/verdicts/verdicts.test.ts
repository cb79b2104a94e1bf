// Who would assume a row and what its assume would send, against the sandbox: what the roles
// screen's marks are worked out from.
import { describe, expect, it } from 'vitest';
import { DEV, IDENTITY, VENDOR } from '../../../src/sandbox/seed';
import { rowVerdict } from '../../../src/verdicts/row-verdict';
import { coreUnderTest, sandboxForTheseTests } from '../../helpers/core-under-test';

const shared = sandboxForTheseTests();

describe('the verdicts', () => {
  it('judges a row by what its assume would send: session name, external ID, duration', async () => {
    const { core, settings } = coreUnderTest(shared.env);
    settings.update({ sessionNameTemplate: 'rc-{role}', defaultSessionSeconds: 7200 });
    const reporter = (await core.roleListing.roles(VENDOR)).rows.find(
      (r) => r.profile?.name === 'vendor-reporter',
    );
    const admin = (await core.roleListing.roles(IDENTITY)).rows.find((r) => r.name === 'Admin' && !r.profile);
    if (!reporter || !admin) throw new Error('rows missing');
    settings.rememberExternalId(admin.arn, 'remembered-1');
    const wouldSend = core.verdicts.assumeRequests();
    expect(wouldSend(reporter)).toMatchObject({ sessionName: 'ci-report', durationSeconds: 7200 });
    expect(wouldSend(admin)).toMatchObject({ sessionName: 'rc-Admin', externalId: 'remembered-1' });
    expect(rowVerdict(reporter, await core.verdicts.callerFor(reporter), wouldSend(reporter)).kind).toBe(
      'duration-capped',
    );
    expect(
      rowVerdict(reporter, await core.verdicts.callerFor(reporter), {
        ...wouldSend(reporter),
        durationSeconds: 3600,
      }).kind,
    ).toBe('assumable');
  });

  it('judges two profiles for one role each by its own caller, and opens each by its own key', async () => {
    const { core } = coreUnderTest(shared.env);
    const { rows } = await core.roleListing.roles(DEV);
    const wouldSend = core.verdicts.assumeRequests();
    const [direct, viaDeveloper] = rows.filter((r) => r.name === 'Admin');
    if (!direct || !viaDeveloper) throw new Error('two Admin rows expected');
    const verdictOf = async (row: typeof direct) =>
      rowVerdict(row, await core.verdicts.callerFor(row), wouldSend(row));
    expect((await verdictOf(direct)).kind).toBe('needs-mfa');
    // Developer's session is not in the account Admin trusts.
    expect((await verdictOf(viaDeveloper)).kind).toBe('denied');
    expect(core.roleListing.row(DEV, viaDeveloper.key)?.profile?.name).toBe('dev-admin-via-developer');
    expect(core.roleListing.row(DEV, direct.key)?.profile?.name).toBe('dev-admin');
    expect((await core.assuming.defaults(viaDeveloper)).capReason).toContain('role chaining');
  });
});
