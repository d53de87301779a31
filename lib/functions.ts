import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handlerEntry, HANDLERS, nodejsBundling, type HandlerName } from './bundling.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Per-handler sizing; everything else is shared. bench/cost.ts bills each function at its memory. */
export const SIZING: Record<HandlerName, { timeout: Duration; memorySize: number }> = {
  'plan-scan': { timeout: Duration.minutes(1), memorySize: 512 },
  // Fetching and parsing a column's list and detail pages (GBK decoding, cheerio) is CPU-bound.
  'crawl-column': { timeout: Duration.minutes(5), memorySize: 1024 },
  evaluate: { timeout: Duration.minutes(10), memorySize: 1024 },
  'send-digest': { timeout: Duration.minutes(5), memorySize: 512 },
  // API Gateway gives up after 29 s; longer checks continue through the crawl queue.
  api: { timeout: Duration.seconds(30), memorySize: 512 },
  // Probes of one host go one at a time, 15 s each at worst: portals sharing a host (a city's
  // bureaus under one domain) add up. Five minutes leaves room for a dozen timeouts in a row.
  probe: { timeout: Duration.minutes(5), memorySize: 512 },
};

export interface HandlerFunctionsProps {
  /** The validated portal config, as JSON text, inlined into every bundle. */
  readonly configJson: string;
  readonly environment: Record<string, string>;
}

/** The Lambdas of lib/bundling.ts, each with its own role and log group. */
export class HandlerFunctions extends Construct {
  readonly byName: Record<HandlerName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: HandlerFunctionsProps) {
    super(scope, id);
    const entries = HANDLERS.map((name) => [name, this.create(name, props)] as const);
    this.byName = Object.fromEntries(entries) as Record<HandlerName, NodejsFunction>;
  }

  private create(name: HandlerName, props: HandlerFunctionsProps): NodejsFunction {
    const scope = new Construct(this, name);
    const logGroup = new logs.LogGroup(scope, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any
    // log group in the account; this one writes only to the function's own group.
    const role = new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `disclosure-watch ${name} Lambda`,
    });
    logGroup.grantWrite(role);
    return new NodejsFunction(scope, 'Function', {
      entry: handlerEntry(name),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      role,
      logGroup,
      ...SIZING[name],
      environment: props.environment,
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      bundling: nodejsBundling(props.configJson),
    });
  }
}
