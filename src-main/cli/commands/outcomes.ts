import type { ExportOutcome } from '../../api/contract.ts';
import type { Locale } from '../../api/messages/index.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { formatCount, formatDate, formatPercent } from '../format.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';
import { renderTable } from '../render-table.ts';

export const outcomesCommand: Command = {
  name: 'outcomes',
  synopsis: 'shoprec outcomes [options]',
  summaryKey: 'command.outcomes',
  options: {},
  allowPositionals: false,
  run: runOutcomes,
};

async function runOutcomes(context: CommandContext): Promise<number> {
  const { locale, out } = context;
  const dir = workspaceFolder(context.values, context.env);
  const outcomes = await withWorkspace(dir, { create: false }, async (workspace) => workspace.outcomes());

  out.result({ outcomes });
  if (outcomes.length === 0) {
    out.text(cliText(locale, 'outcomes.none'));
    return EXIT_OK;
  }

  out.text(outcomesTable(locale, outcomes));
  out.text(cliText(locale, 'outcomes.explain', { days: outcomes[0]!.windowDays }));
  return EXIT_OK;
}

function outcomesTable(locale: Locale, outcomes: ExportOutcome[]): string {
  const rate = (value: number | null): string => (value === null ? '-' : formatPercent(locale, value));
  const ratio = (value: number | null): string =>
    value === null ? '-' : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);

  return renderTable(
    [
      { header: cliText(locale, 'table.export'), align: 'right' },
      { header: cliText(locale, 'table.format') },
      { header: cliText(locale, 'table.dataUntil') },
      { header: cliText(locale, 'table.observedUntil') },
      { header: cliText(locale, 'table.pairs'), align: 'right' },
      { header: cliText(locale, 'table.converted'), align: 'right' },
      { header: cliText(locale, 'table.purchaseRate'), align: 'right' },
      { header: cliText(locale, 'table.baseRate'), align: 'right' },
      { header: cliText(locale, 'table.lift'), align: 'right' },
      { header: cliText(locale, 'table.ctr'), align: 'right' },
    ],
    outcomes.map((outcome) => [
      `#${outcome.exportId}`,
      outcome.format,
      formatDate(outcome.dataWatermark),
      formatDate(outcome.observedUntil),
      formatCount(locale, outcome.recommendedPairs),
      formatCount(locale, outcome.convertedPairs),
      rate(outcome.purchaseRate),
      rate(outcome.baseRate),
      ratio(outcome.lift),
      rate(outcome.clickThrough?.recommended ?? null),
    ]),
  );
}
