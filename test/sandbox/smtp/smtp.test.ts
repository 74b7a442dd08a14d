import { connect, type Socket } from 'node:net';

import { parseMessage, startSmtpSink, type SmtpSink } from '.';

/** A minimal SMTP client: sends one line, resolves with the (possibly multi-line) reply. */
class Client {
	private buffer = '';
	private waiting?: (reply: string) => void;

	private constructor(private readonly socket: Socket) {
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			this.buffer += chunk;
			this.deliver();
		});
	}

	static async open(port: number): Promise<{ client: Client; greeting: string }> {
		const socket = connect(port, '127.0.0.1');
		const client = new Client(socket);
		const greeting = await client.next();
		return { client, greeting };
	}

	/** Sends a line that gets no reply of its own (message text after DATA). */
	write(line: string): void {
		this.socket.write(`${line}\r\n`);
	}

	async send(line: string): Promise<string> {
		this.write(line);
		return await this.next();
	}

	close(): void {
		this.socket.destroy();
	}

	private next(): Promise<string> {
		return new Promise((resolve) => {
			this.waiting = resolve;
			this.deliver();
		});
	}

	private deliver(): void {
		// a reply ends with a line whose code is followed by a space, not a dash
		const end = /(^|\r\n)\d{3}(?: [^\r\n]*)?\r\n/.exec(this.buffer);
		if (!end || !this.waiting) return;
		const length = end.index + end[0].length;
		const reply = this.buffer.slice(0, length).trimEnd();
		this.buffer = this.buffer.slice(length);
		const resolve = this.waiting;
		this.waiting = undefined;
		resolve(reply);
	}
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('SMTP sink', () => {
	let sink: SmtpSink;
	let client: Client;

	beforeEach(async () => {
		sink = await startSmtpSink({ user: 'n8n', password: 'secret' });
		({ client } = await Client.open(sink.port));
	});

	afterEach(async () => {
		client.close();
		await sink.close();
	});

	async function deliver(lines: string[]): Promise<string> {
		await client.send('MAIL FROM:<n8n@example.org>');
		await client.send('RCPT TO:<ops@example.org>');
		await client.send('DATA');
		for (const line of lines.slice(0, -1)) client.write(line);
		return await client.send(lines[lines.length - 1]);
	}

	it('greets and offers AUTH PLAIN and LOGIN after EHLO', async () => {
		const reply = await client.send('EHLO client.test');
		expect(reply.split('\r\n')).toEqual(['250-sandbox.smtp', '250-8BITMIME', '250-AUTH PLAIN LOGIN', '250 SMTPUTF8']);
	});

	it('refuses MAIL before the client authenticated', async () => {
		await client.send('EHLO client.test');
		expect(await client.send('MAIL FROM:<n8n@example.org>')).toBe('530 5.7.0 Authentication required');
	});

	it('refuses a wrong password', async () => {
		expect(await client.send(`AUTH PLAIN ${base64('\0n8n\0wrong')}`)).toBe('535 5.7.8 Authentication credentials invalid');
	});

	it('accepts AUTH LOGIN in three steps', async () => {
		expect(await client.send('AUTH LOGIN')).toBe(`334 ${base64('Username:')}`);
		expect(await client.send(base64('n8n'))).toBe(`334 ${base64('Password:')}`);
		expect(await client.send(base64('secret'))).toBe('235 2.7.0 Authentication successful');
	});

	it('keeps an accepted message with its envelope, decoded subject and text', async () => {
		await client.send('EHLO client.test');
		await client.send(`AUTH PLAIN ${base64('\0n8n\0secret')}`);
		const reply = await deliver([
			'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= =?UTF-8?B?IGF1cyBUYWxsaW5u?=',
			'Content-Type: text/plain; charset=utf-8',
			'Content-Transfer-Encoding: quoted-printable',
			'',
			'K=C3=A4the J=C3=A4ger: a very long line that nodemailer would wrap with a so=',
			'ft line break',
			'..starts with a dot',
			'.',
		]);
		expect(reply).toBe('250 2.0.0 Ok: queued as 1');
		const [mail] = sink.messages;
		expect(mail).toMatchObject({ from: 'n8n@example.org', to: ['ops@example.org'], user: 'n8n', subject: 'Grüße aus Tallinn' });
		expect(mail.text).toBe('Käthe Jäger: a very long line that nodemailer would wrap with a soft line break\n.starts with a dot');
	});

	it('reads the plain-text part of a multipart message in base64', () => {
		const raw = [
			'Subject: plain',
			'Content-Type: multipart/alternative; boundary="b1"',
			'',
			'--b1',
			'Content-Type: text/html',
			'',
			'<p>html</p>',
			'--b1',
			'Content-Type: text/plain; charset=utf-8',
			'Content-Transfer-Encoding: base64',
			'',
			base64('Õie Lõhmus'),
			'--b1--',
		].join('\r\n');
		expect(parseMessage(raw).text).toBe('Õie Lõhmus');
	});

	it('says goodbye and closes the connection on QUIT', async () => {
		expect(await client.send('QUIT')).toBe('221 2.0.0 Bye');
	});
});
