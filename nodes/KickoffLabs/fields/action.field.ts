import type { ILoadOptionsFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { standaloneRun } from '../../shared/run';
import { requiredTextSchema } from '../../shared/validation';
import { actionListSchema } from '../transport/schemas';
import { campaignPath, kickoffLabs } from '../transport/service';
import { campaignIdForEditor } from './campaign.locator';

/** The campaign action a lead completes: the property, its option list and its rule, in one place. */
export const actionProperty: INodeProperties = {
	displayName: 'Action Name or ID',
	name: 'actionId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getActions', loadOptionsDependsOn: ['campaign.value'] },
	required: true,
	default: '',
	description:
		'The campaign action to mark as completed. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const actionIdSchema = requiredTextSchema().pipe(z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a KickoffLabs action ID, like 9001'));

/** The actions of the chosen campaign (or the credential's default one). */
export async function getActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const campaignId = await campaignIdForEditor(this, 'actions');
	const actions = await kickoffLabs.request(standaloneRun(this), { method: 'GET', path: campaignPath(campaignId, 'actions') }, actionListSchema);
	return actions.map((action) => ({
		name: action.text ?? action.name ?? `Action ${String(action.id)}`,
		value: String(action.id),
	}));
}
