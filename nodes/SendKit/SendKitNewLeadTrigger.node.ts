import type { IPollFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readmeSection } from '../shared/documentation';
import { standaloneRun } from '../shared/run';
import { leadsAfter, newestLead } from './trigger/newLeads';

/** What the trigger keeps between polls, in the workflow's static data. */
interface PollState {
	/** Set once the first poll after activation has recorded where the lead list stood. */
	started?: boolean;
	/** The id of the newest lead seen; leads with a higher id are new. Null: there were no leads at all. */
	lastLeadId?: string | null;
}

/**
 * Starts the workflow once for every lead created in SendKit. SendKit has no lead-created webhook event, so the node
 * polls GET /v1/leads on n8n's polling schedule and keeps the id of the newest lead it has seen.
 */
export class SendKitNewLeadTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SendKit New Lead Trigger',
		documentationUrl: readmeSection('sendkit-new-lead-trigger-sendkitnewleadtrigger'),
		name: 'sendKitNewLeadTrigger',
		icon: { light: 'file:sendKit.svg', dark: 'file:sendKit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New lead',
		description: 'Starts the workflow on each new lead in SendKit (lead created, signup, import), checked on a schedule',
		defaults: { name: 'SendKit New Lead Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sendKitApi', required: true }],
		properties: [
			{
				displayName:
					'Each lead created after the workflow is published starts it once. Leads that exist when it is published do not. Fetch Test Event returns the newest lead.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const run = standaloneRun(this);
		if (this.getMode() === 'manual') {
			const newest = await newestLead(run);
			return newest ? [[{ json: newest }]] : null;
		}
		const state = this.getWorkflowStaticData('node') as PollState;
		if (!state.started) {
			const newest = await newestLead(run);
			state.lastLeadId = newest?._id ?? null;
			state.started = true;
			return null;
		}
		const fresh = await leadsAfter(run, state.lastLeadId ?? undefined);
		if (fresh.length === 0) return null;
		state.lastLeadId = fresh[fresh.length - 1]._id;
		return [fresh.map((lead) => ({ json: lead }))];
	}
}
