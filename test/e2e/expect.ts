/**
 * Declarative expectations for one workflow run by the real n8n CLI (`n8n execute --rawOutput`),
 * checked against the run data it prints and the requests the sandbox received.
 */
import type { RecordedRequest, RunningSandbox } from '../../sandbox';

/** A field value: equal to a literal, matching a RegExp (strings only), or just present/absent. */
export type Matcher = string | number | boolean | null | RegExp | { present: boolean };

export interface ItemCheck {
	node: string;
	/** Output index: 0, 1, ... and 2 for the Error output of a two-output node. */
	output: number;
	/** Item index on that output; 0 when left out. */
	item?: number;
	/** Dotted paths into the item's json, e.g. `email` or `customFields.industry`. */
	fields: Record<string, Matcher>;
}

export interface RequestCheck {
	api: 'sendKit' | 'kickoffLabs';
	method: string;
	path: RegExp;
	/** How many such requests the sandbox must have received. */
	count: number;
	/** Headers (lower-case names) each of those requests must carry; `{ present: false }` for absent. */
	headers?: Record<string, Matcher>;
	/** Dotted paths into the request body each of those requests must carry, e.g. `customFields.plan`. */
	body?: Record<string, Matcher>;
}

export interface WorkflowSpec {
	/** What the workflow proves, shown in the pass/fail line. */
	title: string;
	/** false: the run must fail (exit code 1 and a workflow error). Default true. */
	succeeds?: boolean;
	/**
	 * Items per output for each node, e.g. `{ SendKit: [1, 0] }`. Outputs left out must be empty.
	 * All zeros (or `[]`) also accepts a node that did not run because no item reached it.
	 */
	outputs?: Record<string, number[]>;
	items?: ItemCheck[];
	/** For a failing run: the node that failed and its error message. */
	error?: { node: string; message: RegExp };
	requests?: RequestCheck[];
	/** Runs before the workflow, after the sandbox was reset (faults, seeded state). */
	setup?: (sandbox: RunningSandbox) => void | Promise<void>;
	/** Further checks after the run (e.g. what the fake model received); each returned line is a failure. */
	verify?: (run: unknown, sandbox: RunningSandbox) => string[];
	/** Checks on the sandbox after the run (counters, stored state); returns the failures. */
	afterRun?: (sandbox: RunningSandbox) => string[];
}

/** What the sandbox received during one run. */
export type RequestLog = Record<RequestCheck['api'], RecordedRequest[]>;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `a.b.0.c` from a JSON value; undefined when any step is missing. */
export function getPath(value: unknown, dotted: string): unknown {
	let current: unknown = value;
	for (const key of dotted.split('.')) {
		if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
		else if (isRecord(current)) current = current[key];
		else return undefined;
	}
	return current;
}

interface NodeRun {
	error?: unknown;
	data?: { main?: Array<Array<{ json?: unknown }> | null> };
}

/** The first run of a node in the run data, or undefined when it did not run. */
function nodeRun(run: unknown, node: string): NodeRun | undefined {
	const runs = getPath(run, 'data.resultData.runData');
	if (!isRecord(runs)) return undefined;
	const list = runs[node];
	if (!Array.isArray(list) || list.length === 0 || !isRecord(list[0])) return undefined;
	return list[0] as NodeRun;
}

/** Items per output of a node's first run, or undefined when it did not run. */
export function outputCounts(run: unknown, node: string): number[] | undefined {
	const nodeData = nodeRun(run, node);
	if (!nodeData) return undefined;
	const main = nodeData.data?.main ?? [];
	return main.map((items) => (Array.isArray(items) ? items.length : 0));
}

export function outputItems(run: unknown, node: string, output: number): unknown[] {
	const main = nodeRun(run, node)?.data?.main ?? [];
	const items = main[output];
	return Array.isArray(items) ? items.map((item) => item.json) : [];
}

export function describe(value: unknown): string {
	if (value instanceof RegExp) return String(value);
	const text = JSON.stringify(value);
	return text === undefined ? 'undefined' : text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function matches(actual: unknown, expected: Matcher): boolean {
	if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual);
	if (isRecord(expected) && 'present' in expected) return (actual !== undefined && actual !== null) === expected.present;
	return actual === expected;
}

function padded(counts: number[], length: number): number[] {
	return Array.from({ length }, (_, index) => counts[index] ?? 0);
}

function errorMessage(run: unknown): string | undefined {
	const message = getPath(run, 'data.resultData.error.message');
	return typeof message === 'string' ? message : undefined;
}

/**
 * Every way the run differs from the spec, as readable lines; empty when it passed.
 * `exitCode` is the exit code of `n8n execute`.
 */
export function check(spec: WorkflowSpec, exitCode: number, run: unknown, requests: RequestLog): string[] {
	const failures: string[] = [];
	const succeeds = spec.succeeds ?? true;
	if (run === undefined) {
		return [`n8n printed no run data (exit code ${exitCode})`];
	}
	const workflowError = errorMessage(run);
	if (succeeds && (exitCode !== 0 || workflowError !== undefined)) {
		const lastNode = getPath(run, 'data.resultData.lastNodeExecuted');
		failures.push(
			`expected success, got exit code ${exitCode}` +
				(workflowError ? `, error in ${describe(lastNode)}: ${workflowError}` : ''),
		);
	}
	if (!succeeds) {
		if (exitCode === 0) failures.push('expected the run to fail, but n8n execute exited with 0');
		if (workflowError === undefined) failures.push('expected a workflow error in resultData.error, found none');
	}
	if (spec.error) {
		const lastNode = getPath(run, 'data.resultData.lastNodeExecuted');
		if (lastNode !== spec.error.node) {
			failures.push(`expected the error in node "${spec.error.node}", last node executed was ${describe(lastNode)}`);
		}
		const nodeError = getPath(nodeRun(run, spec.error.node), 'error.message');
		const message = typeof nodeError === 'string' ? nodeError : workflowError;
		if (message === undefined || !spec.error.message.test(message)) {
			failures.push(`expected error message ${String(spec.error.message)}, got ${describe(message)}`);
		}
	}
	for (const [node, expected] of Object.entries(spec.outputs ?? {})) {
		const actual = outputCounts(run, node);
		if (actual === undefined) {
			// A node whose input stays empty does not run at all: fine when no items were expected.
			if (expected.every((count) => count === 0)) continue;
			failures.push(`node "${node}" did not run (expected outputs ${describe(expected)})`);
			continue;
		}
		const length = Math.max(actual.length, expected.length);
		if (describe(padded(actual, length)) !== describe(padded(expected, length))) {
			failures.push(`node "${node}": items per output ${describe(actual)}, expected ${describe(expected)}`);
		}
	}
	for (const itemCheck of spec.items ?? []) {
		const index = itemCheck.item ?? 0;
		const items = outputItems(run, itemCheck.node, itemCheck.output);
		const where = `"${itemCheck.node}" output ${itemCheck.output} item ${index}`;
		if (index >= items.length) {
			failures.push(`${where}: no such item (${items.length} on that output)`);
			continue;
		}
		for (const [field, expected] of Object.entries(itemCheck.fields)) {
			const actual = getPath(items[index], field);
			if (!matches(actual, expected)) {
				failures.push(`${where}: ${field} = ${describe(actual)}, expected ${describe(expected)}`);
			}
		}
	}
	for (const requestCheck of spec.requests ?? []) {
		const seen = requests[requestCheck.api].filter(
			(request) => request.method === requestCheck.method && requestCheck.path.test(request.path),
		);
		for (const [header, expected] of Object.entries(requestCheck.headers ?? {})) {
			for (const request of seen) {
				if (!matches(request.headers[header], expected)) {
					failures.push(
						`${requestCheck.api}: ${request.method} ${request.path} header ${header} = ` +
							`${describe(request.headers[header])}, expected ${describe(expected)}`,
					);
				}
			}
		}
		for (const [field, expected] of Object.entries(requestCheck.body ?? {})) {
			for (const request of seen) {
				const actual = getPath(request.body, field);
				if (!matches(actual, expected)) {
					failures.push(`${requestCheck.api}: ${request.method} ${request.path} body ${field} = ${describe(actual)}, expected ${describe(expected)}`);
				}
			}
		}
		if (seen.length !== requestCheck.count) {
			const all = requests[requestCheck.api].map((request) => `${request.method} ${request.path}`).join(', ');
			failures.push(
				`${requestCheck.api}: ${seen.length} × ${requestCheck.method} ${String(requestCheck.path)}, expected ` +
					`${requestCheck.count} (received: ${all || 'nothing'})`,
			);
		}
	}
	return failures;
}
