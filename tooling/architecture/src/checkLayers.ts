import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { forbiddenImports, nodePlatformField, spine } from './layerRules.js';

/** One broken rule, with the file and import that broke it. */
export interface LayerViolation {
  readonly rule: 'core' | 'spine' | 'forbidden' | 'app-or-tooling' | 'node-builtin' | 'cycle';
  readonly file: string;
  readonly message: string;
}

interface Workspace {
  readonly group: 'packages' | 'apps' | 'tooling';
  readonly name: string;
  readonly dir: string;
  readonly nodeOnly: boolean;
}

const builtins = new Set(builtinModules);

/** Production sources of a workspace: `src/**.ts` without tests and type tests. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder)) {
      if (entry === 'node_modules' || entry === '__fixtures__') continue;
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry) && !/\.test(-d)?\.tsx?$/.test(entry)) out.push(path);
    }
  };
  if (existsSync(join(dir, 'src'))) walk(join(dir, 'src'));
  return out;
}

/** Module specifiers of every import, export-from and dynamic import in a file. */
export function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  // Comments may quote imports (doc examples); drop them first.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const match of code.matchAll(pattern)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier !== undefined) specifiers.push(specifier);
  }
  return specifiers;
}

function workspaces(root: string): Workspace[] {
  const found: Workspace[] = [];
  for (const group of ['packages', 'apps', 'tooling'] as const) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir)) {
      const manifest = join(groupDir, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as {
        mixkit?: { [nodePlatformField]?: string };
      };
      const nodeOnly = json.mixkit?.[nodePlatformField] === 'node';
      found.push({ group, name, dir: join(groupDir, name), nodeOnly });
    }
  }
  return found;
}

/** Finds the cycles of a directed graph (Tarjan's strongly connected components). */
function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, indices.get(next) ?? 0));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.reverse());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

/**
 * Which packages each package imports in its production sources (not tests), by short name
 * (`em` for `@mixkit/em`): the real dependency graph the root README draws.
 */
export function packageImports(root: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const workspace of workspaces(root).filter((w) => w.group === 'packages')) {
    const uses = new Set<string>();
    for (const file of sourceFiles(workspace.dir)) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const target = /^@mixkit\/([a-z0-9-]+)/.exec(specifier)?.[1];
        if (target !== undefined && target !== workspace.name) uses.add(target);
      }
    }
    graph.set(workspace.name, uses);
  }
  return graph;
}

/**
 * Reads every import of every workspace's production sources under `root` and returns the
 * rules they break (empty when the tree is sound): core imports no sibling; the spine points one
 * way; em imports no family package; packages import no app or tooling; browser packages import
 * no Node built-in; neither packages nor the modules inside a package form a cycle.
 */
export function checkLayers(root: string): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const all = workspaces(root);
  const privateNames = new Set(all.filter((w) => w.group !== 'packages').map((w) => w.name));
  const packageGraph = new Map<string, Set<string>>();
  for (const workspace of all) {
    const moduleGraph = new Map<string, Set<string>>();
    const uses = new Set<string>();
    for (const file of sourceFiles(workspace.dir)) {
      const at = relative(root, file);
      const local = new Set<string>();
      moduleGraph.set(file, local);
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) {
          local.add(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
          continue;
        }
        const bare = specifier.replace(/^node:/, '').split('/')[0] ?? '';
        if (workspace.group === 'packages' && !workspace.nodeOnly) {
          if (specifier.startsWith('node:') || builtins.has(bare)) {
            violations.push({
              rule: 'node-builtin',
              file: at,
              message: `@mixkit/${workspace.name} runs in browsers but imports '${specifier}' (mark a Node-only package with "mixkit": {"platform": "node"})`,
            });
          }
        }
        const match = /^@mixkit\/([a-z0-9-]+)/.exec(specifier);
        if (match === null || match[1] === undefined) continue;
        const target = match[1];
        if (target === workspace.name) continue;
        uses.add(target);
        if (workspace.group !== 'packages') continue;
        if (privateNames.has(target)) {
          violations.push({
            rule: 'app-or-tooling',
            file: at,
            message: `package @mixkit/${workspace.name} imports @mixkit/${target}, an app or tooling workspace`,
          });
        }
        if (workspace.name === 'core') {
          violations.push({
            rule: 'core',
            file: at,
            message: `@mixkit/core imports @mixkit/${target}: core imports no sibling`,
          });
        }
        const from = spine.indexOf(workspace.name);
        const to = spine.indexOf(target);
        if (from >= 0 && to > from) {
          violations.push({
            rule: 'spine',
            file: at,
            message: `@mixkit/${workspace.name} imports @mixkit/${target}: on the spine ${spine.join(' ← ')} a package imports only those below it`,
          });
        }
        if (forbiddenImports[workspace.name]?.includes(target)) {
          violations.push({
            rule: 'forbidden',
            file: at,
            message: `@mixkit/${workspace.name} must not import @mixkit/${target}`,
          });
        }
      }
    }
    packageGraph.set(workspace.name, uses);
    for (const cycle of cycles(moduleGraph)) {
      violations.push({
        rule: 'cycle',
        file: relative(root, cycle[0] ?? workspace.dir),
        message: `import cycle: ${cycle.map((f) => relative(workspace.dir, f)).join(' → ')}`,
      });
    }
  }
  for (const cycle of cycles(packageGraph)) {
    violations.push({
      rule: 'cycle',
      file: 'package.json',
      message: `packages import each other: ${cycle.map((name) => `@mixkit/${name}`).join(' → ')}`,
    });
  }
  return violations;
}
