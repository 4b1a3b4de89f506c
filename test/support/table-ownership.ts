// Static checks behind test/architecture.e2e-spec.ts: each lib owns its tables (CONTRIBUTING.md "Tables").
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

export interface Ownership {
  tables: readonly string[];
  views: readonly string[];
}

/** Every lib folder under libs/. */
export function libNames(): string[] {
  return readdirSync(join(ROOT, 'libs')).filter((name) => statSync(join(ROOT, 'libs', name)).isDirectory());
}

/** The file a lib declares its tables and public views in. */
export const ownershipFile = (lib: string) => join(ROOT, 'libs', lib, 'src', `${lib}.tables.ts`);

/** Loads every lib's `<lib>.tables.ts` (the single source of who owns what). */
export async function loadOwnership(): Promise<Map<string, Ownership>> {
  const map = new Map<string, Ownership>();
  for (const lib of libNames()) {
    const file = ownershipFile(lib);
    if (!existsSync(file)) throw new Error(`libs/${lib} declares no tables: add ${relative(ROOT, file)} exporting OWNED = { tables, views }`);
    const module = (await import(file)) as { OWNED?: Ownership };
    if (!module.OWNED) throw new Error(`${relative(ROOT, file)} must export OWNED = { tables, views }`);
    map.set(lib, module.OWNED);
  }
  return map;
}

/** relation name → owning lib, tables and views alike; throws when two libs claim one name. */
export function ownerIndex(ownership: Map<string, Ownership>): Map<string, { lib: string; kind: 'table' | 'view' }> {
  const index = new Map<string, { lib: string; kind: 'table' | 'view' }>();
  for (const [lib, owned] of ownership) {
    for (const [kind, names] of [
      ['table', owned.tables],
      ['view', owned.views],
    ] as const) {
      for (const name of names) {
        const previous = index.get(name);
        if (previous) throw new Error(`${kind} ${name} is claimed by both libs/${previous.lib} and libs/${lib}`);
        index.set(name, { lib, kind });
      }
    }
  }
  return index;
}

function walkTs(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walkTs(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Source files of a lib (specs aside). */
export const libSources = (lib: string) => walkTs(join(ROOT, 'libs', lib, 'src'));

export interface Violation {
  file: string;
  line: number;
  name: string;
  lib: string;
  owner: string;
  how: string;
}

export const describeViolation = (v: Violation) => `${v.file}:${v.line} ${v.how} ${v.name}, owned by libs/${v.owner}, from libs/${v.lib}`;

const IDENT = String.raw`"?[A-Za-z_][A-Za-z0-9_]*"?`;
const NAME = new RegExp(String.raw`^\s*(?:ONLY\s+)?(${IDENT}(?:\.${IDENT})?)`);
const ALIAS = new RegExp(String.raw`^\s*(?:AS\s+)?(${IDENT})`);
/**
 * SQL keywords a relation name follows. FROM and JOIN take a comma list (`FROM a x, b y`). Capitals
 * anywhere; any case in a literal that reads as a statement (starts with SELECT, WITH, INSERT…),
 * so English text ("from sellers you manage") is not taken for SQL.
 */
const KEYWORDS = /\b(FROM|JOIN|UPDATE|INTO|USING|TABLE|TRUNCATE|REFERENCES|COPY)\s/g;
const KEYWORDS_ANY_CASE = new RegExp(KEYWORDS.source, 'gi');
const STATEMENT = /^[\s`'"]*(WITH|SELECT|INSERT|UPDATE|DELETE|TRUNCATE)\s/i;
const NOT_ALIAS = new Set([
  'WHERE',
  'ON',
  'JOIN',
  'LEFT',
  'RIGHT',
  'INNER',
  'FULL',
  'CROSS',
  'NATURAL',
  'GROUP',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'SET',
  'USING',
  'WINDOW',
  'HAVING',
  'UNION',
  'RETURNING',
  'FOR',
  'LATERAL',
  'VALUES',
  'DEFAULT',
  'SELECT',
  'AND',
  'OR',
  'WITH',
  'EXCEPT',
  'INTERSECT',
  'TABLESAMPLE',
  'AS',
]);

const unquote = (name: string) => name.replaceAll('"', '');

/** Relation names an SQL text names after FROM, JOIN, UPDATE, INSERT INTO, DELETE FROM…, with their offsets. */
export function relationsInSql(sql: string): { name: string; offset: number }[] {
  const found: { name: string; offset: number }[] = [];
  for (const match of sql.matchAll(STATEMENT.test(sql) ? KEYWORDS_ANY_CASE : KEYWORDS)) {
    const keyword = match[1]!.toUpperCase();
    let at = match.index + match[0].length;
    for (;;) {
      const name = NAME.exec(sql.slice(at));
      if (!name) break;
      const end = at + name[0].length;
      const parts = unquote(name[1]).split('.');
      // `FROM unnest(…)`, `EXTRACT(… FROM now())`: a function, not a relation (INSERT INTO t(cols) is one).
      const isCall = sql[end] === '(' && !['INTO', 'TABLE', 'REFERENCES', 'COPY'].includes(keyword);
      // `a.b` is a relation only as `public.b`; otherwise it is `alias.column` (`IS DISTINCT FROM s.regency`).
      const relation = parts.length === 2 ? (parts[0] === 'public' ? parts[1] : undefined) : parts[0];
      if (!isCall && relation && !NOT_ALIAS.has(relation.toUpperCase())) {
        found.push({ name: relation, offset: at + name[0].length - name[1].length });
      }
      if (keyword !== 'FROM' && keyword !== 'JOIN') break;
      // Skip an alias, then continue on a comma list.
      let next = end;
      const alias = ALIAS.exec(sql.slice(next));
      if (alias && !NOT_ALIAS.has(unquote(alias[1]).toUpperCase())) next += alias[0].length;
      const comma = /^\s*,/.exec(sql.slice(next));
      if (!comma || isCall) break;
      at = next + comma[0].length;
    }
  }
  return found;
}

/** Query-builder and manager methods that take an entity class (or a table name) and touch its table. */
const ENTITY_METHODS = new Set([
  'getRepository',
  'getTreeRepository',
  'withRepository',
  'find',
  'findBy',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findAndCount',
  'findAndCountBy',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'sum',
  'average',
  'minimum',
  'maximum',
  'insert',
  'update',
  'upsert',
  'delete',
  'softDelete',
  'restore',
  'save',
  'remove',
  'softRemove',
  'increment',
  'decrement',
  'create',
  'merge',
  'preload',
  'createQueryBuilder',
  'from',
  'into',
  'innerJoin',
  'leftJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
  'innerJoinAndMapOne',
  'innerJoinAndMapMany',
  'leftJoinAndMapOne',
  'leftJoinAndMapMany',
  'addFrom',
  'InjectRepository',
  'forFeature',
  'ManyToOne',
  'OneToMany',
  'OneToOne',
  'ManyToMany',
]);
/** Of those, the ones whose string argument is a table name (`.from('sellers', 's')`). */
const TABLE_NAME_METHODS = new Set([
  'from',
  'into',
  'innerJoin',
  'leftJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
  'addFrom',
  'getRepository',
  'update',
  'insert',
  'delete',
  'createQueryBuilder',
]);

/** Entity class name → its lib, from every `@Entity(…)` / `@ViewEntity(…)` class in libs. */
export function entityIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const lib of libNames()) {
    for (const file of libSources(lib)) {
      const text = readFileSync(file, 'utf8');
      if (!/@(View)?Entity\(/.test(text)) continue;
      for (const match of text.matchAll(/@(?:View)?Entity\([^)]*\)\s*(?:export\s+)?(?:abstract\s+)?class\s+([A-Za-z0-9_]+)/g)) index.set(match[1], lib);
    }
  }
  return index;
}

const calleeName = (call: ts.CallExpression): string | undefined => {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
};

/**
 * Every reference a lib's source makes to another lib's table: SQL in string and template literals
 * (views the owner declares public are allowed), TypeORM calls given another lib's entity class
 * imported from `#libs/<other>`, and query-builder calls given another lib's table name.
 */
export function findViolations(owners: Map<string, { lib: string; kind: 'table' | 'view' }>, entities: Map<string, string>): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  for (const lib of libNames()) {
    for (const path of libSources(lib)) {
      const file = relative(ROOT, path);
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
      const report = (pos: number, name: string, how: string) => {
        const owner = owners.get(name);
        if (!owner || owner.lib === lib || owner.kind === 'view') return;
        const v = { file, line: lineOf(pos), name, lib, owner: owner.lib, how };
        const key = describeViolation(v);
        if (seen.has(key)) return;
        seen.add(key);
        violations.push(v);
      };
      // Value imports of another lib's entity classes (`import { Seller } from '#libs/sellers'`; `type` imports aside).
      const foreignEntities = new Map<string, string>();
      for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        const from = /^#libs\/([a-z-]+)/.exec(statement.moduleSpecifier.text)?.[1];
        const clause = statement.importClause;
        if (!from || from === lib || !clause || clause.isTypeOnly) continue;
        const bindings = clause.namedBindings;
        if (!bindings || !ts.isNamedImports(bindings)) continue;
        for (const element of bindings.elements) {
          const imported = (element.propertyName ?? element.name).text;
          if (!element.isTypeOnly && entities.get(imported) === from) foreignEntities.set(element.name.text, imported);
        }
      }
      const entityTable = (className: string) => tableOfEntity(className) ?? className;
      const visit = (node: ts.Node) => {
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
          const text = node.getText(source);
          const start = node.getStart(source);
          for (const { name, offset } of relationsInSql(text)) report(start + offset, name, 'SQL names table');
        }
        if (ts.isCallExpression(node)) {
          const method = calleeName(node);
          if (method && ENTITY_METHODS.has(method)) {
            for (const arg of node.arguments) {
              const candidates: ts.Expression[] = ts.isArrayLiteralExpression(arg) ? [...arg.elements] : [arg];
              for (const candidate of candidates) {
                // `() => Seller` in relation decorators
                const value = ts.isArrowFunction(candidate) && !ts.isBlock(candidate.body) ? candidate.body : candidate;
                if (ts.isIdentifier(value) && foreignEntities.has(value.text)) {
                  const className = foreignEntities.get(value.text)!;
                  report(value.getStart(source), entityTable(className), `${method}(${className}) uses entity of table`);
                }
              }
            }
            const first = node.arguments[0];
            if (TABLE_NAME_METHODS.has(method) && first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
              report(first.getStart(source), first.text, `${method}('${first.text}') names table`);
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return violations;
}

let entityTables: Map<string, string> | undefined;
/** Entity class name → table name, from `@Entity('table') export class Name`. */
function tableOfEntity(className: string): string | undefined {
  if (!entityTables) {
    entityTables = new Map();
    for (const lib of libNames()) {
      for (const file of libSources(lib)) {
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/@(?:View)?Entity\(\s*(?:\{[^}]*name:\s*)?'([a-z0-9_]+)'[^)]*\)\s*(?:export\s+)?(?:abstract\s+)?class\s+([A-Za-z0-9_]+)/g)) {
          entityTables.set(match[2], match[1]);
        }
      }
    }
  }
  return entityTables.get(className);
}

/**
 * Files under `apps/<app>/src` that import (directly or through their own relative imports)
 * the web application module, with the chain of imports that reaches it.
 */
export function importsOfWebAppModule(app: string): string[] {
  const target = join(ROOT, 'apps', 'web', 'src', 'app.module.ts');
  const chains: string[] = [];
  const visited = new Set<string>();
  const follow = (file: string, chain: string[]) => {
    if (visited.has(file)) return;
    visited.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const specifiers: string[] = [];
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        if (!(ts.isImportDeclaration(node) && node.importClause?.isTypeOnly)) specifiers.push(node.moduleSpecifier.text);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
        specifiers.push(node.arguments[0].text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.')) continue;
      const resolved = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
      const next = existsSync(resolved) ? resolved : existsSync(`${resolved}.ts`) ? `${resolved}.ts` : existsSync(join(resolved, 'index.ts')) ? join(resolved, 'index.ts') : undefined;
      if (!next) continue;
      const nextChain = [...chain, relative(ROOT, next)];
      if (next === target) chains.push(nextChain.join(' → '));
      else if (next.startsWith(join(ROOT, 'apps'))) follow(next, nextChain);
    }
  };
  for (const file of walkTs(join(ROOT, 'apps', app, 'src'))) follow(file, [relative(ROOT, file)]);
  return chains;
}
