import type { INodeProperties } from 'n8n-workflow';

import { actionNodes } from '../helpers/nodes';

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

describe.each(actionNodes)('$folder tool descriptions', ({ node, operations }) => {
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
