/** Bundles main/app into `outdir` (default dist-electron/): main.mjs and preload.cjs. Returns outdir. */
export function buildElectron(outdir?: string): Promise<string>;
