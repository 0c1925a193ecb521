/**
 * vue-i18n set-up: the window's own texts merged with the engine's shared catalogues, so one
 * `t` renders both. Keys are flat strings containing dots ('error.file.empty'), so the resolver
 * looks them up directly instead of treating dots as a path.
 */
import { createI18n, useI18n } from 'vue-i18n';

import type { ErrorData } from '../../../src-main/api/errors.ts';
import { catalogues, formatCountParams, isLocale, resolveLocale, type Locale, type MessageKey } from '../../../src-main/api/messages/index.ts';
import { en } from './en.ts';
import type { UiKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type TextKey = UiKey | MessageKey;
export type TextParams = Record<string, string | number>;

const LOCALE_STORAGE_KEY = 'shoprec.locale';

/**
 * Escapes @ and | in the engine's catalogues, which are plain text with {name} placeholders,
 * because vue-i18n reads a bare @ as a linked message and | as a plural separator.
 */
function escapeSpecialCharacters<K extends string>(catalogue: Record<K, string>): Record<K, string> {
  const entries = Object.entries<string>(catalogue).map(([key, text]) => [key, text.replace(/[@|]/g, (character) => `{'${character}'}`)]);
  return Object.fromEntries(entries) as Record<K, string>;
}

const messages: Record<Locale, Record<TextKey, string>> = {
  en: { ...escapeSpecialCharacters(catalogues.en), ...en },
  'zh-CN': { ...escapeSpecialCharacters(catalogues['zh-CN']), ...zhCN },
};

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_STORAGE_KEY);
  return isLocale(saved) ? saved : resolveLocale(navigator.language);
}

export function createAppI18n() {
  const locale = initialLocale();
  document.documentElement.lang = locale;
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    messageResolver: (table, key) => {
      const value = (table as Record<string, unknown>)[key];
      return typeof value === 'string' ? value : null;
    },
  });
}

export function saveLocale(locale: Locale): void {
  localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

/** Typed access to the catalogues: a key that is in neither catalogue is a type error. */
export function useText() {
  const { t, te, locale } = useI18n();

  const text = (key: TextKey, params: TextParams = {}): string => t(key, params);

  const currentLocale = (): Locale => (isLocale(locale.value) ? locale.value : 'en');

  /** Renders a key that arrived as data (reason, rejected row, choice); unknown keys show as they are. */
  const textOf = (key: string, params: TextParams = {}): string => (te(key) ? t(key, formatCountParams(currentLocale(), params)) : key);

  /** True when either catalogue of the current language has `key`. */
  const hasText = (key: string): boolean => te(key);

  const errorText = (error: ErrorData): string => textOf(`error.${error.code}`, error.params);

  return { text, textOf, hasText, errorText, locale, currentLocale };
}
