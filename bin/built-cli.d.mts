/** file: URL of dist-cli/shoko.mjs when it is up to date with the sources; else null and the reason. */
export function builtCli(dir?: string): { url: string; reason: null } | { url: null; reason: string };
