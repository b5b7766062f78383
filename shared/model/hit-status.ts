/**
 * The examiner's decision on one hit. One list for the store's check, the CLI's help, the IPC contract
 * and the viewer, so a new status cannot be known to one of them and not the others.
 */
export const HIT_STATUSES = ['pending', 'confirmed', 'dismissed'] as const;
export type HitStatus = (typeof HIT_STATUSES)[number];
