import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError, loadConfig } from '../functions/config/load-config.ts';
import { ContextError } from '../lib/context.ts';
import { DEFAULT_SENDER_EMAIL, DisclosureWatchStack } from '../lib/disclosure-watch-stack.ts';

// The portal config is validated here and bundled into every Lambda as JSON text, rather than
// kept in SSM or S3: a config change (a new column, a new recipient) is then a reviewed deploy
// like any code change, the handlers need no runtime call to read it, and it is validated twice:
// here at synth, so a broken file never deploys, and again at cold start by the same schema.

const app = new App();
const configFile = String(app.node.tryGetContext('config') ?? 'deploy/portals.example.json');

let configJson: string;
try {
  configJson = JSON.stringify(loadConfig(configFile));
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}

// The stack reads its own context too (probeEveryMinutes, alertEnv: lib/context.ts); a value
// that does not fit stops the synth with the key and the fix, like a broken config.
try {
  new DisclosureWatchStack(app, 'DisclosureWatch', {
    description: 'disclosure-watch: compliance monitor for government information-disclosure portals',
    configJson,
    senderEmail: app.node.tryGetContext('senderEmail') ?? DEFAULT_SENDER_EMAIL,
    sesIdentity: app.node.tryGetContext('sesIdentity'),
  });
} catch (err) {
  if (!(err instanceof ContextError)) throw err;
  console.error(err.message);
  process.exit(1);
}

// cdk-nag 3 is a CDK policy-validation plugin: any unacknowledged finding fails the synth.
// The acknowledgements, each with its reason, are all in lib/nag-suppressions.ts.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
