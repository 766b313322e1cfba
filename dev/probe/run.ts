import { kickoffLabsClient, sendKitClient } from './http';
import { KICKOFFLABS_POINTS, KickoffLabsSession } from './kickofflabs';
import type { ProbeOptions } from './options';
import { rowOf, type Observation, type ProbeRow } from './points';
import { portOf, startReceiver } from './receiver';
import { SENDKIT_POINTS, SendKitSession } from './sendkit';

export interface ProbeReport {
	rows: ProbeRow[];
	/** What the probe created and could not delete. */
	leftovers: string[];
}

/** Observes every point, SendKit's then KickoffLabs's, and deletes what it created even when a step fails. */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
	const { webhookUrl } = options;
	const receiver = webhookUrl ? await startReceiver(portOf(webhookUrl)) : undefined;
	const rows: ProbeRow[] = [];
	const leftovers: string[] = [];
	try {
		const sendKit = new SendKitSession(sendKitClient(options.sendKit), options.write, webhookUrl && receiver && { url: webhookUrl.href, receiver });
		try {
			rows.push(...(await observeEach(SENDKIT_POINTS, sendKit)));
		} finally {
			leftovers.push(...(await sendKit.cleanUp()));
		}
		const target = options.kickoffLabs;
		if (!target) {
			rows.push(...KICKOFFLABS_POINTS.map((point) => rowOf(point, { notObservable: 'KICKOFFLABS_API_KEY is not set' })));
			return { rows, leftovers };
		}
		const kickoffLabs = new KickoffLabsSession(kickoffLabsClient(target), target.campaignId, options.write, webhookUrl?.href);
		try {
			rows.push(...(await observeEach(KICKOFFLABS_POINTS, kickoffLabs)));
		} finally {
			leftovers.push(...(await kickoffLabs.cleanUp()));
		}
		return { rows, leftovers };
	} finally {
		await receiver?.close();
	}
}

/** One row per point; a point whose step fails is not checked, and the next point still runs. */
async function observeEach<Session, Point extends Parameters<typeof rowOf>[0] & { observe(session: Session): Promise<Observation> }>(
	points: readonly Point[],
	session: Session,
): Promise<ProbeRow[]> {
	const rows: ProbeRow[] = [];
	for (const point of points) {
		const observation = await point.observe(session).catch((error: unknown) => ({ failed: error instanceof Error ? error.message : String(error) }));
		rows.push(rowOf(point, observation));
	}
	return rows;
}

/** 0: nothing contradicted; 1: a point is contradicted, a step failed, or something is left behind. */
export function exitCodeOf(report: ProbeReport): 0 | 1 {
	const bad = report.leftovers.length > 0 || report.rows.some((row) => row.verdict === 'CONTRADICTED' || row.failed);
	return bad ? 1 : 0;
}
