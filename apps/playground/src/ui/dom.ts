/** Creates an element with attributes and children: just enough to build forms without a framework. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children);
  return element;
}

/** A `<select>` over `choices`, showing `labelOf(choice)`, with `selected` chosen. */
export function select<T extends string | number>(
  attributes: Record<string, string | number | boolean | undefined>,
  choices: readonly T[],
  selected: T,
  labelOf: (choice: T) => string = String,
): HTMLSelectElement {
  return h(
    'select',
    attributes,
    ...choices.map((choice) =>
      h('option', { value: String(choice), selected: choice === selected }, labelOf(choice)),
    ),
  );
}
