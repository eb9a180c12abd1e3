// The CLI's command groups as main/cli/program.ts lists them in COMMAND_GROUPS: for each, its
// top-level command names and its file under main/cli/commands. scripts/build-main.mjs builds one
// bundle per group from this list; test/tooling/cli-bundles.test.ts checks it matches COMMAND_GROUPS.
const ENTRY = /\{\s*names:\s*\[([^\]]*)\],\s*load:\s*\(\)\s*=>\s*import\('\.\/commands\/([\w-]+)'\)\s*\}/g;

/** @param {string} programSource the text of main/cli/program.ts */
export function commandGroupsOf(programSource) {
  return [...programSource.matchAll(ENTRY)].map((m) => ({
    names: [...(m[1] ?? '').matchAll(/'([^']+)'/g)].map((n) => n[1]),
    file: m[2],
  }));
}
