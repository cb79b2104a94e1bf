// A yes/no question put before something that loses what cannot be had back (a session's
// credentials, every live session on quit): what it is, as a state machine with no terminal.
// One question at a time; y does it, n or Esc leaves everything as it was.

export interface Question<A> {
  /** The question, naming what is lost: "Drop prod-admin? Its credentials are forgotten; …" */
  text: string;
  /** What yes does, a word for the footer: "drop", "quit". */
  yes: string;
  /** What is done on yes. */
  action: A;
}

/** The question being asked, if any. */
export type ConfirmState<A> = Question<A> | undefined;

export type ConfirmEvent<A> = { type: 'ask'; question: Question<A> } | { type: 'answer'; yes: boolean };

export interface ConfirmStep<A> {
  state: ConfirmState<A>;
  /** Present when the person said yes: the action to carry out now, once. */
  confirmed?: A;
}

export function confirmStep<A>(state: ConfirmState<A>, event: ConfirmEvent<A>): ConfirmStep<A> {
  switch (event.type) {
    case 'ask':
      // The question on screen is the one a y answers: a second one never swaps in under the key.
      return { state: state ?? event.question };
    case 'answer':
      if (!state) return { state };
      return event.yes ? { state: undefined, confirmed: state.action } : { state: undefined };
  }
}
