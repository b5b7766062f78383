import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Shoko's own version (package.json), recorded in cases, custody events and bags. */
export const APP_VERSION: string = (require('../../package.json') as { version: string }).version;
export const APP_NAME = 'Shoko';
