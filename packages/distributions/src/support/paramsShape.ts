import { InvalidInputError } from '@mixkit/core';

/**
 * What one field of a family's parameter object holds:
 * - `vector`: a Float64Array of the parameters' dimension d (the first vector field's length);
 * - `square`: a d x d Float64Array (row-major);
 * - `array`: a typed array of any length (e.g. a categorical's concatenated levels);
 * - `number`: a finite number.
 */
export type FieldShape = 'vector' | 'square' | 'array' | 'number';

/**
 * A family's `checkParams`: throws `InvalidInputError` naming `argument` (and the field) unless
 * the value is an object with every field of `fields` in its shape. It checks the fields
 * `logDensity` and `sample` read, so another family's parameters (a diagonal Gaussian's given
 * to a full one) are refused by name instead of failing deep inside a kernel. `builder` names
 * the function that builds such parameters, for the message.
 */
export function paramsShape(
  kind: string,
  builder: string,
  fields: Readonly<Record<string, FieldShape>>,
): (value: unknown, argument: string) => void {
  const names = Object.keys(fields);
  const expected = `${kind} parameters (${names.join(', ')})`;
  return (value, argument) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new InvalidInputError({ argument, value }, `expected ${expected}`);
    }
    const record = value as Record<string, unknown>;
    let d = -1;
    for (const name of names) {
      const field = record[name];
      const shape = fields[name];
      const where = `${argument}.${name}`;
      if (shape === 'number') {
        if (typeof field !== 'number' || !Number.isFinite(field)) {
          throw new InvalidInputError(
            { argument: where, value: field },
            `expected ${expected}: ${name} must be a finite number`,
          );
        }
        continue;
      }
      if (!ArrayBuffer.isView(field) || field instanceof DataView) {
        throw new InvalidInputError(
          { argument: where, value: field },
          `expected ${expected}: ${name} must be a typed array (build them with ${builder})`,
        );
      }
      const length = (field as unknown as ArrayLike<number>).length;
      if (shape === 'vector' && d < 0) d = length;
      const wanted = shape === 'vector' ? d : shape === 'square' ? d * d : length;
      if (length !== wanted || (shape !== 'array' && !(field instanceof Float64Array))) {
        throw new InvalidInputError(
          { argument: where, value: length },
          `expected ${expected}: ${name} must be a Float64Array of length ${wanted}`,
        );
      }
    }
  };
}
