import type { KICKOFFLABS_VARIANTS } from '../../sandbox/kickofflabs/variants';
import type { SENDKIT_VARIANTS } from '../../sandbox/sendkit/variants';

/**
 * One silent point of an API (README "What the API docs do not say"): what the probe asks the live API, and which
 * answers the package is written for. Points with a sandbox variant switch use that switch's names and values, so CI
 * can set the sandbox to each value and check that the probe reports it.
 */
type SwitchPoint<Service extends string, Choices> = {
	[Name in keyof Choices]: {
		service: Service;
		question: string;
		switchName: Name;
		/** What the package assumes: seeing one of these, the point holds. */
		assumes: readonly ValuesOf<Choices[Name]>[];
		/** Other answers the package also works with. */
		alsoHandles: readonly ValuesOf<Choices[Name]>[];
	};
}[keyof Choices];

type ValuesOf<Tuple> = Tuple extends readonly (infer Value)[] ? Value : never;

/** A point without a switch: the sandbox answers it one way only. */
interface PlainPoint<Service extends string> {
	service: Service;
	question: string;
	switchName?: undefined;
	assumes: readonly string[];
	alsoHandles: readonly string[];
}

export type PointOf<Service extends string, Choices, Session> = (SwitchPoint<Service, Choices> | PlainPoint<Service>) & {
	observe(session: Session): Promise<Observation>;
};

export type SendKitPointOf<Session> = PointOf<'SendKit', typeof SENDKIT_VARIANTS, Session>;
export type KickoffLabsPointOf<Session> = PointOf<'KickoffLabs', typeof KICKOFFLABS_VARIANTS, Session>;

/**
 * What the API answered: a named answer, an answer of another form, nothing to see (and why), or a step that failed
 * (an answer nobody expected, or no answer).
 */
export type Observation = { seen: string } | { other: string } | { notObservable: string } | { failed: string };

export type Verdict = 'holds' | 'handled' | 'CONTRADICTED' | 'not checked';

export interface ProbeRow {
	service: string;
	question: string;
	switchName: string | undefined;
	/** The answer as printed: a value, `other: <shape>` or `not observable: <why>`. */
	answer: string;
	/** The named answer seen, when there was one. */
	seen: string | undefined;
	packageAnswers: string;
	verdict: Verdict;
	/** A step failed, so the point could not be checked. */
	failed: boolean;
}

export function verdictOf(point: { assumes: readonly string[]; alsoHandles: readonly string[] }, observation: Observation): Verdict {
	if ('notObservable' in observation || 'failed' in observation) return 'not checked';
	if ('other' in observation) return 'CONTRADICTED';
	if (point.assumes.includes(observation.seen)) return 'holds';
	return point.alsoHandles.includes(observation.seen) ? 'handled' : 'CONTRADICTED';
}

export function rowOf(
	point: { service: string; question: string; switchName?: string | number | symbol; assumes: readonly string[]; alsoHandles: readonly string[] },
	observation: Observation,
): ProbeRow {
	const answer =
		'seen' in observation
			? observation.seen
			: 'other' in observation
				? `other: ${observation.other}`
				: 'failed' in observation
					? `failed: ${observation.failed}`
					: `not observable: ${observation.notObservable}`;
	const alsoHandles = point.alsoHandles.length > 0 ? ` (also ${point.alsoHandles.join(', ')})` : '';
	return {
		service: point.service,
		question: point.question,
		switchName: point.switchName === undefined ? undefined : String(point.switchName),
		answer,
		seen: 'seen' in observation ? observation.seen : undefined,
		packageAnswers: `${point.assumes.join(', ')}${alsoHandles}`,
		verdict: verdictOf(point, observation),
		failed: 'failed' in observation,
	};
}
