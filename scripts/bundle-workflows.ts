/**
 * Builds the workflow bundle a production worker loads with WORKER_WORKFLOW_BUNDLE:
 *
 *   npm run build:workflows [-- <path>]     (default dist/workflow-bundle.js)
 */
import { DEFAULT_WORKFLOW_BUNDLE_PATH, writeWorkflowBundle } from '../worker/workflow-bundle';

const written = await writeWorkflowBundle(process.argv[2] ?? DEFAULT_WORKFLOW_BUNDLE_PATH);
console.log(`workflow bundle: ${written.path} (${(written.bytes / 1024).toFixed(0)} KiB)`);
