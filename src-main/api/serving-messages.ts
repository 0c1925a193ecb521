/**
 * Sentences that state which model version serves when the merchant chose it, shared by the
 * window and the CLI so both word it the same way.
 */
import type { ModelName, ServingStatus } from './contract.ts';
import type { MessageKey } from './messages/index.ts';

/** A catalogue key with the parameters that fill its placeholders. */
export interface MessageRef {
  key: MessageKey;
  params: Record<string, string | number>;
}

/**
 * Returns the sentence for a version the merchant chose, and a second one naming the newest
 * run's pick when that is another version. Returns no sentence when the newest run's choice
 * serves, because the run's own choice text describes it.
 */
export function chosenServingMessages(
  status: ServingStatus,
  modelLabel: (model: ModelName) => string,
  formatSince: (iso: string) => string,
): MessageRef[] {
  if (status.source !== 'pointer' || status.pointer === null) return [];

  const messages: MessageRef[] = [
    {
      key: `serving.chosen.${status.pointer.reason}`,
      params: { version: status.versionId, model: modelLabel(status.model), run: status.runId, since: formatSince(status.pointer.since) },
    },
  ];
  const pick = status.latestPick;
  if (pick && pick.versionId !== status.versionId) {
    messages.push({ key: 'serving.latestPickDiffers', params: { version: pick.versionId, model: modelLabel(pick.model), run: pick.runId } });
  }
  return messages;
}
