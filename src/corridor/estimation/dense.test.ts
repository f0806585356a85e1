import { describe, expect, it } from 'vitest';
import { cholesky, choleskyInverse, choleskySolve, sandwich } from './dense.js';
import { SingularMatrixError } from './errors.js';

const A = Float64Array.of(4, 2, 0.4, 2, 5, 1, 0.4, 1, 3);

describe('dense Cholesky', () => {
  it('solves and inverts a symmetric positive-definite matrix', () => {
    const l = cholesky(A, 3);
    const x = choleskySolve(l, 3, Float64Array.of(1, 2, 3));
    for (let i = 0; i < 3; i++)
      expect(A[i * 3]! * x[0]! + A[i * 3 + 1]! * x[1]! + A[i * 3 + 2]! * x[2]!).toBeCloseTo(i + 1, 12);
    const inverse = choleskyInverse(l, 3);
    // A⁻¹ A⁻¹⁻¹ A⁻¹ = A⁻¹: the sandwich of the inverse around A is the inverse again.
    const back = sandwich(inverse, A, 3);
    for (let i = 0; i < 9; i++) expect(back[i]).toBeCloseTo(inverse[i]!, 12);
  });

  it('names the first column that is a combination of the ones before it', () => {
    // Column 2 = column 0 + column 1.
    const singular = Float64Array.of(2, 1, 3, 1, 2, 3, 3, 3, 6);
    expect(() => cholesky(singular, 3, ['a', 'b', 'c'])).toThrow(SingularMatrixError);
    expect(() => cholesky(singular, 3, ['a', 'b', 'c'])).toThrow(/parameter c is not identified/);
    expect(() => cholesky(Float64Array.of(1, 0, 0, 0), 2, ['a', 'b'])).toThrow(/parameter b/);
  });
});
