// RFC 3492 §5 parameters for IDNA
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_CODE_POINT = 0x10ffff;

function adaptBias(delta: number, points: number, isFirst: boolean): number {
	let scaled = isFirst ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
	scaled += Math.floor(scaled / points);
	let k = 0;
	while (scaled > ((BASE - T_MIN) * T_MAX) >> 1) {
		scaled = Math.floor(scaled / (BASE - T_MIN));
		k += BASE;
	}
	return k + Math.floor(((BASE - T_MIN + 1) * scaled) / (scaled + SKEW));
}

function digitValue(code: number): number {
	if (code >= 48 && code <= 57) return code - 22;
	if (code >= 65 && code <= 90) return code - 65;
	if (code >= 97 && code <= 122) return code - 97;
	return BASE;
}

/**
 * Decodes the part of an IDNA label after `xn--` (RFC 3492 §6.2), e.g. `mller-kva` → `müller`;
 * `undefined` when it is not valid punycode.
 */
export function decodePunycode(encoded: string): string | undefined {
	const output: number[] = [];
	const basic = Math.max(encoded.lastIndexOf('-'), 0);
	for (let index = 0; index < basic; index++) {
		const code = encoded.charCodeAt(index);
		if (code >= 0x80) return undefined;
		output.push(code);
	}
	let n = INITIAL_N;
	let bias = INITIAL_BIAS;
	let i = 0;
	for (let index = basic > 0 ? basic + 1 : 0; index < encoded.length; ) {
		const previous = i;
		let weight = 1;
		for (let k = BASE; ; k += BASE) {
			if (index >= encoded.length) return undefined;
			const digit = digitValue(encoded.charCodeAt(index++));
			if (digit >= BASE) return undefined;
			i += digit * weight;
			const threshold = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
			if (digit < threshold) break;
			weight *= BASE - threshold;
			// a label is at most 63 characters: anything this large is not a real label
			if (i > Number.MAX_SAFE_INTEGER / BASE || weight > Number.MAX_SAFE_INTEGER / BASE) {
				return undefined;
			}
		}
		const length = output.length + 1;
		bias = adaptBias(i - previous, length, previous === 0);
		n += Math.floor(i / length);
		i %= length;
		if (n > MAX_CODE_POINT || (n >= 0xd800 && n <= 0xdfff)) return undefined;
		output.splice(i, 0, n);
		i++;
	}
	return String.fromCodePoint(...output);
}
