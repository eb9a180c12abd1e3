/** A command group of main/cli/program.ts: its top-level command names and its file under main/cli/commands. */
export interface FoundCommandGroup {
  names: string[];
  file: string;
}

export function commandGroupsOf(programSource: string): FoundCommandGroup[];
