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
	/** A collection such as "Options"; `{}` when unset. */
	collection(name: string): IDataObject;
}

export function parameterReader(context: Pick<IExecuteFunctions, 'getNodeParameter'>, itemIndex = 0): ParameterReader {
	const read = (name: string, fallback: unknown): unknown => context.getNodeParameter(name, itemIndex, fallback);
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
		collection: (name) => {
			const value = read(name, {});
			return isRecord(value) ? (value as IDataObject) : {};
		},
	};
}
