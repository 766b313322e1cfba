import type { WorkflowJson } from '../../dev/engine';
import type { Outputs } from '../../nodes/shared/runner';
import { loadWorkflow } from './world';

/**
 * The workflow fixture that sits beside an operation's tests, named by its path below test/ without the extension:
 * `fixture('kickofflabs/lead/create')` is test/kickofflabs/lead/create.workflow.json.
 */
export function fixture(name: string): WorkflowJson {
	return loadWorkflow(`test/${name}.workflow.json`);
}

/** Where a branch's items come out: its place in the operation's own outputs. */
export function outputIndex(outputs: Outputs, branch: string): number {
	const index = Object.keys(outputs).indexOf(branch);
	if (index < 0) throw new Error(`No output "${branch}" among ${Object.keys(outputs).join(', ')}`);
	return index;
}

/** The Error output ("Continue (using error output)"): n8n adds it after the operation's own outputs. */
export function errorOutputIndex(outputs: Outputs): number {
	return Object.keys(outputs).length;
}
