// How to start this rolecall again, as a child of it: the prompt hook of a live shell, a practice
// run in the sandbox. Only cli.ts knows it (this node, this script); everything else is given it.

/** This process's node and script, as cli.ts's selfCommand gives them. */
export interface SelfCommand {
  command: string;
  args: readonly string[];
}
