import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isRecord } from '../values';

/**
 * Reads the parameters of one item with their types checked instead of cast: a value of another type
 * (an expression that resolved to something else) counts as the parameter left at its default.
 */
export interface ParameterReader {
	boolean(name: string, fallback: boolean): boolean;
	/** Trimmed. */
	string(name: string, fallback: string): string;
	/** One of `values`, else `fallback`. */
	choice<T extends string>(name: string, values: readonly T[], fallback: T): T;
	/** The entries of a multi-option parameter that are among `values`; `[]` when unset. */
	choices<T extends string>(name: string, values: readonly T[]): T[];
	/** The text entries of a list parameter; `[]` when unset. */
	strings(name: string): string[];
	/** A collection such as "Options"; `{}` when unset. */
	collection(name: string): IDataObject;
}

/** A reader over `read`, for contexts whose `getNodeParameter` takes no item index (triggers). */
export function readerOf(read: (name: string, fallback: unknown) => unknown): ParameterReader {
	return {
		boolean: (name, fallback) => {
			const value = read(name, fallback);
			return typeof value === 'boolean' ? value : fallback;
		},
		string: (name, fallback) => {
			const value = read(name, fallback);
			return (typeof value === 'string' ? value : fallback).trim();
		},
		choice: <T extends string>(name: string, values: readonly T[], fallback: T): T => {
			const value = read(name, fallback);
			return values.find((candidate) => candidate === value) ?? fallback;
		},
		choices: <T extends string>(name: string, values: readonly T[]): T[] => {
			const value = read(name, []);
			return Array.isArray(value) ? value.filter((entry): entry is T => values.includes(entry as T)) : [];
		},
		strings: (name) => {
			const value = read(name, []);
			return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
		},
		collection: (name) => {
			const value = read(name, {});
			return isRecord(value) ? (value as IDataObject) : {};
		},
	};
}

export function parameterReader(context: Pick<IExecuteFunctions, 'getNodeParameter'>, itemIndex = 0): ParameterReader {
	return readerOf((name, fallback) => context.getNodeParameter(name, itemIndex, fallback));
}
