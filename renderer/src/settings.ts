import type { Locale } from './i18n';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** UI preferences, kept in the renderer's own storage (the app origin), not in any case. */
export function loadSetting<T extends string>(key: string, allowed: readonly T[]): T | null {
  try {
    const v = localStorage.getItem(`shoko.${key}`);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : null;
  } catch {
    return null;
  }
}

export function saveSetting(key: string, value: string): void {
  try { localStorage.setItem(`shoko.${key}`, value); } catch { /* storage unavailable: keep the choice for this session */ }
}

export const LOCALES: readonly Locale[] = ['ja', 'en'];
export const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
