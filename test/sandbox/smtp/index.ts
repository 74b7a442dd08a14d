export { decodeEncodedWords, parseMessage } from './message';
export type { ParsedMessage } from './message';
export { startSmtpSink } from './server';
export type { ReceivedMail, SmtpSink, SmtpSinkOptions } from './server';
