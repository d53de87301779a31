import { SDK_NODE_WARNING_OPT_OUT } from '../../bin/cli/node-version-notice.ts';

// Every test file creates AWS SDK clients, and on Node < 22 each copy of the SDK's core would
// print its Node-version warning into the test log. The SDK's own switch turns it off; processes
// the tests start (the CLI, bundled Lambdas) inherit it. The CLI's notice has its own test.
process.env[SDK_NODE_WARNING_OPT_OUT] = 'true';
