/** Bundles the `shoko` command into `outdir` (default dist-cli/; inside the repository, where node_modules resolves). Returns outdir. */
export function buildCli(outdir?: string): Promise<string>;
