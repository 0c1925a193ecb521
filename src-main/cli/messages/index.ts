import { catalogues, formatMessage, type Locale, type MessageKey } from '../../api/messages/index.ts';
import { en, type CliMessageKey, type CliMessages } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { CliMessageKey };

const cliCatalogues: Record<Locale, CliMessages> = { en, 'zh-CN': zhCN };

/** Fills a command-line text's named placeholders; an unknown placeholder stays visible as `{name}`. */
export function cliText(locale: Locale, key: CliMessageKey, params: Record<string, string | number> = {}): string {
  return fillPlaceholders(cliCatalogues[locale][key], params);
}

/**
 * Renders a key that the engine chose at run time (a rejected-row reason, a recommendation reason,
 * the reason a model was chosen). Keys may come with or without their catalogue prefix, so
 * `invalidDate` is tried as `{prefix}.invalidDate` too. A key missing from the shared catalogues
 * is shown as the key and its parameters, so that nothing the engine reported is lost.
 */
export function engineText(
  locale: Locale,
  key: string,
  params: Record<string, string | number>,
  prefix?: string,
): string {
  const candidates = prefix && !key.startsWith(`${prefix}.`) ? [`${prefix}.${key}`, key] : [key];
  for (const candidate of candidates) {
    if (isMessageKey(candidate)) return formatMessage(locale, candidate, params);
  }

  const shownParams = Object.entries(params).map(([name, value]) => `${name}=${value}`);
  return shownParams.length === 0 ? key : `${key} (${shownParams.join(', ')})`;
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogues.en, key);
}

function fillPlaceholders(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** Tells whether `key` is a command-line text, for keys built at run time. */
export function isCliKey(key: string): key is CliMessageKey {
  return Object.hasOwn(en, key);
}
