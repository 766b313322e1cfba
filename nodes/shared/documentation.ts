/**
 * Where the editor's Docs links point: the package's README on its npm page, at the section for the node or
 * credential. One constant, so every link moves together (a test checks that each anchor is a README heading).
 */
const README_URL = 'https://www.npmjs.com/package/n8n-nodes-lead-capture';

/** The README section with this heading anchor (GitHub's slug of the heading, which npm's page uses too). */
export function readmeSection(anchor: string): string {
	return `${README_URL}#${anchor}`;
}
