import type { INodeProperties, INodeType } from 'n8n-workflow';

import { KickoffLabs } from '../../nodes/KickoffLabs/KickoffLabs.node';
import { operations as kickoffLabsOperations } from '../../nodes/KickoffLabs/actions/router';
import { SendKit } from '../../nodes/SendKit/SendKit.node';
import { operations as sendKitOperations } from '../../nodes/SendKit/actions/router';
import type { NodeOperations } from '../../nodes/shared/router';

const NODES: Array<[string, INodeType, NodeOperations]> = [
	['SendKit', new SendKit(), sendKitOperations],
	['KickoffLabs', new KickoffLabs(), kickoffLabsOperations],
];

/** Every resource/operation pair the node's Operation selectors offer. */
function offeredOperations(properties: INodeProperties[]): Array<[string, string]> {
	return properties
		.filter((property) => property.name === 'operation')
		.flatMap((selector) =>
			(selector.displayOptions?.show?.resource ?? []).flatMap((resource) =>
				(selector.options ?? []).map((option) => [String(resource), String((option as { value: unknown }).value)] as [string, string]),
			),
		);
}

describe.each(NODES)('%s tool descriptions', (_name, node, operations) => {
	const properties = node.description.properties;
	const toolDescriptions = properties.filter((property) => property.name === 'toolDescription');

	it('gives every operation one Description for the model, shown only on the tool form', () => {
		const offered = offeredOperations(properties);
		expect(offered.length).toBeGreaterThan(1);
		for (const [resource, operation] of offered) {
			const matching = toolDescriptions.filter(
				(property) =>
					property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions.show.operation?.includes(operation),
			);
			expect({ resource, operation, count: matching.length }).toEqual({ resource, operation, count: 1 });
			expect(matching[0].displayOptions?.show?.['@tool']).toEqual([true]);
		}
	});

	it('explains every outcome the operation can answer with, and the error outcome', () => {
		for (const [resource, list] of Object.entries(operations)) {
			for (const { option, outputs } of list) {
				const description = toolDescriptions.find(
					(property) =>
						property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions.show.operation?.includes(option.value),
				);
				const text = String(description?.default);
				expect(text).toContain('outcome "error":');
				// The outcomes are the operation's branch keys: a single-output one names its own (often "success").
				const outcomes = [...text.matchAll(/outcome "(?!error")([a-zA-Z]+)":/g)].map((match) => match[1]);
				expect(outcomes).toEqual(Object.keys(outputs));
			}
		}
	});
});
