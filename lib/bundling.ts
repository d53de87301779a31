import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// How every Lambda is bundled. The stack (NodejsFunction) and the handler-bundle tests (esbuild
// directly) read this one list, so the tests exercise the same output the stack deploys.

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One entry per Lambda: its name in the stack and its file under functions/handlers/. */
export const HANDLERS = ['plan-scan', 'crawl-column', 'evaluate', 'send-digest', 'api'] as const;
export type HandlerName = (typeof HANDLERS)[number];

export const handlerEntry = (name: HandlerName) => join(root, 'functions', 'handlers', `${name}.ts`);

/** The identifier esbuild replaces with the portal config's JSON text (see functions/handlers/runtime.ts). */
export const CONFIG_DEFINE = 'DW_BUNDLED_CONFIG';

/** esbuild target matching the Lambda runtime in lib/ (Runtime.NODEJS_24_X). */
export const NODE_TARGET = 'node24';

/**
 * ESM output needs a real `require` for the CommonJS packages esbuild inlines (iconv-lite …):
 * the banner gives the module one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __dwCreateRequire } from 'node:module'; const require = __dwCreateRequire(import.meta.url);";

/** The config JSON as esbuild's `define` wants it: a JS expression evaluating to that text. */
export function configDefine(configJson: string): Record<string, string> {
  return { [CONFIG_DEFINE]: JSON.stringify(configJson) };
}

/** Packages the Lambda runtime already has; bundling them would only add cold-start weight. */
export const EXTERNAL_MODULES: string[] = [];

/**
 * The esbuild options NodejsFunction ends up using for these bundles, for the tests that
 * build and run the handlers without synthesizing the stack. Keep in step with the stack's
 * `bundling` block (tests/cdk compares the two).
 */
export function esbuildOptions(name: HandlerName, configJson: string, outfile: string) {
  return {
    entryPoints: [handlerEntry(name)],
    outfile,
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: NODE_TARGET,
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    banner: { js: ESM_REQUIRE_BANNER },
    define: configDefine(configJson),
    external: EXTERNAL_MODULES,
    logLevel: 'warning' as const,
  };
}
