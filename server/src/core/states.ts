/** A procedure's states as data the web can bundle too (no runtime imports): their names in declaration order, labels. */

/** A state's declaration: its Chinese label and, optionally, how long a record may stay in it. */
export interface StateDecl {
  label: string;
  due?: { length: number; unit: '日' | '工作日' };
}

/** The states' names in declaration order, as a non-empty tuple (for `z.enum`). */
export const stateNames = <S extends string>(states: Readonly<Record<S, StateDecl>>) => Object.keys(states) as [S, ...S[]];
