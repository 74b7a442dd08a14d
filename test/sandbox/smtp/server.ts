import { createServer, type AddressInfo, type Socket } from 'node:net';

import { parseMessage, type ParsedMessage } from './message';

/** One message the sink accepted, with the envelope it came in. */
export interface ReceivedMail extends ParsedMessage {
	/** `MAIL FROM` address. */
	readonly from: string;
	/** `RCPT TO` addresses, in order. */
	readonly to: readonly string[];
	/** The user that authenticated, if any (never the password). */
	readonly user?: string;
	/** The message as sent after `DATA`, dot-stuffing removed. */
	readonly raw: string;
}

export interface SmtpSinkOptions {
	/** @default 0 (a free port) */
	readonly port?: number;
	/** When set (with `password`), `MAIL` needs `AUTH PLAIN` or `AUTH LOGIN` with these first. @default 'n8n' */
	readonly user?: string;
	/** @default 'sandbox-smtp-password' */
	readonly password?: string;
}

export interface SmtpSink {
	readonly host: string;
	readonly port: number;
	/** Every accepted message, oldest first. */
	readonly messages: ReceivedMail[];
	/** Decrypted `smtp` credential of n8n's Send Email node, pointing at the sink (plain SMTP, no TLS). */
	credentials(): { host: string; port: number; secure: false; disableStartTls: true; user: string; password: string };
	/** Stops listening and drops open connections. */
	close(): Promise<void>;
}

const HOST = '127.0.0.1';
const CRLF = '\r\n';

interface Session {
	user?: string;
	from?: string;
	to: string[];
	/** Lines of the message while `DATA` is open. */
	data?: string[];
	/** What the next line answers: a continuation of `AUTH`. */
	pendingAuth?: 'plain' | 'login-user' | 'login-password';
	loginUser?: string;
}

function decodeBase64(text: string): string {
	return Buffer.from(text.trim(), 'base64').toString('utf8');
}

function readAddress(argument: string): string | undefined {
	return /^<([^>]*)>/.exec(argument.trim())?.[1];
}

/**
 * A tiny SMTP server (RFC 5321 subset) that keeps every message in memory: enough for nodemailer, as used by
 * n8n's Send Email node, to authenticate and deliver. No TLS: the credential must have SSL/TLS off.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
	const user = options.user ?? 'n8n';
	const password = options.password ?? 'sandbox-smtp-password';
	const messages: ReceivedMail[] = [];
	const sockets = new Set<Socket>();

	const checkLogin = (session: Session, name: string, secret: string): string => {
		if (name !== user || secret !== password) return '535 5.7.8 Authentication credentials invalid';
		session.user = name;
		return '235 2.7.0 Authentication successful';
	};

	const answerAuth = (session: Session, line: string): string => {
		const step = session.pendingAuth;
		session.pendingAuth = undefined;
		if (step === 'plain') return checkLogin(session, ...plainParts(line));
		if (step === 'login-user') {
			session.loginUser = decodeBase64(line);
			session.pendingAuth = 'login-password';
			return `334 ${Buffer.from('Password:').toString('base64')}`;
		}
		return checkLogin(session, session.loginUser ?? '', decodeBase64(line));
	};

	const answerCommand = (session: Session, line: string): string | undefined => {
		const [verb = '', ...rest] = line.split(' ');
		const argument = rest.join(' ');
		switch (verb.toUpperCase()) {
			case 'EHLO':
				return ['250-sandbox.smtp', '250-8BITMIME', '250-AUTH PLAIN LOGIN', '250 SMTPUTF8'].join(CRLF);
			case 'HELO':
				return '250 sandbox.smtp';
			case 'AUTH': {
				const [mechanism = '', initial] = argument.split(' ');
				if (mechanism.toUpperCase() === 'PLAIN') {
					if (initial !== undefined) return checkLogin(session, ...plainParts(initial));
					session.pendingAuth = 'plain';
					return '334 ';
				}
				if (mechanism.toUpperCase() === 'LOGIN') {
					if (initial !== undefined) {
						session.loginUser = decodeBase64(initial);
						session.pendingAuth = 'login-password';
						return `334 ${Buffer.from('Password:').toString('base64')}`;
					}
					session.pendingAuth = 'login-user';
					return `334 ${Buffer.from('Username:').toString('base64')}`;
				}
				return '504 5.5.4 Unrecognized authentication type';
			}
			case 'MAIL': {
				if (session.user === undefined) return '530 5.7.0 Authentication required';
				const address = readAddress(argument.replace(/^FROM:/i, ''));
				if (address === undefined) return '501 5.5.4 Syntax: MAIL FROM:<address>';
				session.from = address;
				session.to = [];
				return '250 2.1.0 Ok';
			}
			case 'RCPT': {
				if (session.from === undefined) return '503 5.5.1 Need MAIL first';
				const address = readAddress(argument.replace(/^TO:/i, ''));
				if (address === undefined) return '501 5.5.4 Syntax: RCPT TO:<address>';
				session.to.push(address);
				return '250 2.1.5 Ok';
			}
			case 'DATA':
				if (session.to.length === 0) return '503 5.5.1 Need RCPT first';
				session.data = [];
				return '354 End data with <CR><LF>.<CR><LF>';
			case 'RSET':
				session.from = undefined;
				session.to = [];
				return '250 2.0.0 Ok';
			case 'NOOP':
				return '250 2.0.0 Ok';
			case 'QUIT':
				return undefined;
			default:
				return '502 5.5.2 Command not recognized';
		}
	};

	const finishData = (session: Session): string => {
		const raw = (session.data ?? []).join(CRLF);
		messages.push({ ...parseMessage(raw), from: session.from ?? '', to: [...session.to], user: session.user, raw });
		session.data = undefined;
		session.from = undefined;
		session.to = [];
		return `250 2.0.0 Ok: queued as ${messages.length}`;
	};

	const handleLine = (socket: Socket, session: Session, line: string): void => {
		if (session.data !== undefined) {
			if (line === '.') socket.write(`${finishData(session)}${CRLF}`);
			else session.data.push(line.startsWith('.') ? line.slice(1) : line);
			return;
		}
		const answer = session.pendingAuth !== undefined ? answerAuth(session, line) : answerCommand(session, line);
		if (answer === undefined) {
			socket.end(`221 2.0.0 Bye${CRLF}`);
			return;
		}
		socket.write(`${answer}${CRLF}`);
	};

	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		// a client that drops the connection mid-session is no failure of the sink
		socket.on('error', () => socket.destroy());
		socket.setEncoding('utf8');
		const session: Session = { to: [] };
		let buffer = '';
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			let end = buffer.indexOf(CRLF);
			while (end !== -1) {
				handleLine(socket, session, buffer.slice(0, end));
				buffer = buffer.slice(end + CRLF.length);
				end = buffer.indexOf(CRLF);
			}
		});
		socket.write(`220 sandbox.smtp ESMTP${CRLF}`);
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, HOST, () => resolve());
	});
	const { port } = server.address() as AddressInfo;

	return {
		host: HOST,
		port,
		messages,
		credentials: () => ({ host: HOST, port, secure: false, disableStartTls: true, user, password }),
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
		},
	};
}

/** User and password of an `AUTH PLAIN` response: authorisation identity NUL user NUL password (RFC 4616). */
function plainParts(response: string): [string, string] {
	const [, name = '', secret = ''] = decodeBase64(response).split('\0');
	return [name, secret];
}
