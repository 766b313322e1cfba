/**
 * Expectations for the e2e-only workflows in test/e2e/workflows/, keyed by file name, and the
 * extra credentials they use (besides the two sandbox credentials of the examples).
 */
import type { RunningSandbox } from '../../sandbox';
import type { CredentialImport } from '../../dev/real-n8n/n8n';
import type { WorkflowSpec } from './expect';

const LEAD_ID = /^[a-f0-9]{24}$/;

export function extraCredentials(sandbox: RunningSandbox): CredentialImport[] {
	return [
		{
			id: 'sendKitWrongKey1',
			name: 'SendKit wrong key',
			type: 'sendKitApi',
			data: { apiKey: `sk_${'0'.repeat(48)}`, workspaceId: '', baseUrl: sandbox.sendKit.url },
		},
		{
			id: 'sendKitPlatform1',
			name: 'SendKit platform key',
			type: 'sendKitApi',
			data: { apiKey: sandbox.sendKit.platformKey, workspaceId: sandbox.sendKit.workspaceId, baseUrl: sandbox.sendKit.url },
		},
		{
			id: 'sendKitOtherWsp1',
			name: 'SendKit foreign workspace',
			type: 'sendKitApi',
			data: {
				apiKey: sandbox.sendKit.platformKey,
				workspaceId: sandbox.sendKit.otherWorkspaceId,
				baseUrl: sandbox.sendKit.url,
			},
		},
		{
			id: 'kickoffLabsBadK1',
			name: 'KickoffLabs wrong key',
			type: 'kickoffLabsApi',
			data: { apiKey: '0'.repeat(32), campaignId: sandbox.kickoffLabs.defaultCampaignId, baseUrl: sandbox.kickoffLabs.url },
		},
	];
}

export const e2eCases: Record<string, WorkflowSpec> = {
	'sendkit-duplicate.json': {
		title: 'same email twice: Created, then Existing Lead (no update)',
		outputs: { 'Create Lead': [1, 0], 'Create Same Email': [0, 1] },
		items: [
			{ node: 'Create Lead', output: 0, fields: { email: 'dup@example.com', firstName: 'Ada', _id: LEAD_ID } },
			{
				node: 'Create Same Email',
				output: 1,
				fields: { email: 'dup@example.com', firstName: 'Ada', _id: LEAD_ID, conflict: { present: true } },
			},
		],
		requests: [
			{ api: 'sendKit', method: 'POST', path: /^\/v1\/leads$/, count: 2, headers: { 'x-workspace-id': { present: false } } },
			{ api: 'sendKit', method: 'PATCH', path: /^\/v1\/leads\//, count: 0 },
		],
	},
	'sendkit-error-output.json': {
		title: 'invalid email goes to the Error output, the valid one to Created',
		outputs: { 'Create Lead': [1, 0, 1], Created: [1], 'Already Exists': [], Failed: [1] },
		items: [
			{ node: 'Create Lead', output: 0, fields: { email: 'valid@example.com', firstName: 'Val' } },
			{ node: 'Create Lead', output: 2, fields: { error: /email/i } },
		],
		// The invalid email is rejected by the node before any request.
		requests: [{ api: 'sendKit', method: 'POST', path: /^\/v1\/leads$/, count: 1 }],
	},
	'sendkit-wrong-key.json': {
		title: 'a wrong API key fails the node with the API message',
		succeeds: false,
		error: { node: 'Create Lead', message: /invalid or missing api key/i },
		requests: [{ api: 'sendKit', method: 'POST', path: /^\/v1\/leads$/, count: 1 }],
	},
	'sendkit-update-existing.json': {
		title: 'Update Existing Lead PATCHes the duplicate and keeps other fields',
		outputs: { 'Create Lead': [1, 0], 'Create Or Update': [0, 1], 'Get By Email': [1, 0] },
		items: [
			{ node: 'Create Lead', output: 0, fields: { firstName: 'Old', companyName: 'Acme' } },
			{
				node: 'Create Or Update',
				output: 1,
				fields: {
					email: 'update@example.com',
					firstName: 'New',
					companyName: 'Acme',
					jobTitle: 'CTO',
					'customFields.industry': 'SaaS',
				},
			},
			{ node: 'Get By Email', output: 0, fields: { firstName: 'New', jobTitle: 'CTO', companyName: 'Acme' } },
		],
		requests: [
			{ api: 'sendKit', method: 'POST', path: /^\/v1\/leads$/, count: 2 },
			{ api: 'sendKit', method: 'PATCH', path: /^\/v1\/leads\/[a-f0-9]{24}$/, count: 1 },
		],
	},
	'sendkit-get.json': {
		title: 'Get: Not Found feeds Create, then Get by ID finds the new lead',
		outputs: { 'Get Missing': [0, 1], 'Create Lead': [1, 0], 'Get By ID': [1, 0] },
		items: [{ node: 'Get By ID', output: 0, fields: { email: 'nobody@example.com', lastName: 'Body', _id: LEAD_ID } }],
	},
	'sendkit-campaign-lifecycle.json': {
		title: 'a lead added to an active campaign, verified (job polled), refused delete naming the campaign, then deleted with Force',
		outputs: {
			'Create Lead': [1, 0],
			'Add to Campaign': [1, 0],
			'Verify Email': [1],
			'Delete Without Force': [0, 1],
			'Delete With Force': [1],
		},
		items: [
			{ node: 'Add to Campaign', output: 0, fields: { status: 'added', campaignStatus: 'active', leadId: LEAD_ID } },
			{
				node: 'Verify Email',
				output: 0,
				fields: { email: 'member@example.com', 'verification.status': 'completed', 'verification.emailStatus': 'deliverable' },
			},
			{ node: 'Delete Without Force', output: 1, fields: { error: /active campaigns: Q3 Founders Outreach/ } },
			{ node: 'Delete With Force', output: 0, fields: { deleted: true, leadId: LEAD_ID } },
		],
		requests: [
			{ api: 'sendKit', method: 'POST', path: /^\/v1\/enrichment\/enrich$/, count: 1 },
			{ api: 'sendKit', method: 'DELETE', path: /^\/v1\/leads$/, count: 2 },
		],
	},
	'sendkit-platform-key.json': {
		title: 'a platform key sends X-Workspace-Id from the credential',
		outputs: { 'Create Lead': [1, 0] },
		items: [{ node: 'Create Lead', output: 0, fields: { email: 'platform@example.com' } }],
		requests: [
			{ api: 'sendKit', method: 'POST', path: /^\/v1\/leads$/, count: 1, headers: { 'x-workspace-id': /^[a-f0-9]{24}$/ } },
		],
	},
	'sendkit-foreign-workspace.json': {
		title: 'a platform key on a workspace it is not a member of fails with 403',
		succeeds: false,
		error: { node: 'Create Lead', message: /permission|forbidden/i },
	},
	'kickofflabs-new-existing.json': {
		title: 'New Lead, then Existing Lead for the same email; Get finds it only in its campaign',
		outputs: {
			'Create Lead': [1, 0],
			'Create Again': [0, 1],
			'Get Lead': [1, 0],
			'Get In Other Campaign': [0, 1],
		},
		items: [
			{ node: 'Create Lead', output: 0, fields: { email: 'kay@example.com' } },
			{
				node: 'Create Again',
				output: 1,
				// An existing lead is updated: the new last name joins the first name from before.
				fields: { email: 'kay@example.com', first_name: 'Kay', family_name: 'Lovelace', social_id: { present: true } },
			},
			{ node: 'Get Lead', output: 0, fields: { email: 'kay@example.com' } },
		],
		requests: [
			{ api: 'kickoffLabs', method: 'POST', path: /^\/v2\/135544$/, count: 2 },
			{ api: 'kickoffLabs', method: 'GET', path: /^\/v2\/135545$/, count: 1 },
		],
	},
	'kickofflabs-wrong-key.json': {
		title: 'a wrong API key fails the node with the API message',
		succeeds: false,
		error: { node: 'Create Lead', message: /invalid api key/i },
	},
	'sendkit-concurrency.json': {
		title: 'Options > Concurrency 3 reaches the node through n8n: at most and at least 3 creates in flight',
		setup: (sandbox) => sandbox.sendKit.control.setFaults({ latencyMs: 60 }),
		outputs: { 'Thirty Leads': [30], 'Create Lead': [30, 0] },
		items: [{ node: 'Create Lead', output: 0, item: 29, fields: { email: 'pool29@example.com' } }],
		requests: [{ api: 'sendKit', method: 'POST', path: /^\/v1\/leads$/, count: 30 }],
		afterRun: (sandbox) => {
			const peak = sandbox.sendKit.control.stats.peakInFlight;
			return peak === 3 ? [] : [`expected 3 requests in flight at the peak (the Concurrency option), saw ${peak}`];
		},
	},
	'sendkit-rate-limited.json': {
		title: 'a 429 with Retry-After is waited out, then the lead is created',
		setup: (sandbox) => sandbox.sendKit.control.setFaults({ queue: [{ status: 429, retryAfterSeconds: 1 }] }),
		outputs: { 'Create Lead': [1, 0] },
		items: [{ node: 'Create Lead', output: 0, fields: { email: 'patient@example.com' } }],
		requests: [{ api: 'sendKit', method: 'POST', path: /^\/v1\/leads$/, count: 2 }],
	},
	'sendkit-custom-fields-json.json': {
		title: 'Custom Fields (JSON) from an expression reach SendKit, beside the list (its blank row ignored)',
		outputs: { 'Create Lead': [1, 0] },
		items: [{ node: 'Create Lead', output: 0, fields: { 'customFields.plan': 'pro', 'customFields.seats': '12', 'customFields.industry': 'SaaS' } }],
		requests: [
			{
				api: 'sendKit',
				method: 'POST',
				path: /^\/v1\/leads$/,
				count: 1,
				body: { 'customFields.plan': 'pro', 'customFields.seats': '12', 'customFields.industry': 'SaaS' },
			},
		],
	},
	'sendkit-custom-fields-expression.json': {
		title: 'Custom Fields given as one expression for the whole list go to the Error output, pointing to Custom Fields (JSON)',
		outputs: { 'Create Lead': [0, 0, 1] },
		items: [{ node: 'Create Lead', output: 2, fields: { error: /^Invalid "Custom Fields" in item 0: .*"Custom Fields \(JSON\)"/ } }],
		requests: [{ api: 'sendKit', method: 'POST', path: /^\/v1\/leads$/, count: 0 }],
	},
	'kickofflabs-custom-fields-json.json': {
		title: 'Custom Fields (JSON) from an expression reach KickoffLabs; an untouched Points field is not sent',
		outputs: { 'Create Lead': [1, 0] },
		items: [{ node: 'Create Lead', output: 0, fields: { email: 'json-fields@example.com' } }],
		requests: [
			{ api: 'kickoffLabs', method: 'POST', path: /^\/v2\/135544$/, count: 1, body: { company: 'Acme', points: { present: false } } },
		],
	},
};
