/// <reference lib="dom" />
/**
 * `npm run test:ui`: what a user sees in the real n8n editor, checked with Debian's Chromium through
 * playwright-core. Every template opens with all nodes known and iconed, each node is found in the node
 * search under its own description, each credential tests green and explains a wrong key, and the
 * KUFER → Maileon template runs from the editor with its report's summary in view. Screenshots go to
 * test-results/ui/. Uses Chromium at /usr/bin/chromium (or CHROMIUM_PATH); as root it installs Debian's package
 * when missing.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { INodeTypeDescription } from 'n8n-workflow';

import { SUPPRESSION_LIST_COLUMNS, SUPPRESSION_LIST_NAME } from '../nodes/shared/suppressionList';
import { createRegistry, PACKAGE_NAME } from '../test/harness/registry';
import { startN8n, type N8nInstance } from '../test/ui/instance';
import { log } from './n8nRuntime';
import { installFromDebian } from './n8nService';

const ROOT = path.resolve(__dirname, '..');
const RESULTS = process.env.TEST_UI_RESULTS ?? path.join(ROOT, 'test-results', 'ui');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// a shared CI machine renders slowly; these are upper bounds, never waits
const TIMEOUT_MS = 180_000;
const OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Newsletter-Sync-1' };
/** The key field a user would mistype, per credential type. */
const KEY_FIELDS: Record<string, string> = {
	maileonApi: 'apiKey',
	newsletter2GoApi: 'authKey',
	billomatApi: 'apiKey',
	directoApi: 'apiKey',
};

const failures: string[] = [];

function check(condition: boolean, message: string): void {
	if (!condition) failures.push(message);
	log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
}

async function openWorkflow(page: Page, n8n: N8nInstance, id: string): Promise<void> {
	await page.goto(`${n8n.url}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor();
	await page.waitForLoadState('networkidle');
}

async function checkTemplates(page: Page, n8n: N8nInstance, knownTypes: Set<string>): Promise<void> {
	for (const { file, workflow } of n8n.templates) {
		await openWorkflow(page, n8n, String(workflow.id));
		const unknown = workflow.nodes.filter((node) => !knownTypes.has(node.type)).map((node) => node.name);
		check(unknown.length === 0, `${file}: every node type is known to n8n${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
		const canvasNodes = await page.locator('[data-test-id="canvas-node"]').evaluateAll((elements) =>
			elements.map((element) => {
				const image = element.querySelector<HTMLImageElement>('.n8n-node-icon img');
				const icon = element.querySelector('.n8n-node-icon svg, .n8n-node-icon img');
				return {
					name: element.getAttribute('data-node-name') ?? '',
					type: element.getAttribute('data-node-type') ?? '',
					hasIcon: icon !== null,
					imageLoaded: image !== null && image.complete && image.naturalWidth > 0,
				};
			}),
		);
		const drawn = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').length;
		check(canvasNodes.length === drawn, `${file}: the canvas shows all ${drawn} nodes (shows ${canvasNodes.length})`);
		const missingIcons = canvasNodes
			.filter((node) => !node.hasIcon || (node.type.startsWith(`${PACKAGE_NAME}.`) && !node.imageLoaded))
			.map((node) => node.name);
		check(missingIcons.length === 0, `${file}: every node shows its icon${missingIcons.length ? ` (missing: ${missingIcons.join(', ')})` : ''}`);
		await screenshot(page, `template-${path.basename(file, '.json')}`);
	}
}

async function checkIconFiles(context: BrowserContext, n8n: N8nInstance, types: Array<{ name: string; iconUrl?: unknown }>): Promise<void> {
	for (const type of types.filter((candidate) => candidate.name.startsWith(`${PACKAGE_NAME}.`))) {
		const urls = typeof type.iconUrl === 'object' && type.iconUrl !== null ? Object.values(type.iconUrl) : [type.iconUrl];
		for (const url of urls) {
			const response = await context.request.get(`${n8n.url}/${String(url)}`);
			const isSvg = (response.headers()['content-type'] ?? '').includes('svg');
			check(response.ok() && isSvg, `${type.name}: icon ${String(url)} loads (${response.status()})`);
		}
	}
}

async function checkNodeSearch(page: Page, n8n: N8nInstance, nodes: INodeTypeDescription[]): Promise<void> {
	const shared = nodes.filter((node) => nodes.some((other) => other !== node && other.description === node.description));
	check(shared.length === 0, `every node has its own description${shared.length ? ` (shared by: ${shared.map((node) => node.displayName).join(', ')})` : ''}`);
	await openWorkflow(page, n8n, String(n8n.templates[0].workflow.id));
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const search = page.locator('[data-test-id="node-creator-search-bar"]');
	for (const node of nodes) {
		await search.fill(node.displayName);
		const entries = page.locator('[data-test-id="node-creator-action-item"], [data-test-id="node-creator-node-item"]');
		const found = await entries
			.filter({ hasText: node.description })
			.first()
			.waitFor({ timeout: 30_000 })
			.then(
				() => true,
				() => false,
			);
		const texts = found ? [] : await entries.allInnerTexts();
		check(found, `node search "${node.displayName}": an entry shows "${node.description}"${found ? '' : ` (shown: ${JSON.stringify(texts.slice(0, 3))})`}`);
		if (node.name === 'maileon') await screenshot(page, 'node-search-maileon');
	}
	await page.keyboard.press('Escape');
}

async function openCredential(page: Page, n8n: N8nInstance, id: string): Promise<void> {
	await page.goto(`${n8n.url}/home/credentials/${id}`, { waitUntil: 'domcontentloaded' });
	await page.locator('[data-test-id="credential-edit-dialog"]').waitFor();
}

async function checkCredentials(page: Page, n8n: N8nInstance): Promise<void> {
	for (const [type, field] of Object.entries(KEY_FIELDS)) {
		const id = n8n.credentialIds[type];
		await openCredential(page, n8n, id);
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		const success = dialog.locator('[data-test-id="credentials-config-container-test-success"]');
		const tested = await success.waitFor({ timeout: 60_000 }).then(
			() => true,
			() => false,
		);
		check(tested, `${type}: the credential tests green`);
		await screenshot(page, `credential-${type}`);

		await dialog.locator(`[data-test-id="parameter-input-${field}"] input`).fill('wrong-key-1234');
		// the message n8n shows is the one the credential test answers with
		const answer = page.waitForResponse((response) => response.url().endsWith('/rest/credentials/test'));
		await page.locator('[data-test-id="credential-save-button"]').click();
		const body = (await (await answer).json()) as { data?: { status?: string; message?: string } };
		const message = body.data?.message ?? '';
		const banner = dialog.locator('[class*="_banner_"]').filter({ hasText: /couldn.t connect/i }).first();
		const shown = await banner
			.waitFor({ timeout: 60_000 })
			.then(async () => {
				// a long message sits behind "More details", a short one is shown at once
				const more = banner.getByText('More details');
				if ((await more.count()) > 0) await more.click();
				await dialog.getByText(message).first().waitFor({ timeout: 30_000 });
			})
			.then(
				() => true,
				() => false,
			);
		// helpful: names what is wrong and what to do, not only a status ("Unauthorized", "status code: 401")
		const helpful = /check|paste|allow/i.test(message) && !/status code/i.test(message);
		check(body.data?.status === 'Error' && shown && helpful, `${type}: a wrong key shows a helpful message ("${message}")`);
		await screenshot(page, `credential-${type}-wrong-key`);
	}
}

async function checkKuferRun(page: Page, n8n: N8nInstance): Promise<void> {
	const template = n8n.templates.find((candidate) => candidate.file === 'kufer-maileon-transfer.json');
	if (!template) {
		check(false, 'the KUFER → Maileon template is among the templates');
		return;
	}
	await openWorkflow(page, n8n, String(template.workflow.id));
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	const report = page.locator('[data-test-id="canvas-node"][data-node-name="Run Report"]');
	const succeeded = await page
		.waitForFunction(
			() => document.querySelector('[data-node-name="Run Report"] [data-test-id="canvas-node-status-success"]') !== null,
			undefined,
			{ timeout: TIMEOUT_MS },
		)
		.then(
			() => true,
			() => false,
		);
	check(succeeded, 'kufer-maileon-transfer.json: runs from the editor up to the Run Report');
	const manualStart = await page
		.locator('[data-node-name="Transfer Now"] [data-test-id="canvas-node-status-success"]')
		.count();
	check(manualStart === 1, 'kufer-maileon-transfer.json: "Execute workflow" starts at the Manual Trigger "Transfer Now"');
	await screenshot(page, 'kufer-maileon-run');
	await report.dblclick();
	const output = page.locator('[data-test-id="output-panel"]');
	await output.waitFor();
	const summary = output.getByText(/\d+ selected, /).first();
	const found = await summary.waitFor({ timeout: 30_000 }).then(
		() => true,
		() => false,
	);
	const inView = found
		? await summary.evaluate((element) => {
				const box = element.getBoundingClientRect();
				let container: HTMLElement | null = element.parentElement;
				while (container) {
					const style = getComputedStyle(container);
					if (/(auto|scroll|hidden)/.test(style.overflowX + style.overflowY)) {
						const frame = container.getBoundingClientRect();
						if (box.left < frame.left || box.right > frame.right + 1 || box.top < frame.top || box.bottom > frame.bottom + 1) return false;
					}
					container = container.parentElement;
				}
				return box.right <= window.innerWidth && box.bottom <= window.innerHeight;
			})
		: false;
	check(found && inView, 'kufer-maileon-transfer.json: the Run Report summary is visible without scrolling');
	await screenshot(page, 'kufer-maileon-run-report');
}

/** The data table the templates read and write, created as the set-up template does it. */
async function createSuppressionList(context: BrowserContext, n8n: N8nInstance): Promise<void> {
	const project = await context.request.get(`${n8n.url}/rest/projects/personal`);
	if (!project.ok()) throw new Error(`reading the personal project failed (${project.status()}): ${await project.text()}`);
	const { data } = (await project.json()) as { data: { id: string } };
	const table = await context.request.post(`${n8n.url}/rest/projects/${data.id}/data-tables`, {
		data: { name: SUPPRESSION_LIST_NAME, columns: SUPPRESSION_LIST_COLUMNS.map((name) => ({ name, type: 'string' })) },
	});
	if (!table.ok()) throw new Error(`creating the suppression list failed (${table.status()}): ${await table.text()}`);
}

async function main(): Promise<void> {
	rmSync(RESULTS, { recursive: true, force: true });
	mkdirSync(RESULTS, { recursive: true });
	const registry = createRegistry({ fromDist: true });
	const nodes = [...registry.packageNodes.values()].map((nodeType) => nodeType.description as INodeTypeDescription);
	if (!existsSync(CHROMIUM)) {
		if (process.env.CHROMIUM_PATH) throw new Error(`No Chromium at CHROMIUM_PATH=${CHROMIUM}`);
		installFromDebian(['chromium'], 'The browser check needs Chromium');
	}
	const n8n = await startN8n();
	const profile = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		context.setDefaultTimeout(TIMEOUT_MS);
		context.setDefaultNavigationTimeout(TIMEOUT_MS);
		const setup = await context.request.post(`${n8n.url}/rest/owner/setup`, { data: OWNER });
		if (!setup.ok()) throw new Error(`owner setup failed (${setup.status()}): ${await setup.text()}`);
		await createSuppressionList(context, n8n);
		const page = context.pages()[0] ?? (await context.newPage());
		const types = (await (await context.request.get(`${n8n.url}/types/nodes.json`)).json()) as Array<{ name: string; iconUrl?: unknown }>;
		await checkTemplates(page, n8n, new Set(types.map((type) => type.name)));
		await checkIconFiles(context, n8n, types);
		await checkNodeSearch(page, n8n, nodes);
		// before the credentials: the wrong keys typed there are saved
		await checkKuferRun(page, n8n);
		await checkCredentials(page, n8n);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
		await n8n.stop();
	}
	if (process.env.UPDATE_DOCS_SCREENSHOTS === 'true') {
		for (const name of ['kufer-maileon-run', 'kufer-maileon-run-report']) {
			copyFileSync(path.join(RESULTS, `${name}.png`), path.join(ROOT, 'docs', `${name}.png`));
		}
	}
	if (failures.length > 0) {
		process.stderr.write(`\n${failures.length} check(s) failed:\n${failures.map((failure) => `- ${failure}`).join('\n')}\n`);
		process.exitCode = 1;
	} else {
		log(`\nAll checks passed; screenshots in ${path.relative(ROOT, RESULTS)}/`);
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
