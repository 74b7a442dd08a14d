/**
 * Seeded KUFER address records for fixtures (kufer.md §6): German names with umlauts and ß, titles,
 * every newsletter status including lower-case letters, unknown values and empty, invalid and empty
 * e-mails, and duplicate e-mails with conflicting statuses. Each record says what it is (`kind`), so
 * tests can state the expected outcome without re-deriving it.
 */
import { createRandom } from '../framework/random';

export type RecordKind =
	| 'optIn'
	| 'relationship'
	| 'optOut'
	| 'empty'
	| 'lowerCase'
	| 'unknownStatus'
	| 'invalidEmail'
	| 'emptyEmail'
	| 'invalidGender'
	| 'duplicate';

/** One address as KUFER would export it; values are the raw texts (§2.1), `undefined` leaves the element out. */
export interface KuferFixtureRecord {
	kind: RecordKind;
	adrnr: string;
	anrede?: string;
	geschlecht?: string;
	titel?: string;
	vorname?: string;
	name?: string;
	email?: string;
	newsletter?: string;
	newsletterdatum?: string;
	geaendert?: string;
	/** Further elements, kept by the node as custom fields. */
	extra?: Record<string, string>;
}

export interface GenerateOptions {
	readonly count: number;
	/** @default 1 */
	readonly seed?: number;
	/**
	 * Relative weights of the record kinds.
	 * @default a mix where J and K dominate and every other kind occurs
	 */
	readonly mix?: Partial<Record<RecordKind, number>>;
	/** First address number. @default 100001 */
	readonly firstAdrnr?: number;
}

export const DEFAULT_MIX: Readonly<Record<RecordKind, number>> = {
	optIn: 30,
	relationship: 30,
	optOut: 8,
	empty: 8,
	lowerCase: 5,
	unknownStatus: 4,
	invalidEmail: 4,
	emptyEmail: 3,
	invalidGender: 3,
	duplicate: 5,
};

const FIRST_NAMES_F = [
	'Jördis',
	'Käthe',
	'Ulla',
	'Grete',
	'Sönke',
	'Anna',
	'Bärbel',
	'Lü',
	'Renée',
	'Maria',
];
const FIRST_NAMES_M = [
	'Jürgen',
	'Jörg',
	'Björn',
	'Günther',
	'Sören',
	'Ben',
	'Till',
	'Hans-Jürgen',
	'Ömer',
	'Karl',
];
const LAST_NAMES = [
	'Müller',
	'Schäfer',
	'Weiß',
	'Groß',
	'Köhler',
	'Bäcker',
	'Müller-Lüdenscheidt',
	'Strauß',
	'Fuß',
	'Öztürk',
	'Jäger',
	'Krüger',
];
const TITLES = ['', '', '', 'Dr.', 'Prof.', 'Prof. Dr.', 'Dipl.-Ing.'];
const TOWNS = [
	'12345 Musterstadt',
	'80331 München',
	'50667 Köln',
	'20095 Hamburg',
	'01067 Dresden',
];
const STREETS = ['Hauptstraße 1', 'Gartenweg 12a', 'Am Bärenzwinger 3', 'Lößnitzstraße 7'];
const INVALID_EMAILS = [
	'kein-at-zeichen.de',
	'a@b',
	'zwei@@example.org',
	'leer zeichen@example.org',
	'punkt.@example.org',
];
const UNKNOWN_STATUSES = ['X', 'ja', 'nein', '?', 'JK'];
const LOWER_STATUSES = ['j', 'k', 'n'];
const BAD_GENDERS = ['X', '?', 'unbekannt'];

const KINDS = Object.keys(DEFAULT_MIX) as RecordKind[];

// German letters → ASCII for addresses, so they stay valid everywhere
const ASCII: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', é: 'e' };

function asciiName(text: string): string {
	return text
		.toLowerCase()
		.replace(/[äöüßé]/g, (char) => ASCII[char])
		.replace(/[^a-z0-9]+/g, '');
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** `dd.mm.yyyy`, the KUFER date format (kufer.md §1.6). */
export function kuferDate(year: number, month: number, day: number): string {
	return `${pad(day)}.${pad(month)}.${year}`;
}

/**
 * Generates `count` records, the same ones for the same seed and options. Each record is built on
 * its own index, so `recordAt` can stream a large export without holding it.
 */
export function generateRecords(options: GenerateOptions): KuferFixtureRecord[] {
	const records: KuferFixtureRecord[] = [];
	const generator = createGenerator(options);
	for (let index = 0; index < options.count; index++) records.push(generator(index));
	return records;
}

/** A function from index to record; duplicates refer back to an earlier index. */
export function createGenerator(
	options: Omit<GenerateOptions, 'count'>,
): (index: number) => KuferFixtureRecord {
	const seed = options.seed ?? 1;
	const mix = { ...DEFAULT_MIX, ...options.mix };
	const total = KINDS.reduce((sum, kind) => sum + (mix[kind] ?? 0), 0);
	if (!(total > 0)) throw new Error('Expected `mix` to give at least one kind a positive weight.');
	const firstAdrnr = options.firstAdrnr ?? 100001;

	const pickKind = (random: () => number, index: number): RecordKind => {
		let point = random() * total;
		for (const kind of KINDS) {
			point -= mix[kind] ?? 0;
			if (point < 0) return kind === 'duplicate' && index === 0 ? 'optIn' : kind;
		}
		return 'optIn';
	};

	const base = (index: number): KuferFixtureRecord => {
		// one small generator per record: the record depends on (seed, index) only
		const random = createRandom(seed * 1_000_003 + index);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
		const isFemale = random() < 0.5;
		const vorname = pick(isFemale ? FIRST_NAMES_F : FIRST_NAMES_M);
		const name = pick(LAST_NAMES);
		const kind = pickKind(random, index);
		const year = 2015 + Math.floor(random() * 10);
		const record: KuferFixtureRecord = {
			kind,
			adrnr: String(firstAdrnr + index),
			anrede: isFemale ? 'Frau' : 'Herr',
			titel: pick(TITLES),
			vorname,
			name,
			email: `${asciiName(vorname)}.${asciiName(name)}.${index}@example.org`,
			newsletter: 'J',
			newsletterdatum: kuferDate(
				year,
				1 + Math.floor(random() * 12),
				1 + Math.floor(random() * 28),
			),
			geaendert: `${kuferDate(2025, 1 + Math.floor(random() * 11), 1 + Math.floor(random() * 28))} ${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}`,
			extra: {
				strasse: pick(STREETS),
				ort: pick(TOWNS),
				gebdatum: kuferDate(
					1940 + Math.floor(random() * 60),
					1 + Math.floor(random() * 12),
					1 + Math.floor(random() * 28),
				),
			},
		};
		switch (kind) {
			case 'relationship':
				record.newsletter = 'K';
				break;
			case 'optOut':
				record.newsletter = 'N';
				break;
			case 'empty':
				record.newsletter = '';
				record.newsletterdatum = '';
				break;
			case 'lowerCase':
				record.newsletter = pick(LOWER_STATUSES);
				break;
			case 'unknownStatus':
				record.newsletter = pick(UNKNOWN_STATUSES);
				break;
			case 'invalidEmail':
				record.email = pick(INVALID_EMAILS);
				break;
			case 'emptyEmail':
				record.email = '';
				break;
			case 'invalidGender':
				record.geschlecht = pick(BAD_GENDERS);
				break;
			default:
				break;
		}
		return record;
	};

	return (index) => {
		const record = base(index);
		if (record.kind !== 'duplicate') return record;
		// the address of an earlier valid record, with a status that conflicts with it
		const random = createRandom(seed * 7_919 + index);
		for (let earlier = Math.floor(random() * index); earlier >= 0; earlier--) {
			const original = base(earlier);
			if (!ADDRESS_KINDS.has(original.kind)) continue;
			const status = (original.newsletter ?? '').toUpperCase();
			record.email = original.email?.toUpperCase();
			record.newsletter = status === 'N' ? 'J' : random() < 0.5 ? 'N' : status === 'K' ? 'J' : 'K';
			return record;
		}
		return { ...record, kind: 'optIn' };
	};
}

/** Kinds whose record becomes an address of its own (the rest is invalid or merged). */
const ADDRESS_KINDS: ReadonlySet<RecordKind> = new Set([
	'optIn',
	'relationship',
	'optOut',
	'empty',
	'lowerCase',
	'unknownStatus',
]);

/** Whether the node must reject the record (kufer.md §3.3: bad or missing e-mail, unusable gender). */
export function isInvalidKind(kind: RecordKind): boolean {
	return kind === 'invalidEmail' || kind === 'emptyEmail' || kind === 'invalidGender';
}

/**
 * The merged newsletter status per address by the package's consent rule: the most restrictive
 * status of all records of the address wins, N, then an unknown value, then empty, then K, then J;
 * an invalid record's status counts for an address that a valid record holds. An oracle written
 * from the rule, independent of the node.
 */
export function expectedStatuses(records: readonly KuferFixtureRecord[]): Map<string, string> {
	const rank = (status: string): number => ({ N: 5, '': 3, K: 2, J: 1 })[status] ?? 4;
	const statuses = new Map<string, string>();
	const merge = (key: string, status: string): void => {
		const previous = statuses.get(key);
		if (previous === undefined || rank(status) > rank(previous)) statuses.set(key, status);
	};
	for (const record of records) {
		if (isInvalidKind(record.kind) || record.email === undefined) continue;
		merge(record.email.trim().toLowerCase(), (record.newsletter ?? '').trim().toUpperCase());
	}
	for (const record of records) {
		if (!isInvalidKind(record.kind) || record.email === undefined) continue;
		const key = record.email.trim().toLowerCase();
		if (statuses.has(key)) merge(key, (record.newsletter ?? '').trim().toUpperCase());
	}
	return statuses;
}
