// The AWS files as this run has read them: read once, until reload() asks for them again, and
// told as the reading goes (50,000 profiles take a while, and the accounts screen counts them).
import { type LoadProgress, loadProfiles } from './load';
import type { ProfileSet } from './profile-set';

export class LoadedProfiles {
  readonly #env: NodeJS.ProcessEnv;
  #reading?: Promise<ProfileSet>;
  /** The profiles last read, for renewals, which run long after their assume. */
  #latest?: ProfileSet;
  /** Who hears how far the reading of the files has got, and how far it last got. */
  readonly #heard = new Set<(progress: LoadProgress) => void>();
  #progress?: LoadProgress;

  constructor(env: NodeJS.ProcessEnv) {
    this.#env = env;
  }

  /** The profiles, read from the files the first time (and after forget()). */
  read(): Promise<ProfileSet> {
    if (!this.#reading) {
      this.#progress = undefined;
      const load = loadProfiles({
        env: this.#env,
        onProgress: (progress) => {
          if (this.#reading !== load) return;
          this.#progress = progress;
          for (const listener of this.#heard) listener(progress);
        },
      }).then((set) => {
        this.#latest = set;
        return set;
      });
      this.#reading = load;
    }
    return this.#reading;
  }

  /**
   * The profiles, telling `onProgress` how far the reading has got: from where it has got when
   * it is under way already (the header's identity may have started it).
   */
  async readTelling(onProgress: ((progress: LoadProgress) => void) | undefined): Promise<ProfileSet> {
    if (!onProgress) return this.read();
    const hear = (progress: LoadProgress) => onProgress(progress);
    this.#heard.add(hear);
    if (this.#reading && this.#progress) hear(this.#progress);
    try {
      return await this.read();
    } finally {
      this.#heard.delete(hear);
    }
  }

  /** The profiles as last read, if they have been: what AWS clients take their settings from. */
  loaded(): ProfileSet | undefined {
    return this.#latest;
  }

  /**
   * `set`, with keys as the files hold them now: renewals (and the MFA sessions they share) take
   * rotated keys once the files are read again.
   */
  keysFollowFiles(set: ProfileSet): ProfileSet {
    return { ...set, staticKeys: (name) => (this.#latest ?? set).staticKeys(name) };
  }

  /** The next read() reads the files again. */
  forget(): void {
    this.#reading = undefined;
  }
}
