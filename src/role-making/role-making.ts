// Making a role in an account: the managed policies its permissions can be picked from (IAM's
// list, kept for the run), who makes the calls (the account's first writer; the next when IAM
// refuses the first call), and running them (creation-run.ts).
import type { IAMClient } from '@aws-sdk/client-iam';
import { describeAwsError } from '../aws/errors';
import type { RoleChange } from '../aws/role-changes';
import type { RoleListing } from '../role-listing/role-listing';
import type { CreationPlan } from './creation-plan';
import type { CreationOutcome, RunOptions, UndoOutcome } from './creation-run';
import type { ManagedPolicySummary } from './role-spec';

export interface RoleMakingOptions {
  roleListing: RoleListing;
}

/** The IAM client is loaded when first needed: the first frame does not wait for it. */
const policiesModule = () => import('../aws/iam-policies');
const runModule = () => import('./creation-run');

export interface Caller {
  iam: IAMClient;
  /** Who makes the calls, for the confirmation page: "profile prod-admin", "session 3". */
  via: string;
}

export class RoleMaking {
  readonly #policies = new Map<string, Promise<ManagedPolicySummary[]>>();
  readonly #options: RoleMakingOptions;
  /** Who made each account's last role: its undo goes through the same caller. */
  readonly #writers = new Map<string, Caller>();
  /** Each account's last role created whole, by name: what a screen that opened the builder made. */
  readonly #created = new Map<string, string>();

  constructor(options: RoleMakingOptions) {
    this.#options = options;
  }

  /**
   * Who will make the calls in the account, and who that is ("session prod-admin"): its first
   * writer (roleListing.writers: a live session there before a read-only lister). Undefined when
   * nobody may call IAM there.
   */
  async caller(account: string): Promise<Caller | undefined> {
    for await (const writer of this.#options.roleListing.writers(account)) return writer;
    return undefined;
  }

  /**
   * Runs the plan's calls as the account's first writer, reporting each; when IAM refuses the
   * first call (AccessDenied, nothing made), as the next writer, and so on; `via` says who made
   * them and `refused` who was refused first. On success or a failure midway, the roles list is
   * read again at its next look, so it shows what exists.
   */
  async create(
    plan: CreationPlan,
    options: RunOptions = {},
  ): Promise<CreationOutcome & { via: string; refused: string[] }> {
    const { runCreation } = await runModule();
    const refused: string[] = [];
    for await (const caller of this.#options.roleListing.writers(plan.account)) {
      const outcome = await runCreation(caller.iam, plan, options);
      const denied = outcome.error?.kind.startsWith('denied') && outcome.made.length === 0;
      if (denied && !options.signal?.aborted) {
        refused.push(caller.via);
        continue;
      }
      this.#writers.set(plan.account, caller);
      if (outcome.state === 'created') this.#created.set(plan.account, plan.roleName);
      if (outcome.made.length) this.#options.roleListing.forget();
      return { ...outcome, via: caller.via, refused };
    }
    throw new Error(
      refused.length
        ? `${refused.join(', ')} may not create roles in ${plan.account}: assume a role there that may (iam:CreateRole), then try again.`
        : `Nobody here may call IAM in ${plan.account}: assume a role there that may create roles, then try again.`,
    );
  }

  /**
   * The name of the last role this run of rolecall created whole in the account: the guided
   * setup opens the builder with a name, and the person may change it there before creating.
   */
  lastCreated(account: string): string | undefined {
    return this.#created.get(account);
  }

  /** Removes what a run in the account made, through whoever made it. */
  async undo(account: string, made: readonly RoleChange[], options: RunOptions = {}): Promise<UndoOutcome> {
    const caller = this.#writers.get(account) ?? (await this.caller(account));
    if (!caller) {
      throw new Error(
        `Nobody here may call IAM in ${account} any more: assume a role there, then remove the role by hand.`,
      );
    }
    const { undoCreation } = await runModule();
    const outcome = await undoCreation(caller.iam, made, options);
    this.#options.roleListing.forget();
    return outcome;
  }

  /**
   * Every managed policy IAM lists in the account (AWS's own and the account's), read once a run
   * through whoever may read IAM there; a failed or stopped read is not kept.
   */
  managedPolicies(account: string, options: { signal?: AbortSignal } = {}): Promise<ManagedPolicySummary[]> {
    let listing = this.#policies.get(account);
    if (!listing) {
      listing = this.#listPolicies(account, options.signal);
      this.#policies.set(account, listing);
      const forget = () => this.#policies.get(account) === listing && this.#policies.delete(account);
      listing.catch(forget);
    }
    return listing;
  }

  /** The next look reads IAM again. */
  forget(): void {
    this.#policies.clear();
  }

  async #listPolicies(account: string, signal: AbortSignal | undefined): Promise<ManagedPolicySummary[]> {
    const reader = await this.#options.roleListing.reader(account, signal ? { signal } : {});
    if (!reader) {
      throw new Error(
        `Nobody here may read IAM in ${account}, so its managed policies cannot be listed: assume a role in it, or type the policies' ARNs.`,
      );
    }
    const { listManagedPolicies } = await policiesModule();
    try {
      const { policies } = await listManagedPolicies(reader.iam, signal ? { signal } : {});
      return policies;
    } catch (error) {
      throw new Error(
        describeAwsError(error, { doing: `list the managed policies in ${account} as ${reader.via}` })
          .message,
      );
    }
  }
}
