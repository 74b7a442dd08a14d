import { startBillomatSandbox, type BillomatSandbox } from '../sandbox/billomat';
import { startDirectoSandbox, type DirectoSandbox } from '../sandbox/directo';
import { startMaileonSandbox, type MaileonSandbox } from '../sandbox/maileon';
import { startNewsletter2GoSandbox, type Newsletter2GoSandbox } from '../sandbox/newsletter2go';
import { startSmtpSink, type SmtpSink } from '../sandbox/smtp';
import type { CredentialSet } from './types';

/** Every API emulator a template may talk to, started together on 127.0.0.1. */
export interface SandboxSet {
	readonly maileon: MaileonSandbox;
	readonly newsletter2go: Newsletter2GoSandbox;
	readonly billomat: BillomatSandbox;
	readonly directo: DirectoSandbox;
	/** Receives what the Send Email node sends (error reports). */
	readonly smtp: SmtpSink;
	/** Credentials by type, pointing at these sandboxes. */
	credentials(): CredentialSet;
	close(): Promise<void>;
}

export interface SandboxSetOptions {
	/** First of the fixed ports `npm run sandbox` uses (18080); 0 picks free ones. @default 0 */
	readonly basePort?: number;
	readonly latencyMs?: number;
}

export async function startSandboxes(options: SandboxSetOptions = {}): Promise<SandboxSet> {
	const port = (offset: number) => (options.basePort ? options.basePort + offset : 0);
	const { latencyMs } = options;
	const maileon = await startMaileonSandbox({ port: port(0), latencyMs });
	const newsletter2go = await startNewsletter2GoSandbox({ port: port(2), latencyMs });
	const billomat = await startBillomatSandbox({ port: port(4), latencyMs });
	const directo = await startDirectoSandbox({ port: port(3), latencyMs });
	const smtp = await startSmtpSink({ port: port(25) });
	return {
		maileon,
		newsletter2go,
		billomat,
		directo,
		smtp,
		credentials: () => ({
			maileonApi: { apiKey: maileon.apiKey, baseUrl: maileon.apiUrl },
			newsletter2GoApi: { ...newsletter2go.credentials() },
			billomatApi: billomat.credentials(),
			directoApi: { interfaceType: 'xmlDirect', url: directo.url, apiKey: directo.token },
			smtp: smtp.credentials(),
		}),
		close: async () => {
			await Promise.all([maileon.close(), newsletter2go.close(), billomat.close(), directo.close(), smtp.close()]);
		},
	};
}
