import { en, type MessageKey, type Messages } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey, Messages };

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh-CN';
}

/** Picks the supported locale for a BCP 47 tag such as `zh_CN.UTF-8`, `zh-Hans` or `en-GB`. */
export function resolveLocale(tag: string | undefined | null): Locale {
  if (!tag) return 'en';
  return tag.toLowerCase().replace('_', '-').startsWith('zh') ? 'zh-CN' : 'en';
}

/** Fills the named placeholders of a message; an unknown placeholder stays visible as `{name}`. */
export function formatMessage(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = catalogues[locale][key];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}
