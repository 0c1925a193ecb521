import { ref, watch, type Ref } from 'vue';

import type { Reply } from '../../../src-main/api/contract.ts';
import type { ErrorData } from '../../../src-main/api/errors.ts';

const DEBOUNCE_MS = 250;

/**
 * Runs `search` a short while after the query stops changing, and drops replies that arrive
 * after a newer query was sent, so the list always matches the text in the box.
 */
export function useDebouncedSearch<T>(search: (query: string) => Promise<Reply<T[]>>) {
  const query = ref('');
  const results = ref<T[]>([]) as Ref<T[]>;
  const error = ref<ErrorData | null>(null);
  const searched = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  watch(query, (text) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const ticket = ++latest;
      const reply = await search(text.trim());
      if (ticket !== latest) return;
      searched.value = true;
      error.value = reply.ok ? null : reply.error;
      results.value = reply.ok ? reply.value : [];
    }, DEBOUNCE_MS);
  });

  return { query, results, error, searched };
}
