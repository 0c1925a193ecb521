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
    if (value === undefined) return placeholder;
    // A `reason` parameter holding a rejected-row key (as in `file.noUsableRows`) is rendered as
    // that message with the same parameters. No `rejected.` message has a {reason} placeholder,
    // so the nesting stops after one level whatever the other parameters hold.
    if (name === 'reason' && typeof value === 'string' && isRejectedReasonKey(value)) {
      return formatMessage(locale, value, params);
    }
    return String(value);
  });
}

function isRejectedReasonKey(value: string): value is MessageKey {
  return value.startsWith('rejected.') && Object.hasOwn(en, value);
}
