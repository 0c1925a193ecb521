import type { CustomerRecommendations, ItemRecommendations, RecommendationView } from '../../api/contract.ts';
import type { Locale } from '../../api/messages/index.ts';
import { integerOption, stringOption, UsageError } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { formatCount, formatDate, formatMetric } from '../format.ts';
import { cliText, engineText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';
import type { Output } from '../output.ts';
import { renderTable } from '../render-table.ts';
import { modelLabel } from '../training-report.ts';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

export const recommendCommand: Command = {
  name: 'recommend',
  synopsis: 'shoprec recommend (--customer ID | --item SKU) [--limit N] [options]',
  summaryKey: 'command.recommend',
  options: {
    customer: { type: 'string', valueName: 'ID', helpKey: 'option.customer' },
    item: { type: 'string', valueName: 'SKU', helpKey: 'option.item' },
    limit: { type: 'string', valueName: 'N', helpKey: 'option.recommendLimit', helpParams: () => ({ limit: DEFAULT_LIMIT }) },
  },
  allowPositionals: false,
  run: runRecommend,
};

async function runRecommend(context: CommandContext): Promise<number> {
  const { values, locale, out } = context;
  const customer = stringOption(values, 'customer');
  const item = stringOption(values, 'item');
  if ((customer === undefined) === (item === undefined)) throw new UsageError('usage.customerOrItem');
  const limit = integerOption(values, 'limit', { min: 1, max: MAX_LIMIT }) ?? DEFAULT_LIMIT;

  const dir = workspaceFolder(values, context.env);
  await withWorkspace(dir, { create: false }, async (workspace) => {
    if (customer !== undefined) {
      const result = workspace.recommendForCustomer(customer, { limit });
      printCustomerRecommendations(out, locale, result);
      out.result(result);
    } else if (item !== undefined) {
      const result = workspace.recommendForItem(item, { limit });
      printItemRecommendations(out, locale, result);
      out.result(result);
    }
  });
  return EXIT_OK;
}

function printCustomerRecommendations(out: Output, locale: Locale, result: CustomerRecommendations): void {
  out.text(
    cliText(locale, 'recommend.customerHeading', {
      customer: result.customerId,
      model: modelLabel(locale, result.model),
      runId: result.runId,
    }),
  );
  printRecommendationTable(out, locale, result.items);

  if (result.recentPurchases.length === 0) return;
  out.text();
  out.text(cliText(locale, 'recommend.recentHeading'));
  const table = renderTable(
    [
      { header: cliText(locale, 'table.lastBought') },
      { header: cliText(locale, 'table.sku') },
      { header: cliText(locale, 'table.title'), maxWidth: 40 },
      { header: cliText(locale, 'table.quantity'), align: 'right' },
    ],
    result.recentPurchases.map((purchase) => [
      formatDate(purchase.lastBoughtAt),
      purchase.sku,
      purchase.title,
      formatCount(locale, purchase.quantity),
    ]),
  );
  out.text(table);
}

function printItemRecommendations(out: Output, locale: Locale, result: ItemRecommendations): void {
  out.text(cliText(locale, 'recommend.itemHeading', { sku: result.sku, title: result.title }));
  printRecommendationTable(out, locale, result.boughtTogether);
}

function printRecommendationTable(out: Output, locale: Locale, items: RecommendationView[]): void {
  if (items.length === 0) {
    out.text(cliText(locale, 'recommend.none'));
    return;
  }

  const table = renderTable(
    [
      { header: cliText(locale, 'table.rank'), align: 'right' },
      { header: cliText(locale, 'table.sku') },
      { header: cliText(locale, 'table.title'), maxWidth: 40 },
      { header: cliText(locale, 'table.score'), align: 'right' },
      // The last column, so it is never cut: a clipped reason can end inside a number ("by 8…" for 80).
      { header: cliText(locale, 'table.reason') },
    ],
    items.map((item) => [
      String(item.rank),
      item.sku,
      item.title,
      formatMetric(locale, item.score),
      engineText(locale, item.reason.key, item.reason.params, 'reason'),
    ]),
  );
  out.text(table);
}
