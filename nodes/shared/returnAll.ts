import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

/** n8n's usual Return All / Limit pair, as every Get Many shows it. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const returnAllSchema = z.discriminatedUnion('returnAll', [
	z.object({ returnAll: z.literal(true) }),
	z.object({
		returnAll: z.literal(false),
		limit: z.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1'),
	}),
]);

/** How many items a Get Many returns: undefined for all. */
export function limitOf(input: z.infer<typeof returnAllSchema>): number | undefined {
	return input.returnAll ? undefined : input.limit;
}
