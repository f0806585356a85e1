/**
 * Anderson acceleration (type II; Walker and Ni 2011) of a damped fixed-point iteration x ← x + β·f, f = g(x) − x:
 * the next point combines the last `depth` steps with the weights that cancel their residuals best in least
 * squares, x⁺ = x + β·f − Σⱼ γⱼ (ΔXⱼ + β·ΔFⱼ). With no steps remembered it is the plain damped step. Buffers are
 * allocated once; a step costs about 3·depth passes over the vector.
 */
export class AndersonMixer {
  private readonly deltaX: Float64Array[];
  private readonly deltaF: Float64Array[];
  private readonly previousX: Float64Array;
  private readonly previousF: Float64Array;
  /** Gram matrix of the remembered residual differences, depth × depth, row-major. */
  private readonly gram: Float64Array;
  private readonly system: Float64Array;
  private readonly gamma: Float64Array;
  private count = 0;
  private next = 0;
  private hasPrevious = false;

  constructor(
    private readonly size: number,
    private readonly depth: number,
  ) {
    this.deltaX = Array.from({ length: depth }, () => new Float64Array(size));
    this.deltaF = Array.from({ length: depth }, () => new Float64Array(size));
    this.previousX = new Float64Array(size);
    this.previousF = new Float64Array(size);
    this.gram = new Float64Array(depth * depth);
    this.system = new Float64Array(depth * (depth + 1));
    this.gamma = new Float64Array(depth);
  }

  /** Forgets the remembered steps (the next step is a plain damped one). */
  reset(): void {
    this.count = 0;
    this.next = 0;
    this.hasPrevious = false;
  }

  /**
   * Moves `x` (in place) from the point it is at, whose residual is `f`, by the mixed step with damping `beta`.
   * Returns whether remembered steps entered it (false for a plain damped step).
   */
  step(x: Float64Array, f: Float64Array, beta: number): boolean {
    const { size, depth } = this;
    if (this.hasPrevious && depth > 0) this.remember(x, f);
    this.previousX.set(x);
    this.previousF.set(f);
    this.hasPrevious = true;
    const m = this.count;
    const gamma = this.solve(f);
    for (let i = 0; i < size; i++) {
      let value = x[i]! + beta * f[i]!;
      for (let j = 0; j < m; j++) value -= gamma[j]! * (this.deltaX[j]![i]! + beta * this.deltaF[j]![i]!);
      x[i] = value;
    }
    return m > 0;
  }

  /**
   * Puts `x` back at the point of the last step and takes a plain damped step from there instead, forgetting the
   * remembered steps: for when the mixed step made the residual worse.
   */
  retreat(x: Float64Array, beta: number): void {
    const { previousX, previousF } = this;
    for (let i = 0; i < this.size; i++) x[i] = previousX[i]! + beta * previousF[i]!;
    this.count = 0;
    this.next = 0;
  }

  private remember(x: Float64Array, f: Float64Array): void {
    const { size, depth, gram } = this;
    const slot = this.next;
    const dx = this.deltaX[slot]!;
    const df = this.deltaF[slot]!;
    for (let i = 0; i < size; i++) {
      dx[i] = x[i]! - this.previousX[i]!;
      df[i] = f[i]! - this.previousF[i]!;
    }
    this.next = (slot + 1) % depth;
    this.count = Math.min(this.count + 1, depth);
    for (let j = 0; j < this.count; j++) {
      const other = this.deltaF[j]!;
      let sum = 0;
      for (let i = 0; i < size; i++) sum += df[i]! * other[i]!;
      gram[slot * depth + j] = sum;
      gram[j * depth + slot] = sum;
    }
  }

  /** γ minimizing ‖f − ΔF·γ‖: the normal equations, slightly regularized, by Gaussian elimination. */
  private solve(f: Float64Array): Float64Array {
    const { size, depth, gram, system, gamma } = this;
    const m = this.count;
    const width = m + 1;
    let trace = 0;
    for (let j = 0; j < m; j++) trace += gram[j * depth + j]!;
    for (let j = 0; j < m; j++) {
      const column = this.deltaF[j]!;
      let sum = 0;
      for (let i = 0; i < size; i++) sum += column[i]! * f[i]!;
      for (let k = 0; k < m; k++) system[j * width + k] = gram[j * depth + k]!;
      // A tiny ridge keeps nearly parallel steps from making the system singular.
      system[j * width + j] = system[j * width + j]! + 1e-10 * trace + Number.MIN_VALUE;
      system[j * width + m] = sum;
    }
    for (let c = 0; c < m; c++) {
      let pivot = c;
      for (let r = c + 1; r < m; r++)
        if (Math.abs(system[r * width + c]!) > Math.abs(system[pivot * width + c]!)) pivot = r;
      if (pivot !== c)
        for (let k = 0; k < width; k++) {
          const held = system[c * width + k]!;
          system[c * width + k] = system[pivot * width + k]!;
          system[pivot * width + k] = held;
        }
      for (let r = c + 1; r < m; r++) {
        const factor = system[r * width + c]! / system[c * width + c]!;
        for (let k = c; k < width; k++)
          system[r * width + k] = system[r * width + k]! - factor * system[c * width + k]!;
      }
    }
    for (let c = m - 1; c >= 0; c--) {
      let sum = system[c * width + m]!;
      for (let k = c + 1; k < m; k++) sum -= system[c * width + k]! * gamma[k]!;
      gamma[c] = sum / system[c * width + c]!;
    }
    return gamma;
  }
}
