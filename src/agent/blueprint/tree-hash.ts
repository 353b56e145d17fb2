import { createHash } from 'node:crypto';
import type { BlueprintFile } from '../types.js';

/**
 * git's tree id of a set of files (SHA-1 object ids, modes 100644 / 100755 / 40000), so a
 * blueprint's hash can be checked against the commit that holds it. Equal trees give equal
 * hashes whatever the order of `files`.
 */
export function gitTreeHash(files: ReadonlyArray<BlueprintFile>): string {
  return writeTree(buildTree(files)).toString('hex');
}

interface Tree {
  files: Map<string, BlueprintFile>;
  dirs: Map<string, Tree>;
}

function buildTree(files: ReadonlyArray<BlueprintFile>): Tree {
  const root: Tree = { files: new Map(), dirs: new Map() };
  for (const file of files) {
    const parts = file.path.split('/');
    const name = parts.pop() as string;
    let node = root;
    for (const part of parts) {
      let child = node.dirs.get(part);
      if (!child) node.dirs.set(part, (child = { files: new Map(), dirs: new Map() }));
      node = child;
    }
    node.files.set(name, file);
  }
  return root;
}

function objectId(type: 'blob' | 'tree', body: Buffer): Buffer {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest();
}

function writeTree(tree: Tree): Buffer {
  const entries: Array<{ sortKey: string; mode: string; name: string; id: Buffer }> = [];
  for (const [name, file] of tree.files) {
    entries.push({ sortKey: name, mode: file.executable ? '100755' : '100644', name, id: objectId('blob', file.content) });
  }
  // git sorts a folder as if its name ended with "/".
  for (const [name, dir] of tree.dirs) entries.push({ sortKey: `${name}/`, mode: '40000', name, id: writeTree(dir) });
  entries.sort((a, b) => Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)));
  const body = Buffer.concat(entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`), e.id]));
  return objectId('tree', body);
}
