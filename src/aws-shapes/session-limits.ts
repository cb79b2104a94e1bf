// How long AWS lets a role session last.

/** AssumeRole's DurationSeconds range (the role's MaxSessionDuration may lower the top). */
export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43_200;
/** A role assumed with role credentials (or MFA-session credentials) lasts at most this long. */
export const ROLE_CHAINING_MAX_SECONDS = 3600;
