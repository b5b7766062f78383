import type { Migration } from './types';
import { migration as m001 } from './001-core';

/** Every schema step, in order. Add one import and one entry per new numbered migration. */
export const MIGRATIONS: readonly Migration[] = [
  m001,
];
