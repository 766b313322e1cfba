/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * Which of the repository's examples and pictures a package ships: an example whose nodes of this project all belong
 * to the package's services, with the pictures named after it (docs/images/<example>.png, <example>-node.png).
 */
import * as fs from 'fs';
import * as path from 'path';

import { COMBINED, type PackageSpec, SERVICES, type ServiceParts } from './packages';

/** The repository's examples name node types by the combined package: `n8n-nodes-lead-capture.sendKit`. */
const TYPE_PREFIX = `${COMBINED}.`;

function serviceOfType(localType: string): ServiceParts | undefined {
	return Object.values(SERVICES).find((service) => localType.toLowerCase().startsWith(service.nodeFolder.toLowerCase()));
}

function projectNodeTypes(workflowJson: string): string[] {
	const workflow = JSON.parse(workflowJson) as { nodes?: Array<{ type?: string }> };
	return (workflow.nodes ?? [])
		.map((node) => node.type ?? '')
		.filter((type) => type.startsWith(TYPE_PREFIX))
		.map((type) => type.slice(TYPE_PREFIX.length));
}

export function examplesFor(spec: PackageSpec, repoRoot: string): string[] {
	const dir = path.join(repoRoot, 'examples');
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.filter((file) => {
			const types = projectNodeTypes(fs.readFileSync(path.join(dir, file), 'utf8'));
			return types.length > 0 && types.every((type) => spec.services.includes(serviceOfType(type) as ServiceParts));
		})
		.sort();
}

export function imagesFor(spec: PackageSpec, repoRoot: string): string[] {
	const examples = examplesFor(spec, repoRoot).map((file) => file.replace(/\.json$/, ''));
	return fs
		.readdirSync(path.join(repoRoot, 'docs', 'images'))
		.filter((file) => examples.some((example) => file === `${example}.png` || file === `${example}-node.png`))
		.sort();
}

/** An example as the package ships it: its node types renamed to the package's own, so it imports as it is. */
export function exampleForPackage(workflowJson: string, spec: PackageSpec): string {
	if (spec.name === COMBINED) return workflowJson;
	return workflowJson.split(`"${TYPE_PREFIX}`).join(`"${spec.name}.`);
}
