import { createRandom } from '../sandbox/framework';

const GERMAN_FIRST = ['Jürgen', 'Käthe', 'Jörg', 'Sören', 'Müge', 'Anna', 'Lukas', 'Greta', 'Ömer', 'Lea', 'Björn', 'Frauke'];
const GERMAN_LAST = ['Müller', 'Schäfer', 'Weiß', 'Groß', 'Köhler', 'Bäcker', 'Schulze', 'Hoffmann', 'Krüger', 'Jäger'];
const ESTONIAN_FIRST = ['Jüri', 'Mart', 'Tõnu', 'Külli', 'Ülle', 'Märt', 'Kadri', 'Õie', 'Priit', 'Liis'];
const ESTONIAN_LAST = ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Kukk', 'Rebane', 'Ilves', 'Pärn', 'Lõhmus'];

export interface Person {
	index: number;
	salutation: 'Herr' | 'Frau' | '';
	firstName: string;
	lastName: string;
	email: string;
	estonian: boolean;
}

function ascii(text: string): string {
	return text
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/õ/g, 'o')
		.replace(/ß/g, 'ss')
		.replace(/[^a-z]/g, '');
}

/** Seeded German and Estonian people with umlauts; `invalidEvery` gives every n-th a broken address. */
export function generatePeople(count: number, options: { seed?: number; invalidEvery?: number } = {}): Person[] {
	const random = createRandom(options.seed ?? 7);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const people: Person[] = [];
	for (let index = 0; index < count; index++) {
		const estonian = index % 3 === 2;
		const firstName = pick(estonian ? ESTONIAN_FIRST : GERMAN_FIRST);
		const lastName = pick(estonian ? ESTONIAN_LAST : GERMAN_LAST);
		const domain = estonian ? 'example.ee' : 'example.de';
		const broken = options.invalidEvery !== undefined && index % options.invalidEvery === options.invalidEvery - 1;
		people.push({
			index,
			salutation: estonian ? '' : pick(['Herr', 'Frau'] as const),
			firstName,
			lastName,
			email: broken ? `${ascii(firstName)}.${ascii(lastName)}@@${domain}` : `${ascii(firstName)}.${ascii(lastName)}.${index}@${domain}`,
			estonian,
		});
	}
	return people;
}
