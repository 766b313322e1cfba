/**
 * A per-service package's README, made from the repository's README: the sections that apply to its service (and the
 * common ones), with every sentence, list item and table row that names the other service left out, links to the
 * other sections pointed at the combined package's page, and pictures and examples linked in this package.
 * Generated files are committed (packaging/<package>/README.md) and a test fails when they drift from the README.
 */
import { COMBINED, type PackageSpec, servicesLeftOut } from './packages';

/** Sections only the repository needs: measurements of both nodes side by side, developing and publishing. */
const REPOSITORY_ONLY = ['How fast (measured)', 'Development', 'Publishing'];

interface Section {
	heading: string;
	body: string;
}

function splitSections(markdown: string, marker: string): { preamble: string; sections: Section[] } {
	const parts = markdown.split(new RegExp(`^(?=${marker} )`, 'm'));
	const preamble = parts[0].startsWith(`${marker} `) ? '' : (parts.shift() as string);
	const sections = parts.map((part) => {
		const newline = part.indexOf('\n');
		return { heading: part.slice(marker.length + 1, newline).trim(), body: part.slice(newline + 1) };
	});
	return { preamble, sections };
}

/** Blocks: a fenced code block, a table or list (one line or item each), or a paragraph. */
function splitBlocks(text: string): string[][] {
	const blocks: string[][] = [];
	let current: string[] = [];
	let fenced = false;
	const flush = () => {
		if (current.length > 0) blocks.push(current);
		current = [];
	};
	for (const line of text.split('\n')) {
		if (line.startsWith('```')) {
			if (!fenced) flush();
			fenced = !fenced;
			current.push(line);
			if (!fenced) flush();
			continue;
		}
		if (fenced) current.push(line);
		else if (line.trim() === '') {
			flush();
			blocks.push(['']);
		} else current.push(line);
	}
	flush();
	return blocks;
}

/** Lines of a table or list, with each list item's continuation lines kept with it. */
function splitEntries(lines: string[]): string[][] {
	const entries: string[][] = [];
	for (const line of lines) {
		const startsEntry = /^(\|| *[-*] |\d+\. )/.test(line) && !/^ {2,}[-*] /.test(line) ? true : entries.length === 0;
		if (startsEntry) entries.push([line]);
		else entries[entries.length - 1].push(line);
	}
	return entries;
}

function sentences(paragraph: string): string[] {
	// A sentence may start with n8n's own lower-case name.
	return paragraph.split(/(?<=[.!?:])\s+(?=[A-Z*`[(!]|n8n)/);
}

function withoutServices(text: string, names: RegExp): string {
	return splitBlocks(text)
		.map((block) => {
			if (block[0] === '') return '';
			// A command block keeps its other lines: each line is one command.
			if (block[0].startsWith('```')) return block.filter((line) => !names.test(line)).join('\n');
			if (/^(\|| *[-*] |\d+\. )/.test(block[0])) {
				const kept = splitEntries(block).filter((entry) => !names.test(entry.join('\n')));
				const isTable = block[0].startsWith('|');
				// A table left with only its header and separator says nothing.
				if (kept.length === 0 || (isTable && kept.length <= 2)) return null;
				return kept.map((entry) => entry.join('\n')).join('\n');
			}
			const kept = sentences(block.join('\n')).filter((sentence) => !names.test(sentence));
			return kept.length === 0 ? null : kept.join(' ');
		})
		.filter((block): block is string => block !== null)
		.join('\n')
		.replace(/\n{3,}/g, '\n\n');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
	return heading
		.toLowerCase()
		.replace(/[^\w\- ]/g, '')
		.replace(/ /g, '-');
}

function relinked(markdown: string, spec: PackageSpec, shipped: string[]): string {
	// A picture this package does not ship shows the other service's nodes or both: it has no place here.
	const ownPictures = markdown.replace(new RegExp(`^!\\[[^\\]]*\\]\\(https://unpkg\\.com/${COMBINED}@latest/([^)]+)\\)\\n\\n?`, 'gm'), (line, file: string) =>
		shipped.includes(file) ? line : '',
	);
	const anchors = new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1])));
	return ownPictures
		.replace(/\]\(#([^)]+)\)/g, (link, anchor: string) =>
			anchors.has(anchor) ? link : `](https://www.npmjs.com/package/${COMBINED}#${anchor})`,
		)
		.replace(new RegExp(`https://unpkg\\.com/(browse/)?${COMBINED}@latest/([^)\\s]*)`, 'g'), (url, browse: string | undefined, file: string) =>
			file === '' || file.endsWith('/') || shipped.includes(file) ? `https://unpkg.com/${browse ?? ''}${spec.name}@latest/${file}` : url,
		);
}

export function readmeFor(spec: PackageSpec, mainReadme: string, shipped: string[]): string {
	const others = servicesLeftOut(spec).map((service) => service.title);
	const names = new RegExp(others.join('|'), 'i');
	const { preamble, sections } = splitSections(mainReadme, '##');
	// The repository's opening names both services and the repository's own commands: keep its picture and the
	// paragraph on outcomes, which come before the install line.
	const opening = preamble.slice(preamble.indexOf('\n\n!['), preamble.indexOf('\n**In n8n:**'));
	const parts = [
		`# ${spec.name}`,
		'',
		`<!-- Made by \`npm run pack\` from the repository's README.md: edit that one, not this file. -->`,
		'',
		`${spec.description}`,
		'',
		`This is the ${spec.services.map((service) => service.title).join(' and ')} part of ` +
			`[${COMBINED}](https://www.npmjs.com/package/${COMBINED}), built from the same source with the same version.`,
		withoutServices(opening, names),
	];
	for (const section of sections) {
		if (REPOSITORY_ONLY.includes(section.heading) || names.test(section.heading)) continue;
		const { preamble: intro, sections: subsections } = splitSections(section.body, '###');
		const kept = subsections.filter((subsection) => !names.test(subsection.heading));
		const body = [withoutServices(intro, names), ...kept.map((sub) => `### ${sub.heading}\n${withoutServices(sub.body, names)}`)];
		parts.push(`## ${section.heading}\n${body.join('')}`);
	}
	return `${relinked(parts.join('\n').replace(/\n{3,}/g, '\n\n').trim(), spec, shipped)}\n`;
}
