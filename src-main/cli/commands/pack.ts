import path from 'node:path';

import type { KnowledgePackManifest } from '../../api/contract.ts';
import type { Locale } from '../../api/messages/index.ts';
import { UsageError } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { formatCount, formatDateTime } from '../format.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';

export const packCommand: Command = {
  name: 'pack',
  synopsis: 'shoprec pack (export FILE [--no-customers] | import FILE) [options]',
  summaryKey: 'command.pack',
  options: {
    'no-customers': { type: 'boolean', helpKey: 'option.noCustomers' },
  },
  allowPositionals: true,
  run: runPack,
};

async function runPack(context: CommandContext): Promise<number> {
  const { locale, out, values } = context;
  const [action, file, ...extra] = context.positionals;
  if ((action !== 'export' && action !== 'import') || file === undefined) throw new UsageError('usage.packAction');
  if (extra.length > 0) throw new UsageError('usage.unexpectedArgument', { value: extra[0]! });
  const target = path.resolve(file);
  const dir = workspaceFolder(values, context.env);

  if (action === 'export') {
    const includeCustomers = values['no-customers'] !== true;
    const manifest = await withWorkspace(dir, { create: false }, async (workspace) =>
      workspace.exportKnowledgePack(target, { includeCustomers }),
    );
    out.text(cliText(locale, 'pack.exported', { path: target, ...manifestCounts(locale, manifest) }));
    out.result({ path: target, manifest });
    return EXIT_OK;
  }

  const manifest = await withWorkspace(dir, { create: true }, async (workspace) => workspace.importKnowledgePack(target));
  out.text(
    cliText(locale, 'pack.imported', {
      path: target,
      source: manifest.sourceWorkspaceId,
      createdAt: formatDateTime(manifest.createdAt),
      ...manifestCounts(locale, manifest),
    }),
  );
  out.result({ path: target, manifest });
  return EXIT_OK;
}

function manifestCounts(locale: Locale, manifest: KnowledgePackManifest): Record<string, string> {
  return {
    items: formatCount(locale, manifest.counts.items ?? 0),
    versions: formatCount(locale, manifest.counts.model_versions ?? 0),
    customers: formatCount(locale, manifest.counts.customers ?? 0),
  };
}
