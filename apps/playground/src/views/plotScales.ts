/** A position scale of an Observable Plot figure: data value -> SVG units, and back. */
export interface PositionScale {
  apply(value: number): number;
  invert?(value: number): number;
}

/** The x and y scales of a Plot figure (`Plot.plot` returns its SVG with a `scale()` method). */
export function scalesOf(plot: SVGSVGElement): { x: PositionScale; y: PositionScale } {
  const withScales = plot as unknown as { scale(name: 'x' | 'y'): PositionScale };
  return { x: withScales.scale('x'), y: withScales.scale('y') };
}

/**
 * Calls `onValue` with the data y of a press in the figure (its own units: CSS may have scaled
 * the drawing). pointerdown, not click: the page may redraw between press and release.
 */
export function onPressY(plot: SVGSVGElement, onValue: (y: number) => void): void {
  plot.style.cursor = 'row-resize';
  plot.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const box = plot.getBoundingClientRect();
    const unitsPerPixel = box.height > 0 ? plot.height.baseVal.value / box.height : 1;
    const y = scalesOf(plot).y.invert?.((event.clientY - box.top) * unitsPerPixel);
    if (y !== undefined && Number.isFinite(y)) onValue(y);
  });
}
