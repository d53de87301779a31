import { fileURLToPath } from 'node:url';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { dirname, join } from 'node:path';

// How every Lambda is bundled. The stack (NodejsFunction) and the handler-bundle tests (esbuild
// directly) read this one list, so the tests exercise the same output the stack deploys.

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One entry per Lambda: its name in the stack and its file under functions/handlers/. */
export const HANDLERS = ['plan-scan', 'crawl-column', 'evaluate', 'send-digest', 'api', 'probe'] as const;
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

/**
 * Packages left to the Lambda runtime. None: the runtime's AWS SDK would make the bundles ~350 KB
 * smaller, but loading it from node_modules (many unminified files) took longer than compiling it
 * inside the bundle (bench/lambda.ts: evaluate's cold import ~2x the CPU), and a bundled SDK is the
 * version the tests ran.
 */
export const EXTERNAL_MODULES: string[] = [];

/** The stack's bundling block for every NodejsFunction: local esbuild, never Docker. */
export function nodejsBundling(configJson: string): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: NODE_TARGET,
    sourceMap: true,
    // The map keeps file:line for stack traces; the sources themselves would only make it bigger,
    // and --enable-source-maps (the stack's NODE_OPTIONS) reads the whole map at every cold start.
    sourcesContent: false,
    minify: true,
    banner: ESM_REQUIRE_BANNER,
    define: configDefine(configJson),
    externalModules: EXTERNAL_MODULES,
    mainFields: ['module', 'main'],
    forceDockerBundling: false,
  };
}

/**
 * The same bundling as plain esbuild options, for the tests that build and run the handlers
 * without synthesizing the stack. Derived from nodejsBundling, so the two cannot drift.
 */
export function esbuildOptions(name: HandlerName, configJson: string, outfile: string) {
  const b = nodejsBundling(configJson);
  return {
    entryPoints: [handlerEntry(name)],
    outfile,
    bundle: true,
    platform: 'node' as const,
    format: b.format === OutputFormat.ESM ? ('esm' as const) : ('cjs' as const),
    target: b.target,
    mainFields: b.mainFields,
    minify: b.minify,
    sourcemap: b.sourceMap,
    sourcesContent: b.sourcesContent,
    banner: { js: b.banner ?? '' },
    define: b.define,
    external: b.externalModules,
    logLevel: 'warning' as const,
  };
}
