import type { Migration } from './types';
import { migration as m001 } from './001-core';
import { migration as m002 } from './002-documents';
import { migration as m003 } from './003-ocr';
import { migration as m004 } from './004-detect';
import { migration as m005 } from './005-redact';
import { migration as m006 } from './006-package';
import { migration as m007 } from './007-coverage';
import { migration as m008 } from './008-claims';
import { migration as m009 } from './009-hit-review-indexes';
import { migration as m010 } from './010-raw-names';

/** Every schema step, in order. Add one import and one entry per new numbered migration. */
export const MIGRATIONS: readonly Migration[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
];
