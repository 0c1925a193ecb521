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

/**
 * Placeholders that contain counts. Their integer values are written with the locale's digit
 * grouping ("1,300"), as the CLI writes the counts of its reports. Line numbers, ids and versions
 * are not counts and keep their plain digits.
 */
const COUNT_PLACEHOLDERS: ReadonlySet<string> = new Set(['rows', 'lines', 'customers', 'needed', 'orders']);

const countFormats: Record<Locale, Intl.NumberFormat> = { en: new Intl.NumberFormat('en'), 'zh-CN': new Intl.NumberFormat('zh-CN') };

/** Returns `params` with the values of count placeholders formatted for `locale`, for any renderer of the catalogues. */
export function formatCountParams(locale: Locale, params: Record<string, string | number>): Record<string, string | number> {
  const formatted = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number' && Number.isInteger(value) && COUNT_PLACEHOLDERS.has(name)) {
      formatted[name] = countFormats[locale].format(value);
    }
  }
  return formatted;
}

/** Fills the named placeholders of a message; an unknown placeholder stays visible as `{name}`. */
export function formatMessage(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = catalogues[locale][key];
  const values = formatCountParams(locale, params);
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = values[name];
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

/** Returns the label of an engine progress phase (`import.read`, `similar`), or null for a phase without one. */
export function phaseLabel(locale: Locale, phase: string): string | null {
  const key = `phase.${phase}`;
  return Object.hasOwn(en, key) ? catalogues[locale][key as MessageKey] : null;
}
