/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * What the queue-mode suite reads about a run: the executions of a workflow, which process ran each (n8n 2.41's
 * execution record does not name its worker, so each worker's own log line "Worker started execution <id>" does),
 * and the items a node put on each output (from the execution's run data, which n8n's REST API sends `flatted`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';

import type { RunningQueue } from '../../../dev/real-n8n/queue';
import type { ExecutionSummary } from '../../../dev/real-n8n/rest';
import { isRecord, sleep } from '../../../dev/real-n8n/util';

export const finished = (execution: ExecutionSummary): boolean => !['new', 'running', 'waiting'].includes(execution.status);

/** Waits until the workflow has at least `count` finished executions; returns them all. */
export async function waitForExecutions(queue: RunningQueue, workflowId: string, count: number, timeoutMs: number): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = await queue.rest.executions(workflowId);
		if (executions.filter(finished).length >= count || Date.now() > deadline) return executions;
		await sleep(500);
	}
}

/** The process whose log says it ran the execution, or every one that claims it when more than one does. */
export function processesThatRan(queue: RunningQueue, executionId: string): string[] {
	const line = new RegExp(`started execution ${executionId} \\(job`);
	return queue.processes.filter((child) => line.test(fs.readFileSync(child.logFile, 'utf8'))).map((child) => child.name);
}

interface Flatted {
	parse(text: string): unknown;
}

/** The items (their json) that `nodeName` put on each of its outputs in an execution. */
export async function nodeOutputs(queue: RunningQueue, executionId: string, nodeName: string): Promise<Array<Array<Record<string, unknown>>>> {
	const flatted = createRequire(path.join(queue.runtime.n8nDir, 'node_modules', 'n8n', 'package.json'))('flatted') as Flatted;
	const execution = await queue.rest.call('GET', `/executions/${executionId}`);
	const data = isRecord(execution) && typeof execution.data === 'string' ? flatted.parse(execution.data) : undefined;
	const resultData = isRecord(data) && isRecord(data.resultData) ? data.resultData : {};
	const runData = isRecord(resultData.runData) ? resultData.runData : {};
	const runs = Array.isArray(runData[nodeName]) ? (runData[nodeName] as unknown[]) : [];
	const first = runs.find(isRecord);
	const main = first && isRecord(first.data) && Array.isArray(first.data.main) ? (first.data.main as unknown[]) : [];
	return main.map((items) =>
		Array.isArray(items) ? items.filter(isRecord).map((item) => (isRecord(item.json) ? item.json : {})) : [],
	);
}
