import { resolveLocale, type Locale } from '../api/messages/index.ts';

/**
 * Picks the language of the command line's output when `--lang` is not given. POSIX gives
 * LC_ALL precedence over LC_MESSAGES over LANG; the first one set decides, and `C` or `POSIX`
 * there means untranslated (English) output. With none set (Windows, most GUI launches), the
 * locale that Intl reports for the process decides.
 */
export function detectLocale(env: NodeJS.ProcessEnv): Locale {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (!value) continue;
    if (value === 'C' || value === 'POSIX' || value.startsWith('C.')) return 'en';
    return resolveLocale(value);
  }

  return resolveLocale(Intl.DateTimeFormat().resolvedOptions().locale);
}
