import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { deletionOf, reportUnknownDeletions } from '../../../shared/deletion';
import { parseApiError } from '../../../shared/errors';
import type { BatchEntry, Routed } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import type { ApiRequest, ApiResponse } from '../../../shared/request';
import type { Run } from '../../../shared/run';
import { isSuccess } from '../../../shared/request';
import { campaignIdFor } from '../../fields/campaign.locator';
import type { LeadIdentifier } from '../../fields/identifier.fields';
import { identifierProperties, readIdentifier } from '../../fields/identifier.fields';
import { sendDeleteRequest } from '../../transport/deleteLeads';
import { deleteAnswerSchema } from '../../transport/schemas';
import { campaignPath, kickoffLabs, saysLeadNotFound } from '../../transport/service';

/** KickoffLabs bulk endpoints take at most 250 identifiers per request, all of one kind (docs: Bulk Overview). */
const MAX_IDENTIFIERS_PER_REQUEST = 250;

const outputs = { deleted: 'Deleted' } as const;

const properties = [
	toolDescriptionProperty('Removes a lead from the KickoffLabs campaign, by email, phone number or social ID. This cannot be undone.', {
		deleted:
			'KickoffLabs answered; "deleted" is "queued" (it deletes the lead within moments), true (deleted), false (there was no such lead, so nothing was deleted), or "unknown" (KickoffLabs deleted only some of the leads asked for at once and does not say which); "message" is KickoffLabs\'s own.',
	}),
	...identifierProperties(
		'deleteBy',
		['email', 'phoneNumber', 'socialId'],
		'How to name the leads to delete. The items are sent in batches of up to 250, one kind of identifier per request.',
	),
];

interface DeleteTarget {
	campaignId: string;
	identifier: LeadIdentifier;
}

/**
 * DELETE /v2/{campaign_id} with the identifiers as a JSON array (`{"email": [...]}`, or in the query string when
 * KickoffLabs does not read them there: transport/deleteLeads.ts): one request answers for up to
 * 250 items, so items are grouped by campaign and identifier kind and sent in batches. KickoffLabs queues the
 * deletion (202) and counts the leads it found, so each item's `deleted` says what that count tells of every lead of
 * its request (deletion.ts), with the API's message.
 */
export const deleteLeads = defineOperation({
	option: { name: 'Delete', value: 'delete', description: 'Remove leads from a campaign, up to 250 per request', action: 'Delete a lead' },
	properties,
	outputs,
	input: z.object({}),
	prepare: async ({ run, itemIndex }): Promise<DeleteTarget> => ({
		identifier: readIdentifier(run, 'deleteBy', itemIndex),
		campaignId: await campaignIdFor(run, itemIndex),
	}),
	maxBatchSize: MAX_IDENTIFIERS_PER_REQUEST,
	groupOf: ({ campaignId, identifier }) => `${campaignId} ${identifier.apiName}`,
	sendBatch: async ({ run, batch }) => await deleteBatch(run, batch),
});

async function deleteBatch(
	run: Run<IExecuteFunctions>,
	batch: ReadonlyArray<BatchEntry<DeleteTarget>>,
): Promise<Array<Routed<'deleted'>>> {
	const { context } = run;
	const { campaignId, identifier } = batch[0].value;
	const request = {
		method: 'DELETE',
		path: campaignPath(campaignId),
		body: { [identifier.apiName]: batch.map((entry) => entry.value.identifier.value) },
		itemIndex: batch[0].itemIndex,
	} satisfies ApiRequest;
	const response = await sendDeleteRequest(run, request);
	let outcome: IDataObject;
	if (isSuccess(response)) {
		// Only KickoffLabs's own answer counts as a deletion: an HTML page with a 200 is an error, not `deleted: true`.
		const answer = kickoffLabs.parse(context, response, deleteAnswerSchema, request);
		const accepted = response.statusCode === 202 ? 'queued' : true;
		const requested = new Set(batch.map((entry) => entry.value.identifier.value)).size;
		const deleted = typeof answer.deleted === 'number' ? deletionOf(requested, answer.deleted, accepted) : accepted;
		if (deleted === 'unknown') reportUnknownDeletions(run, 'KickoffLabs', batch.length);
		outcome = { deleted, message: answer.message ?? (accepted === 'queued' ? 'Queued for deletion' : 'Deleted') };
		if (typeof answer.deleted === 'number') outcome.deletedInRequest = answer.deleted;
	} else if (saysNoLead(context, response, request)) {
		outcome = { deleted: false, message: parseApiError(response.body).message ?? 'No leads found' };
	} else {
		throw kickoffLabs.error(context, response, request);
	}
	return batch.map((entry) => ({ branch: 'deleted', json: { [identifier.apiName]: entry.value.identifier.value, ...outcome } }));
}

/** "No leads found" (404) or "No leads to update" (400): nothing in the batch exists, so there is nothing to delete. */
function saysNoLead(context: IExecuteFunctions, response: ApiResponse, request: ApiRequest): boolean {
	if (saysLeadNotFound(context, response, request)) return true;
	const { message } = parseApiError(response.body);
	return response.statusCode === 400 && kickoffLabs.isApiAnswer(response) && message !== undefined && /^no (matching )?leads?\b/i.test(message);
}
