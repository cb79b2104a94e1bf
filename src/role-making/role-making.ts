// Making a role in an account: the managed policies its permissions can be picked from (IAM's
// list, kept for the run), who makes the calls, and running them (creation-run.ts).
import type { IAMClient } from '@aws-sdk/client-iam';
import { describeAwsError } from '../aws/errors';
import type { RoleListing } from '../role-listing/role-listing';
import type { ManagedPolicySummary } from './role-spec';

export interface RoleMakingOptions {
  roleListing: RoleListing;
}

/** The IAM client is loaded when first needed: the first frame does not wait for it. */
const policiesModule = () => import('../aws/iam-policies');

export class RoleMaking {
  readonly #policies = new Map<string, Promise<ManagedPolicySummary[]>>();
  readonly #options: RoleMakingOptions;

  constructor(options: RoleMakingOptions) {
    this.#options = options;
  }

  /**
   * Who may call IAM in the account, and who that is ("profile prod-admin"): whoever may read its
   * roles. Undefined when nobody may; the reason is the roles list's (roleListing.roles).
   */
  async caller(
    account: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<{ iam: IAMClient; via: string } | undefined> {
    return this.#options.roleListing.reader(account, options);
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
    const reader = await this.caller(account, signal ? { signal } : {});
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
