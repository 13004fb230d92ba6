// A TypeDoc plugin: names each entry point's module after the import path users write
// (`@mixkit/em`, `@mixkit/distributions/testing`) instead of its folder (`em/src`).
import { Converter, ReflectionKind } from 'typedoc';
import { libraryPackages } from './packageEntryPoints.mjs';

/** @param {import('typedoc').Application} app */
export function load(app) {
  const moduleOf = new Map();
  for (const pkg of libraryPackages())
    for (const entry of pkg.entries) moduleOf.set(entry.file, entry.module);
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
    const name = file === undefined ? undefined : moduleOf.get(file);
    if (name !== undefined) reflection.name = name;
  });
}
