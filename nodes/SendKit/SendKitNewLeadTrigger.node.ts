import type { IPollFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readmeSection } from '../shared/documentation';
import { standaloneRun } from '../shared/run';
import { findListEnd, newLeadsSince } from './trigger/newLeads';
import { readPollState, writePollState } from './trigger/pollState';

/**
 * Starts the workflow once for every lead created in SendKit. SendKit has no lead-created webhook event, so the node
 * polls GET /v1/leads on n8n's polling schedule and keeps the newest lead it has handled (its creation time and id).
 * SendKit does not document the list's order: the node reads it from the leads and works with either.
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
			const { newest } = await findListEnd(run);
			return newest ? [[{ json: newest }]] : null;
		}
		const staticData = this.getWorkflowStaticData('node');
		const state = readPollState(staticData);
		if (!state) {
			writePollState(staticData, (await findListEnd(run)).state);
			return null;
		}
		const { leads, state: next } = await newLeadsSince(run, state);
		writePollState(staticData, next);
		return leads.length > 0 ? [leads.map((lead) => ({ json: lead }))] : null;
	}
}
