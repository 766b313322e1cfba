// Copies the non-TypeScript assets of nodes and credentials (icons, codex files, output schemas) into dist/,
// keeping their folder layout, so n8n finds them next to the compiled .js files.
const { src, dest, parallel } = require('gulp');

function copyNodeAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function copyCredentialAssets() {
	return src(['credentials/**/*.{svg,png}'], { base: '.', encoding: false, allowEmpty: true }).pipe(dest('dist'));
}

exports['build:assets'] = parallel(copyNodeAssets, copyCredentialAssets);
