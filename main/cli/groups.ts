/**
 * Which command group a command line belongs to. Kept apart from program.ts (and its commander
 * import) so that the launcher (launch.ts) can choose a group's bundle by the very rule the program
 * uses to choose the group's code.
 */

/**
 * The group owning the command line's first word (or the word after `help`); undefined when there
 * is none, so that help lists every command and an unknown one is refused as usual.
 */
export function owningGroup<G extends { readonly names: readonly string[] }>(argv: readonly string[], groups: readonly G[]): G | undefined {
  const end = argv.indexOf('--');
  const words = (end === -1 ? argv : argv.slice(0, end)).filter((a) => !a.startsWith('-'));
  const word = words[0] === 'help' ? words[1] : words[0];
  return word === undefined ? undefined : groups.find((g) => g.names.includes(word));
}
