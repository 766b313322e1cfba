import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { BatchEntry, Routed } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import type { Run } from '../../../shared/run';
import { addToRunningHint } from '../../../shared/runningHint';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { emailProperty, emailSchema, optionalTextSchema } from '../../../shared/validation';
import { leadFieldOptions, leadFieldsSchema } from '../../fields/lead.fields';
import type { BulkImportAnswer } from '../../transport/schemas';
import { bulkImportEnvelopeSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';

/** POST /v1/leads/bulk takes at most 5,000 leads per request (docs/api-notes.md#sendkit-leads). */
const MAX_LEADS_PER_REQUEST = 5000;

const outputs = { success: 'Success' } as const;

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Imports many leads into SendKit at once (bulk), by email with optional details. Existing leads are skipped or updated, as the tool is set.',
		{
			success: '"status" says what happened to this lead: imported (created), updated, skipped (already there), failed ("reason" says why), or two or three of these joined by "Or" (importedOrSkipped: SendKit counted both in one request without saying which lead had which; "reason" says so).',
		},
	),
	emailProperty('Email of the lead. Trimmed and lowercased; SendKit matches existing leads by it.'),
	{
		displayName: 'Skip Duplicates',
		name: 'skipDuplicates',
		type: 'boolean',
		default: true,
		description:
			'Whether to leave leads whose email already exists unchanged (reported as skipped). Off: they are updated with these fields.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: leadFieldOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Data Cleanup',
				name: 'dataCleanup',
				type: 'boolean',
				default: true,
				description:
					'Whether SendKit normalises emails, phone numbers and LinkedIn URLs and strips special characters from names',
			},
			{
				displayName: 'Tag',
				name: 'tag',
				type: 'string',
				default: '',
				placeholder: 'crm-sync',
				description: 'A tag SendKit adds to every imported lead',
			},
		],
	},
];

/** Lead keys SendKit maps itself; a custom field may not take one of these names, or it would overwrite the field. */
const RESERVED_KEYS = new Set(['email', 'firstName', 'lastName', 'companyName', 'jobTitle', 'phone', 'linkedinUrl', 'city', 'state', 'country', 'tags', 'customFields']);

const inputSchema = z.object({
	email: emailSchema,
	skipDuplicates: z.boolean({ invalid_type_error: 'must be true or false' }),
	additionalFields: leadFieldsSchema.superRefine((fields, context) => {
		for (const name of Object.keys(fields.customFields ?? {})) {
			if (RESERVED_KEYS.has(name)) {
				context.addIssue({ code: z.ZodIssueCode.custom, path: ['customFields'], message: `"${name}" is a lead field, not a custom field name` });
			}
		}
	}),
	options: z.object({ dataCleanup: z.boolean({ invalid_type_error: 'must be true or false' }).optional(), tag: optionalTextSchema }),
});

interface ImportSettings {
	skipDuplicates: boolean;
	dataCleanup: boolean;
	tag?: string;
}

interface ImportEntry {
	settings: ImportSettings;
	lead: IDataObject;
}

/**
 * Bulk create-or-skip (or update) in batches of up to 5,000: the fast path for large syncs. Every item comes out once,
 * paired with its input, saying what happened to its lead.
 */
export const importLeads = defineOperation({
	option: {
		name: 'Import (Bulk)',
		value: 'import',
		description: 'Create or update thousands of leads, up to 5,000 per request, with an outcome per item',
		action: 'Import leads in bulk',
	},
	properties,
	outputs,
	input: inputSchema,
	prepare: ({ input }) => importEntry(input),
	maxBatchSize: MAX_LEADS_PER_REQUEST,
	groupOf: (entry) => JSON.stringify(entry.settings),
	sendBatch: async ({ run, batch }) => await importBatch(run, batch),
});

function importEntry(input: z.infer<typeof inputSchema>): ImportEntry {
	const settings: ImportSettings = { skipDuplicates: input.skipDuplicates, dataCleanup: input.options.dataCleanup ?? true };
	if (input.options.tag) settings.tag = input.options.tag;
	// Unrecognised keys become custom fields (docs), so custom fields travel as keys of the lead itself.
	const { customFields, ...fields } = input.additionalFields;
	return { settings, lead: { email: input.email, ...fields, ...customFields } };
}

async function importBatch(run: Run<IExecuteFunctions>, batch: ReadonlyArray<BatchEntry<ImportEntry>>): Promise<Array<Routed<'success'>>> {
	const firstByEmail = new Map<string, number>();
	const leads: IDataObject[] = [];
	for (const entry of batch) {
		const email = String(entry.value.lead.email);
		if (firstByEmail.has(email)) continue;
		firstByEmail.set(email, entry.itemIndex);
		leads.push(entry.value.lead);
	}
	const answer = (
		await sendKit.request(
			run,
			{ method: 'POST', path: '/v1/leads/bulk', body: { leads, ...batch[0].value.settings }, itemIndex: batch[0].itemIndex },
			bulkImportEnvelopeSchema,
		)
	).data;
	if (answer.skipped > 0 && batch[0].value.settings.skipDuplicates) countSkipped(run, answer.skipped);
	const outcomeOf = outcomes(answer, leads.length);
	const counts = { imported: answer.imported, updated: answer.updated, skipped: answer.skipped, failed: answer.failed };
	return batch.map((entry) => {
		const email = String(entry.value.lead.email);
		const first = firstByEmail.get(email);
		const outcome: IDataObject =
			first === entry.itemIndex
				? outcomeOf(email, entry.value.settings)
				: { status: 'skipped', reason: `Same email as item ${String(first)}, which this import sent instead` };
		return { branch: 'success', json: { email, ...outcome, batch: counts } };
	});
}

function skippedMessage(skipped: number): string {
	return `${skipped} lead(s) already existed and were left unchanged, because Skip Duplicates is on. Turn it off to update them.`;
}

/** One hint per run, so that a run of several requests shows one hint with their total. */
function countSkipped(run: Run<IExecuteFunctions>, skipped: number): void {
	addToRunningHint(run, 'skippedLeads', skipped, skippedMessage);
}

const COUNTED_STATUSES = ['imported', 'updated', 'skipped'] as const;

/**
 * What happened to each lead of a request. SendKit names failed leads (by email) but only counts the others, so a lead
 * is `imported`, `updated` or `skipped` when all of the request's other leads had that outcome. When the counts mix
 * outcomes, the status names those the lead may have had (`importedOrSkipped`): never one it may not have had.
 */
function outcomes(answer: BulkImportAnswer, sent: number): (email: string, settings: ImportSettings) => IDataObject {
	const failures = new Map<string, string>();
	for (const failure of answer.errors) {
		if (typeof failure.email !== 'string') continue;
		const email = failure.email.trim().toLowerCase();
		if (!failures.has(email)) failures.set(email, typeof failure.error === 'string' ? failure.error : JSON.stringify(failure.error));
	}
	const rest = sent - failures.size;
	const uniform = COUNTED_STATUSES.find((status) => answer[status] === rest && rest > 0);
	const counted = COUNTED_STATUSES.filter((status) => answer[status] > 0);
	// Counts that account for none of the leads leave every outcome but failure possible.
	const possible = counted.length > 0 ? counted : COUNTED_STATUSES;
	const mixed: IDataObject = {
		status: possible.map((status, index) => (index === 0 ? status : status[0].toUpperCase() + status.slice(1))).join('Or'),
		reason: `SendKit counted ${possible.map((status) => `${answer[status]} ${status}`).join(' and ')} in this request without saying which lead had which; this lead had one of those outcomes`,
	};
	return (email, settings) => {
		const failure = failures.get(email);
		if (failure !== undefined) return { status: 'failed', reason: failure };
		if (uniform === 'skipped') {
			return { status: 'skipped', reason: settings.skipDuplicates ? 'A lead with this email exists (Skip Duplicates is on)' : 'SendKit skipped it' };
		}
		return uniform ? { status: uniform } : mixed;
	};
}
