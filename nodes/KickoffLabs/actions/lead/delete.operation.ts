import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchEntry, BranchedItem } from '../../../shared/branching';
import { routeInBatches } from '../../../shared/branching';
import { parseApiError } from '../../../shared/errors';
import { isSuccess, parseResponseBody } from '../../../shared/responses';
import type { ApiResponse } from '../../../shared/transport';
import { SERVICE_NAME, campaignPath, isLeadNotFound, kickoffLabsError, kickoffLabsRequest } from '../../transport';
import { deleteAnswerSchema } from '../../transport/responses';
import type { LeadIdentifier } from '../common';
import { campaignIdFor, identifierProperties, readIdentifier } from '../common';

/** KickoffLabs bulk endpoints take at most 250 identifiers per request, all of one kind (docs: Bulk Overview). */
export const MAX_IDENTIFIERS_PER_REQUEST = 250;

const BRANCH = 'deleted';

export const description: INodeProperties[] = identifierProperties(
	'delete',
	'deleteBy',
	['email', 'phoneNumber', 'socialId'],
	'How to name the leads to delete. The items are sent in batches of up to 250, one kind of identifier per request.',
);

interface DeleteTarget {
	campaignId: string;
	identifier: LeadIdentifier;
}

/**
 * DELETE /v2/{campaign_id} with the identifiers as a JSON array (`{"email": [...]}`): one request answers for up to
 * 250 items, so items are grouped by campaign and identifier kind and sent in batches. KickoffLabs queues the
 * deletion (202), so each item comes out with `deleted: "queued"` and the API's message.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeInBatches<DeleteTarget>(this, [BRANCH], {
		maxBatchSize: MAX_IDENTIFIERS_PER_REQUEST,
		prepareItem: async (itemIndex) => {
			const identifier = readIdentifier(this, 'deleteBy', itemIndex);
			const campaignId = await campaignIdFor(this, itemIndex);
			return { group: `${campaignId} ${identifier.apiName}`, value: { campaignId, identifier } };
		},
		sendBatch: async (_group, batch) => await deleteBatch(this, batch),
	});
}

async function deleteBatch(
	context: IExecuteFunctions,
	batch: ReadonlyArray<BatchEntry<DeleteTarget>>,
): Promise<BranchedItem[]> {
	const { campaignId, identifier } = batch[0].value;
	const firstItem = batch[0].itemIndex;
	const response = await kickoffLabsRequest(
		context,
		{
			method: 'DELETE',
			path: campaignPath(campaignId),
			body: { [identifier.apiName]: batch.map((entry) => entry.value.identifier.value) },
		},
		firstItem,
	);
	let outcome: IDataObject;
	if (isSuccess(response)) {
		const answer = parseResponseBody(context, SERVICE_NAME, deleteAnswerSchema, response, firstItem);
		outcome = {
			deleted: response.statusCode === 202 ? 'queued' : true,
			message: answer.message ?? (response.statusCode === 202 ? 'Queued for deletion' : 'Deleted'),
		};
		if (typeof answer.deleted === 'number') outcome.deletedInRequest = answer.deleted;
	} else if (matchesNoLead(response)) {
		outcome = { deleted: false, message: parseApiError(response.body).message ?? 'No leads found' };
	} else {
		throw kickoffLabsError(context, response, firstItem);
	}
	return batch.map((entry) => ({
		branch: BRANCH,
		json: { [identifier.apiName]: entry.value.identifier.value, ...outcome },
	}));
}

/** "No leads found" (404) or "No leads to update" (400): nothing in the batch exists, so there is nothing to delete. */
function matchesNoLead(response: ApiResponse): boolean {
	if (isLeadNotFound(response)) return true;
	const { message } = parseApiError(response.body);
	return response.statusCode === 400 && message !== undefined && /^no (matching )?leads?\b/i.test(message);
}
