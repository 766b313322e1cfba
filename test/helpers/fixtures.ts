import type { WorkflowJson } from '../../dev/engine';
import { loadWorkflow } from './world';

/**
 * The workflow fixture that sits beside an operation's tests, named by its path below test/ without the extension:
 * `fixture('kickofflabs/lead/create')` is test/kickofflabs/lead/create.workflow.json.
 */
export function fixture(name: string): WorkflowJson {
	return loadWorkflow(`test/${name}.workflow.json`);
}
