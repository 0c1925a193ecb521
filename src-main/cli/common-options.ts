import path from 'node:path';

import { stringOption, type OptionSpecs, type OptionValues } from './args.ts';
import { defaultWorkspace } from './data-folder.ts';

/** Options every command accepts; a command may replace one, as `demo` does for `--workspace`. */
export const COMMON_OPTIONS: OptionSpecs = {
  workspace: {
    type: 'string',
    valueName: 'DIR',
    helpKey: 'option.workspace',
    helpParams: () => ({ path: defaultWorkspace() }),
  },
  json: { type: 'boolean', helpKey: 'option.json' },
  lang: { type: 'string', valueName: 'en|zh-CN', helpKey: 'option.lang' },
  progress: { type: 'boolean', helpKey: 'option.progress' },
  help: { type: 'boolean', short: 'h', helpKey: 'option.help' },
};

/** Returns the absolute workspace folder: `--workspace`, else SHOPREC_WORKSPACE, else the default. */
export function workspaceFolder(values: OptionValues, env: NodeJS.ProcessEnv): string {
  const requestedFolder = stringOption(values, 'workspace');
  return requestedFolder ? path.resolve(requestedFolder) : defaultWorkspace(env);
}
