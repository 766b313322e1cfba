import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { mapEachItem } from '../../../shared/branching';
import { isSuccess, parseResponseBody } from '../../../shared/responses';
import { parseItemInput } from '../../../shared/validation';
import { SERVICE_NAME, campaignPath, kickoffLabsError, kickoffLabsRequest } from '../../transport';
import { messageSchema } from '../../transport/responses';
import { campaignIdFor, fieldLabels, identifierProperties, readIdentifier } from '../common';

const show = { resource: ['lead'], operation: ['completeAction'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Action Name or ID',
		name: 'actionId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getActions', loadOptionsDependsOn: ['campaign.value'] },
		required: true,
		default: '',
		description:
			'The campaign action to mark as completed. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	...identifierProperties('completeAction', 'identifyBy', ['email', 'socialId'], 'How to find the lead'),
];

const inputSchema = z.object({
	actionId: z
		.union([z.string(), z.number()], { required_error: 'is required', invalid_type_error: 'must be text' })
		.transform((value) => String(value).trim())
		.pipe(
			z
				.string()
				.min(1, 'is required')
				.regex(/^[A-Za-z0-9_-]+$/, 'must be a KickoffLabs action ID, like 9001'),
		),
});

/** POST /v2/{campaign_id}/actions/{action_id} with the lead's email or social id. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await mapEachItem(this, async (itemIndex) => {
		const { actionId } = parseItemInput(
			this,
			inputSchema,
			{ actionId: this.getNodeParameter('actionId', itemIndex, '') },
			fieldLabels,
			itemIndex,
		);
		const identifier = readIdentifier(this, 'identifyBy', itemIndex);
		const campaignId = await campaignIdFor(this, itemIndex);
		const response = await kickoffLabsRequest(
			this,
			{
				method: 'POST',
				path: campaignPath(campaignId, 'actions', actionId),
				body: { [identifier.apiName]: identifier.value },
			},
			itemIndex,
		);
		if (!isSuccess(response)) throw kickoffLabsError(this, response, itemIndex);
		const answer = parseResponseBody(this, SERVICE_NAME, messageSchema, response, itemIndex);
		return { [identifier.apiName]: identifier.value, actionId, success: true, message: answer.message };
	});
}
