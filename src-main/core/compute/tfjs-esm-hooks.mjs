/**
 * Node module hooks that let plain Node load tfjs-core's ES module tree (dist/**), which only
 * bundlers can resolve as published: its relative imports leave out the ".js" extension, one of
 * them ("./gradients") names both a file and a folder, and the package does not declare
 * "type": "module". Only specifiers inside @tensorflow/tfjs-core/dist are touched.
 */
const TFJS_CORE_DIST = '/@tensorflow/tfjs-core/dist/';

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL ?? '';
  const inside = parent.includes(TFJS_CORE_DIST) && specifier.startsWith('.');
  if (inside && !specifier.endsWith('.js')) {
    return { ...(await nextResolve(`${specifier}.js`, context)), format: 'module' };
  }
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.includes(TFJS_CORE_DIST) && !resolved.url.endsWith('.node.js')) {
    return { ...resolved, format: 'module' };
  }
  return resolved;
}
