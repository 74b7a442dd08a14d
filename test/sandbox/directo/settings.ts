/**
 * Behaviour switches of the Directo sandbox. Each fact directo.md marks UNCERTAIN (§13) is a
 * setting here, with the reference default; tests flip them through `sandbox.state.settings`.
 */

export type Component = 'customer' | 'contact';

export const COMPONENTS: readonly Component[] = ['customer', 'contact'];

/** Path segment of the standard XML Direct interface (directo.md §2). */
export const XML_DIRECT_DATABASE = 'cap_xml_direct';

/** Demo XML Direct key, printed by `npm run sandbox`. */
export const DIRECTO_DEMO_TOKEN = 'xd-demo-7f3a9c21e8b44d05';

/** Demo legacy xmlcore database and appkey (directo.md §7 names a public `demo_ee`). */
export const DIRECTO_DEMO_DATABASE = 'demo_ee';
export const DIRECTO_DEMO_APPKEY = 'appkey-demo-5b8e41d0';

export interface TokenSetting {
	readonly token: string;
	/** Components the key may read and write ("several keys, each limited to chosen components"). @default both */
	readonly components?: readonly Component[];
	/** Whether the key may `put`. @default true */
	readonly canWrite?: boolean;
}

export interface LegacyInterfaceSetting {
	/** Database name in `/xmlcore/<database>/xmlcore.asp`. */
	readonly database: string;
	readonly appKey: string;
	/** Components ordered for this per-project interface. @default both */
	readonly components?: readonly Component[];
}

export interface DirectoSettings {
	/** XML Direct keys. @default one demo key for both components */
	tokens: TokenSetting[];
	/** Legacy xmlcore interfaces; any other database path answers an IIS 404 page. @default `demo_ee` */
	legacyInterfaces: LegacyInterfaceSetting[];
	/**
	 * Where routing parameters (`get`, `put`, `what`, filters) are read (§13 #1): `any` reads query
	 * string and form body; `query` answers `<result type="404" desc="Invalid url given"/>` when they
	 * arrive only in the body, as a third-party Go client reports; `body` reads the form body only,
	 * as every Directo example posts them (wiki en/xml_direct, en/xmlcore), and ignores the query.
	 * @default 'any'
	 */
	routingParameters: 'any' | 'query' | 'body';
	/** Whether a time of day in `ts` is honoured; otherwise only its date counts (§13 #2). @default false */
	honourTimeOfDay: boolean;
	/** Whether `<customers>` / `<contacts>` sits between `<transport>` and the records (§13 #5). @default true */
	recordContainer: boolean;
	/** Whether data answers start with an XML declaration; error answers never do, as quoted in §2. @default true */
	xmlDeclaration: boolean;
	/**
	 * Customer `get` filters the interface applies (§4.4, §13 #4); other filters are ignored, as an
	 * interface ignores parameters it does not know.
	 * @default code, loyaltycard, regno, email, phone, closed
	 */
	customerFilters: string[];
	/** Contact `get` filters (§5). @default code, customercode, suppliercode, email, pid, closed */
	contactFilters: string[];
	/**
	 * Whether a customer read also shows the attributes only `xml_IN_kliendid.xsd` has (`type`,
	 * `firstname`, bank fields, …), as an interface with its own output schema might; XML Direct's
	 * `ws_kliendid.xsd` does not (directo.md §4.3, §7).
	 * @default false
	 */
	customerReadShowsInputOnly: boolean;
	/** HTTP status of error answers, which the reference leaves undocumented (§13 #8). @default 200 */
	errorStatus: number;
	/** Bytes per chunk of a streamed answer. @default 65536 */
	chunkBytes: number;
}

export function defaultSettings(): DirectoSettings {
	return {
		tokens: [{ token: DIRECTO_DEMO_TOKEN }],
		legacyInterfaces: [{ database: DIRECTO_DEMO_DATABASE, appKey: DIRECTO_DEMO_APPKEY }],
		routingParameters: 'any',
		honourTimeOfDay: false,
		recordContainer: true,
		xmlDeclaration: true,
		customerFilters: ['code', 'loyaltycard', 'regno', 'email', 'phone', 'closed'],
		contactFilters: ['code', 'customercode', 'suppliercode', 'email', 'pid', 'closed'],
		customerReadShowsInputOnly: false,
		errorStatus: 200,
		chunkBytes: 64 * 1024,
	};
}
