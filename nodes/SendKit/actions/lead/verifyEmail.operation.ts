import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { z } from 'zod';

import type { BatchEntry, Routed } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import type { Run } from '../../../shared/run';
import { inputJson } from '../../../shared/runner';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { emailProperty, emailSchema } from '../../../shared/validation';
import { leadIdProperty, leadIdSchema } from '../../fields/leadId.field';
import type { EnrichmentJob } from '../../transport/schemas';
import { enrichEnvelopeSchema, jobEnvelopeSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';
import { findLeadByEmail, getLeadById } from './lookup';

/**
 * Leads per enrichment request. SendKit documents no maximum; 1,000 keeps one job per request manageable (INFERRED).
 */
const MAX_LEADS_PER_JOB = 1000;

const outputs = { success: 'Success', notFound: 'Not Found' } as const;

/** Version 1 had one output, where a lead SendKit did not have came out with the status leadNotFound. */
const NOT_FOUND_OUTPUT_SINCE = 1.1;
const versionOneOutputs = { success: 'Success' } as const;

/** Before version 1.1 a lead was verified by ID only: those workflows keep that, with no Verify By stored. */
const versionOne = { '@version': [{ _cnd: { lt: NOT_FOUND_OUTPUT_SINCE } }] };
const sinceVersionOneOne = { '@version': [{ _cnd: { gte: NOT_FOUND_OUTPUT_SINCE } }] };

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Checks whether a SendKit lead\'s email address can receive mail (costs one SendKit credit), by the lead\'s email or lead ID, and waits for the result.',
		{
			success: 'the lead with "verification": "status" (completed, failed, timedOut, started) and "emailStatus" (deliverable, undeliverable, risky, unknown). Only tell the user an address is good when emailStatus is deliverable.',
			notFound: 'SendKit has no such lead, so nothing was verified; only what was looked for (email or leadId) is returned. A create tool can add it first.',
		},
	),
	{ displayName: 'Verify By', name: 'verifyBy', type: 'hidden', default: 'id', displayOptions: { show: versionOne } },
	{
		displayName: 'Verify By',
		name: 'verifyBy',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		options: [
			{ name: 'Email', value: 'email', description: 'Find the lead with this exact email (one search per item), then verify it' },
			{ name: 'Lead ID', value: 'id', description: 'The lead\'s _id' },
		],
		displayOptions: { show: sinceVersionOneOne },
	},
	{ ...emailProperty('The lead\'s email, matched exactly, ignoring case'), displayOptions: { show: { verifyBy: ['email'] } } },
	{
		...leadIdProperty,
		description: 'The _id of the lead whose email to verify. Items are verified together, in one job per 1,000 leads.',
		displayOptions: { show: { verifyBy: ['id'] } },
	},
	{
		displayName: 'Email verification costs one SendKit credit per lead (charged when the job starts)',
		name: 'creditsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Detect Secure Email Gateway',
				name: 'detectSeg',
				type: 'boolean',
				default: true,
				description: 'Whether to also detect a Secure Email Gateway (Proofpoint, Mimecast, …) in front of the mailbox; free',
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 120,
				description: 'How long to wait for the job. A job still running then is reported with status timedOut, not as an error.',
			},
			{
				displayName: 'Return Job Without Waiting',
				name: 'returnJob',
				type: 'boolean',
				default: false,
				description: 'Whether to return at once with the started job (its jobId) instead of waiting for the results',
			},
		],
	},
];

const leadSchema = z.discriminatedUnion('verifyBy', [
	z.object({ verifyBy: z.literal('email'), email: emailSchema }),
	z.object({ verifyBy: z.literal('id'), leadId: leadIdSchema.transform((id) => id.toLowerCase()) }),
]);

const inputSchema = leadSchema.and(z.object({
	options: z.object({
		detectSeg: z.boolean({ invalid_type_error: 'must be true or false' }).default(true),
		maxWaitSeconds: z.number({ invalid_type_error: 'must be a number' }).min(1, 'must be at least 1').max(3600, 'must be at most 3600').default(120),
		returnJob: z.boolean({ invalid_type_error: 'must be true or false' }).default(false),
	}),
}));

type VerifyInput = z.infer<typeof inputSchema>;

const TERMINAL_STATUSES = new Set(['completed', 'failed', 'cancelled']);
const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 5000;

/**
 * Verification is asynchronous (docs/api-notes.md#sendkit-enrichment-and-email-verification): POST
 * /v1/enrichment/enrich starts a job, GET /v1/enrichment/jobs/{id} is polled with a growing interval up to Max Wait,
 * then each lead is read again for its result. A failed, cancelled or unfinished job or an `unknown` verdict is an
 * outcome on the item, never an error; a lead SendKit does not have goes to Not Found (version 1: status leadNotFound).
 */
export const verifyEmail = defineOperation({
	option: {
		name: 'Verify Email',
		value: 'verifyEmail',
		description: 'Verify leads\' emails (one credit each) by email or ID; a missing lead goes to the Not Found output',
		action: 'Verify lead emails',
	},
	properties,
	outputs,
	outputsBefore: { inVersion: NOT_FOUND_OUTPUT_SINCE, outputs: versionOneOutputs },
	input: inputSchema,
	maxBatchSize: MAX_LEADS_PER_JOB,
	groupOf: (input) => JSON.stringify(input.options),
	sendBatch: async ({ run, batch }) => await verifyBatch(run, batch),
});

/** What an agent is told it looked for when the lead is not there. */
function lookedUp(input: VerifyInput): IDataObject {
	return input.verifyBy === 'id' ? { leadId: input.leadId } : { email: input.email };
}

/** Each entry's lead ID: given, or found by its email (one search each); undefined for an email SendKit does not have. */
async function leadIdsOf(run: Run<IExecuteFunctions>, batch: ReadonlyArray<BatchEntry<VerifyInput>>): Promise<Array<string | undefined>> {
	const ids: Array<string | undefined> = [];
	for (const { value, itemIndex } of batch) {
		ids.push(value.verifyBy === 'id' ? value.leadId : (await findLeadByEmail(run, value.email, itemIndex))?._id.toLowerCase());
	}
	return ids;
}

async function verifyBatch(
	run: Run<IExecuteFunctions>,
	batch: ReadonlyArray<BatchEntry<VerifyInput>>,
): Promise<Array<Routed<'success' | 'notFound'>>> {
	const { context } = run;
	const settings = batch[0].value.options;
	const hasNotFoundOutput = context.getNode().typeVersion >= NOT_FOUND_OUTPUT_SINCE;
	const notFound = (entry: BatchEntry<VerifyInput>): Routed<'notFound'> => ({
		branch: 'notFound',
		json: inputJson(context, entry.itemIndex, lookedUp(entry.value)),
	});
	const entryLeadIds = await leadIdsOf(run, batch);
	const itemOfLead = new Map<string, number>();
	batch.forEach((entry, position) => {
		const leadId = entryLeadIds[position];
		if (leadId !== undefined && !itemOfLead.has(leadId)) itemOfLead.set(leadId, entry.itemIndex);
	});
	const leadIds = [...itemOfLead.keys()];
	// No lead to verify (every email unknown): no job is started, and no credit spent.
	if (leadIds.length === 0) return batch.map(notFound);
	const itemIndex = itemOfLead.get(leadIds[0]) ?? batch[0].itemIndex;
	const started = (
		await sendKit.request(
			run,
			{
				method: 'POST',
				path: '/v1/enrichment/enrich',
				body: { leadIds, enrichmentTypes: settings.detectSeg ? ['email', 'segGateway'] : ['email'] },
				itemIndex,
			},
			enrichEnvelopeSchema,
		)
	).data;
	if (settings.returnJob) {
		// The same shape as a finished verification, so later nodes read one shape: status `started`, the jobs to poll.
		const jobs = started.jobs.map((job) => ({ jobId: job.jobId, type: job.type, status: job.status }));
		return batch.map((entry, position) => {
			const leadId = entryLeadIds[position];
			if (leadId === undefined) return notFound(entry);
			return { branch: 'success', json: { _id: leadId, verification: { status: 'started', ...EMPTY_RESULT, jobs } } };
		});
	}

	const jobs = await waitForJobs(run, started.jobs.map((job) => job.jobId), settings.maxWaitSeconds * 1000, itemIndex);
	const status = outcomeOf(jobs);
	if (status === 'timedOut') {
		context.addExecutionHints({
			message: `The verification job was still running after ${settings.maxWaitSeconds} s: its items carry the jobs to check later. Raise Max Wait to wait longer.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	const results = new Map<string, IDataObject | undefined>();
	for (const [leadId, leadItemIndex] of itemOfLead) {
		const lead = await getLeadById(run, leadId, leadItemIndex);
		results.set(leadId, lead && { ...lead, verification: verificationOf(lead, status, jobs) });
	}
	return batch.map((entry, position) => {
		const leadId = entryLeadIds[position];
		const result = leadId === undefined ? undefined : results.get(leadId);
		if (result) return { branch: 'success', json: result };
		if (hasNotFoundOutput || leadId === undefined) return notFound(entry);
		// Version 1: a lead gone by the time its result is read is an outcome on its one output.
		return { branch: 'success', json: { _id: leadId, verification: { status: 'leadNotFound', ...EMPTY_RESULT, jobs: jobSummaries(jobs) } } };
	});
}

/** Polls every job until each has ended or the wait is over; a job still running then keeps its last status. */
async function waitForJobs(run: Run<IExecuteFunctions>, jobIds: string[], maxWaitMs: number, itemIndex: number): Promise<EnrichmentJob[]> {
	const deadline = Date.now() + maxWaitMs;
	const latest = new Map<string, EnrichmentJob>();
	let interval = FIRST_POLL_MS;
	for (;;) {
		for (const jobId of jobIds) {
			if (TERMINAL_STATUSES.has(latest.get(jobId)?.status ?? '')) continue;
			const request = { method: 'GET' as const, path: `/v1/enrichment/jobs/${encodeURIComponent(jobId)}`, itemIndex };
			latest.set(jobId, (await sendKit.request(run, request, jobEnvelopeSchema)).data);
		}
		const remaining = deadline - Date.now();
		const cancelled = run.context.getExecutionCancelSignal?.()?.aborted === true;
		if ([...latest.values()].every((job) => TERMINAL_STATUSES.has(job.status)) || remaining <= 0 || cancelled) break;
		await sleep(Math.min(interval, remaining));
		interval = Math.min(MAX_POLL_MS, Math.round(interval * 1.5));
	}
	return jobIds.map((jobId) => latest.get(jobId)).filter((job): job is EnrichmentJob => job !== undefined);
}

/** The verification job decides the item's status; the SEG job only adds its findings. */
function outcomeOf(jobs: EnrichmentJob[]): string {
	const verification = jobs.find((job) => job.type === 'email_verification') ?? jobs[0];
	if (!verification || !TERMINAL_STATUSES.has(verification.status)) return 'timedOut';
	return verification.status;
}

const EMPTY_RESULT = { emailStatus: null, score: null, catchAll: null, segProtected: null, segProvider: null };

/**
 * The verdict as the lead carries it. `emailVerificationResult` and the SEG fields are documented; the names of the
 * confidence score and the catch-all flag are not (docs/api-notes.md#sendkit-lead-fields-not-documented), so the likely
 * names are read in turn.
 */
function verificationOf(lead: IDataObject, status: string, jobs: EnrichmentJob[]): IDataObject {
	const first = (...keys: string[]) => keys.map((key) => lead[key]).find((value) => value !== undefined && value !== null) ?? null;
	return {
		status,
		emailStatus: first('emailVerificationResult'),
		score: first('emailVerificationScore', 'verificationScore', 'emailScore', 'confidenceScore'),
		catchAll: first('emailCatchAll', 'isCatchAll', 'catchAll'),
		segProtected: first('segProtected'),
		segProvider: first('segProviderName', 'segProvider'),
		jobs: jobSummaries(jobs),
	};
}

function jobSummaries(jobs: EnrichmentJob[]): IDataObject[] {
	return jobs.map((job) => ({ jobId: job.id, type: job.type, status: job.status }));
}
