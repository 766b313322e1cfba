/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
/** What every shipped example tells on its canvas, and that the examples do not get in each other's way. */
import fs from 'node:fs';
import path from 'node:path';

import type { WorkflowJson } from '../../dev/engine';
import { loadWorkflow, repoRoot } from '../helpers/world';

const files = fs.readdirSync(path.join(repoRoot, 'examples')).filter((file) => file.endsWith('.json'));
const examples = files.map((file) => ({ file, workflow: loadWorkflow(`examples/${file}`) }));

function notesOf(workflow: WorkflowJson): string[] {
	return workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').map((node) => String(node.parameters.content));
}

/** The emails an example sends: those in its pinned items (messages included). */
function emailsOf(workflow: WorkflowJson): Set<string> {
	const pinned = JSON.stringify(workflow.pinData ?? {});
	return new Set([...pinned.matchAll(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g)].map((match) => match[0].toLowerCase()));
}

/** The examples that sign people up in KickoffLabs, which the published KickoffLabs-to-SendKit workflow hears. */
const signsUpInKickoffLabs = (workflow: WorkflowJson) =>
	workflow.nodes.some((node) => /kickoffLabs(Tool)?$/.test(node.type) && node.parameters.operation === 'create');

describe('the examples as shipped', () => {
	it('are all here', () => {
		expect(files.sort()).toEqual([
			'agent-waitlist-signup.json',
			'kickofflabs-signup-to-sendkit.json',
			'kickofflabs-waitlist-signup.json',
			'sendkit-create-leads.json',
			'sendkit-import-to-campaign.json',
		]);
	});

	it.each(examples.map(({ file, workflow }) => [file, workflow] as const))(
		'%s explains itself on its canvas: what it shows, and what running or trying it again does',
		(_file, workflow) => {
			const notes = notesOf(workflow).join('\n');
			expect(notes).toMatch(/^#{2} /m);
			expect(notes).toMatch(/again/i);
			// Whether an update adds to a lead's tags or replaces them is the node's Tags mode: notes do not promise either.
			expect(notes).not.toMatch(/replac\w*[^.]*\btags\b/i);
		},
	);

	it('each send their own emails, so no example finds another\'s leads already there', () => {
		const owners = new Map<string, string>();
		for (const { file, workflow } of examples) {
			for (const email of emailsOf(workflow)) {
				expect({ email, alsoIn: owners.get(email) }).toEqual({ email, alsoIn: undefined });
				owners.set(email, file);
			}
		}
		expect(owners.size).toBeGreaterThan(8);
	});

	it('say how they interact where they do: KickoffLabs signups also start the published KickoffLabs-to-SendKit workflow', () => {
		const interacting = examples.filter(({ workflow }) => signsUpInKickoffLabs(workflow) || workflow.nodes.some((node) => node.type.endsWith('kickoffLabsTrigger')));
		expect(interacting.map(({ file }) => file).sort()).toEqual([
			'agent-waitlist-signup.json',
			'kickofflabs-signup-to-sendkit.json',
			'kickofflabs-waitlist-signup.json',
		]);
		for (const { workflow } of interacting) {
			expect(notesOf(workflow).join('\n')).toMatch(/\*\*With the other examples:\*\*[^\n]*(published|starts this workflow)[^\n]*its own emails/);
		}
	});
});
