import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  ConfigProblems,
  displayName,
  exampleSchema,
  listYamlNames,
  parseYaml,
  projectPaths,
  suiteSchema,
  type ConfigIssue,
  type Project,
  type SuiteConfig,
} from '../config/index.js';
import { fail } from '../core/errors.js';
import { crossCheck } from './annotations.js';
import { suiteShapeIssues } from './suite-shape.js';
import { duplicateIds, validateSourced, type PlacedExample } from './examples.js';
import { FileReads } from './file-reads.js';
import { importSource } from './import/index.js';
import { parseJsonl } from './jsonl.js';
import { locate, parsePath } from './locate.js';
import { scorerFiles } from './scorer-files.js';
import { splitOf } from './split.js';
import { createToolEnvironment } from './tools.js';
import type { LoadedExample, LoadedSuite } from './types.js';

const looksLikePath = (value: string) => /[\\/]|\.ya?ml$/.test(value);

/** Loads `specs/<name>.yaml`, or the suite file at a path (relative to the working directory). */
export async function loadSuite(project: Project, nameOrPath: string): Promise<LoadedSuite> {
  const path = looksLikePath(nameOrPath) ? resolve(nameOrPath) : projectPaths.suiteFile(project, nameOrPath);
  try {
    await access(path);
  } catch {
    const known = await listYamlNames(projectPaths.specsDir(project));
    fail('ENOT_FOUND', `suite "${nameOrPath}" not found (looked for ${displayName(path, project.root)})`, {
      details: known.length > 0 ? `The suites of this project: ${known.join(', ')}.` : 'This project has no suites yet: add one as specs/<name>.yaml.',
    });
  }
  return loadSuiteFile(path, { displayRoot: project.root });
}

/** Loads the named suites, or every specs/*.yaml when none are named; two suites may not share a name. */
export async function loadSuites(project: Project, names?: string[]): Promise<LoadedSuite[]> {
  const wanted = names && names.length > 0 ? names : await listYamlNames(projectPaths.specsDir(project));
  const suites: LoadedSuite[] = [];
  for (const name of wanted) suites.push(await loadSuite(project, name));
  const seen = new Map<string, string>();
  for (const suite of suites) {
    const other = seen.get(suite.name);
    if (other) fail('ECONFIG', `two suites are named "${suite.name}": ${displayName(other, project.root)} and ${displayName(suite.file, project.root)}`, { details: 'Give each suite file a unique name: field.' });
    seen.set(suite.name, suite.file);
  }
  return suites;
}

/**
 * Reads a suite file and everything it points at, and checks all of it, reporting every
 * problem at once (`file:line: field: problem`). Ids must be unique (EDUPLICATE_ID names both
 * places). The hash covers the suite file and every file read.
 */
export async function loadSuiteFile(path: string, options: { displayRoot?: string } = {}): Promise<LoadedSuite> {
  const file = resolve(path);
  const root = options.displayRoot ?? process.cwd();
  const display = (p: string) => displayName(p, root);
  const suiteFile = display(file);
  const reads = new FileReads(suiteFile);
  const text = await reads.text(file, 'suite');
  const config: SuiteConfig = parseYaml(text, suiteSchema, suiteFile);
  const dir = dirname(file);

  const { placed, issues } = await readExamples(config, { text, dir, suiteFile, reads, display });
  issues.push(...suiteShapeIssues(config, file, placed.length, issues.length > 0, suiteFile, text));
  for (const scorerFile of scorerFiles(config.scorer, dir)) await reads.buffer(scorerFile.path, scorerFile.field);
  const { tools, issues: toolIssues } = await createToolEnvironment({
    tools: config.tools,
    executeByDefault: config.source?.format !== 'bfcl',
    suiteDir: dir,
    suiteFile,
    reads,
    display,
  });
  issues.push(...toolIssues);
  const definitionsOf = (p: PlacedExample) => p.example.tools ?? config.tools?.definitions ?? [];
  issues.push(...crossCheck(config, placed, suiteFile, definitionsOf));
  const duplicates = duplicateIds(placed);
  // Problems found after parsing point into the suite file by field: give them its line too.
  for (const issue of issues) {
    if (issue.file === suiteFile && issue.line === undefined && issue.path) Object.assign(issue, locate(text, parsePath(issue.path)));
  }
  if (issues.length > 0) throw new ConfigProblems([...issues, ...duplicates]);
  if (duplicates.length > 0) {
    const [first, ...rest] = duplicates.map((d) => `${d.file}${d.line === undefined ? '' : `:${d.line}`}: ${d.path}: ${d.message}`);
    fail('EDUPLICATE_ID', first!, { details: [...rest, 'Give every example a unique id.'].join('\n'), data: { issues: duplicates } });
  }

  const examples: LoadedExample[] = placed.map(({ example }) => ({ ...example, suite: config.name, split: splitOf(example.id, config.split) }));
  return { name: config.name, file, dir, hash: reads.digest(), config, examples, tools };
}

interface ReadContext {
  text: string;
  dir: string;
  suiteFile: string;
  reads: FileReads;
  display: (path: string) => string;
}

/** The examples of a suite from wherever they are: inline, a JSON-lines file, or an imported benchmark. */
async function readExamples(config: SuiteConfig, ctx: ReadContext): Promise<{ placed: PlacedExample[]; issues: ConfigIssue[] }> {
  if (config.examples) {
    const placed = config.examples.map((example, index) => ({ example, file: ctx.suiteFile, line: locate(ctx.text, ['examples', index]).line, where: `examples[${index}]` }));
    return { placed, issues: [] };
  }
  if (config.file !== undefined) {
    const path = resolve(ctx.dir, config.file);
    const file = ctx.display(path);
    const { rows, issues } = parseJsonl(await ctx.reads.text(path, 'file'), exampleSchema, file);
    return { placed: rows.map((row) => ({ example: row.value, file, line: row.line, where: `line ${row.line}` })), issues };
  }
  const imported = await importSource(config.source!, { suiteDir: ctx.dir, suiteFile: ctx.suiteFile, reads: ctx.reads, display: ctx.display });
  const validated = validateSourced(imported.examples);
  return { placed: validated.placed, issues: [...imported.issues, ...validated.issues] };
}
