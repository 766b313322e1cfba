import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isSuccess, parseResponseBody } from '../../shared/responses';
import { campaignIdOf } from '../actions/common';
import { SERVICE_NAME, campaignPath, kickoffLabsCredentials, kickoffLabsError, kickoffLabsRequest } from '../transport';
import { actionListSchema } from '../transport/responses';

/** The actions of the chosen campaign (or the credential's default one), for Complete Action. */
export async function getActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const nodeValue = this.getCurrentNodeParameter('campaign', { extractValue: true });
	const credentials = await kickoffLabsCredentials(this, 0);
	const campaign = campaignIdOf(nodeValue, credentials.campaignId);
	if (!campaign || !/^\d+$/.test(campaign.id)) {
		throw new NodeOperationError(
			this.getNode(),
			'Choose a campaign first (or set Default Campaign ID in the KickoffLabs credential) to list its actions',
		);
	}
	const response = await kickoffLabsRequest(this, { method: 'GET', path: campaignPath(campaign.id, 'actions') }, 0);
	if (!isSuccess(response)) throw kickoffLabsError(this, response, 0);
	const actions = parseResponseBody(this, SERVICE_NAME, actionListSchema, response, 0);
	return actions.map((action) => ({
		name: action.text ?? action.name ?? `Action ${String(action.id)}`,
		value: String(action.id),
	}));
}
