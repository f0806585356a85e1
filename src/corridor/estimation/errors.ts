/** Raised when an estimator's input is inconsistent (sizes) or invalid (negative, NaN); the message names the field. */
export class EstimationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EstimationInputError';
  }
}

/**
 * Raised when the matrix an estimator must invert is singular: a parameter is not identified by the data (e.g. an
 * attribute constant across the alternatives of every observation, or a model that ignores a parameter).
 */
export class SingularMatrixError extends Error {
  /** Index of the first parameter found to be not identified (collinear with the ones before it). */
  readonly parameter: number;
  constructor(parameter: number, name: string | undefined, what: string) {
    super(`${what} is singular: parameter ${name ?? `#${parameter}`} is not identified by the data`);
    this.name = 'SingularMatrixError';
    this.parameter = parameter;
  }
}

/** Throws unless every value is finite and at or above zero. */
export function requireNonNegative(field: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0) || !Number.isFinite(v))
      throw new EstimationInputError(`${field}[${i}] must be a finite number ≥ 0, got ${v}`);
  }
}

/** Throws unless every value is finite. */
export function requireFinite(field: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new EstimationInputError(`${field}[${i}] must be finite, got ${values[i]}`);
  }
}

export function requireLength(field: string, values: ArrayLike<number>, length: number, of: string): void {
  if (values.length !== length)
    throw new EstimationInputError(`${field} has ${values.length} entries but ${of} needs ${length}`);
}
