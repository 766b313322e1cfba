/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * What Settings > Community Nodes shows for an installed package: its entry in n8n's GET /rest/community-packages
 * answer (the same in n8n 1.123 and 2.41), with its version and exactly the nodes its package.json lists.
 */
import * as path from 'path';
import { isRecord } from './util';

export interface ExpectedListing {
	name: string;
	version: string;
	/** package.json `n8n.nodes`: dist/nodes/KickoffLabs/KickoffLabs.node.js is listed as `<name>.kickoffLabs`. */
	nodes: string[];
}

/** What is wrong with the listing `listed` (the answer's data) for `expected`; empty when nothing is. */
export function communityListingFailures(listed: unknown, expected: ExpectedListing): string[] {
	if (!Array.isArray(listed)) return [`GET /rest/community-packages did not answer a list: ${JSON.stringify(listed).slice(0, 200)}`];
	const entry = listed.find((item) => isRecord(item) && item.packageName === expected.name);
	if (!isRecord(entry)) {
		return [`Settings > Community Nodes does not list ${expected.name}; it lists: ${JSON.stringify(listed).slice(0, 300)}`];
	}
	const failures: string[] = [];
	if (entry.installedVersion !== expected.version) {
		failures.push(`listed version ${String(entry.installedVersion)}, expected ${expected.version} (package.json)`);
	}
	const types = Array.isArray(entry.installedNodes)
		? entry.installedNodes.map((node) => (isRecord(node) ? String(node.type) : '')).sort()
		: [];
	const wanted = expected.nodes
		.map((file) => path.basename(file, '.node.js'))
		.map((className) => `${expected.name}.${className.charAt(0).toLowerCase()}${className.slice(1)}`)
		.sort();
	if (JSON.stringify(types) !== JSON.stringify(wanted)) failures.push(`listed nodes ${JSON.stringify(types)}, expected ${JSON.stringify(wanted)}`);
	if (entry.failedLoading === true) failures.push('n8n marks the package as failed to load');
	return failures;
}
