import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BranchedItem } from '../../../shared/branching';
import { routeEachItem } from '../../../shared/branching';
import { isSuccess, parseResponseBody } from '../../../shared/responses';
import { SERVICE_NAME, campaignPath, isLeadNotFound, kickoffLabsError, kickoffLabsRequest } from '../../transport';
import { leadSchema } from '../../transport/responses';
import { campaignIdFor, identifierProperties, readIdentifier } from '../common';

export const outputs = { found: 'Found', notFound: 'Not Found' } as const;

export const description: INodeProperties[] = identifierProperties(
	'get',
	'getBy',
	['email', 'socialId', 'phoneNumber'],
	'How to find the lead',
);

/** GET /v2/{campaign_id}?email=… (or social_id, phone_number). A 404 goes to Not Found with the input item unchanged. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	return await routeEachItem(this, Object.keys(outputs), async (itemIndex): Promise<BranchedItem> => {
		const identifier = readIdentifier(this, 'getBy', itemIndex);
		const campaignId = await campaignIdFor(this, itemIndex);
		const response = await kickoffLabsRequest(
			this,
			{ method: 'GET', path: campaignPath(campaignId), qs: { [identifier.apiName]: identifier.value } },
			itemIndex,
		);
		if (isLeadNotFound(response)) return { branch: 'notFound', json: items[itemIndex].json };
		if (!isSuccess(response)) throw kickoffLabsError(this, response, itemIndex);
		return { branch: 'found', json: parseResponseBody(this, SERVICE_NAME, leadSchema, response, itemIndex) };
	});
}
