import { z } from 'zod';

/** Each switch's plausible answers; the first is the default (what the sandbox did before switches existed). */
export type VariantChoices = Record<string, readonly [string, ...string[]]>;

export type VariantValues<Choices extends VariantChoices> = { [Name in keyof Choices]: Choices[Name][number] };

/**
 * Switches for the points an API's docs leave open (README "What the API docs do not say"): the sandbox answers one
 * plausible way per switch, so every test suite can run the operations a switch touches under each answer. Set from
 * tests (`store.variants.set`), over HTTP (`POST /__sandbox/variants`) or at start (`npm run sandbox -- --variants`).
 * A store's `reset()` puts every switch back to its default, like the rest of the seeded state.
 */
export class VariantSwitches<Choices extends VariantChoices> {
	private values: VariantValues<Choices>;
	private readonly schema: z.ZodType<Partial<VariantValues<Choices>>>;

	constructor(readonly choices: Choices) {
		this.values = defaultsOf(choices);
		const shape: Record<string, z.ZodTypeAny> = {};
		for (const [name, values] of Object.entries(choices)) shape[name] = z.enum(values as [string, ...string[]]).optional();
		this.schema = z.object(shape).strict() as unknown as z.ZodType<Partial<VariantValues<Choices>>>;
	}

	get current(): VariantValues<Choices> {
		return { ...this.values };
	}

	/** Replaces every switch: the ones not given go back to their default. */
	set(values: Partial<VariantValues<Choices>>): void {
		this.values = { ...defaultsOf(this.choices), ...stripUndefined(values) };
	}

	/** `set` for untrusted input (HTTP, CLI): an unknown switch or value is refused and changes nothing. */
	parseAndSet(input: unknown): { ok: true } | { ok: false; error: string } {
		const parsed = this.schema.safeParse(input ?? {});
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const where = issue?.path.join('.') ?? '';
			return { ok: false, error: `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid variants'}` };
		}
		this.set(parsed.data);
		return { ok: true };
	}

	reset(): void {
		this.values = defaultsOf(this.choices);
	}
}

/** What the rest of the sandbox needs of any service's switches, whatever their names. */
export type AnyVariantSwitches = Pick<VariantSwitches<VariantChoices>, 'choices' | 'current' | 'parseAndSet'>;

function defaultsOf<Choices extends VariantChoices>(choices: Choices): VariantValues<Choices> {
	const values: Record<string, string> = {};
	for (const [name, options] of Object.entries(choices)) values[name] = options[0];
	return values as VariantValues<Choices>;
}

function stripUndefined<T extends object>(values: T): Partial<T> {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
