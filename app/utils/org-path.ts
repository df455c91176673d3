// Materialized paths of ids: the root is "/1/", its child "/1/7/". A subtree is
// the range [path, upper(path)) on the unique index over OrgUnit.path.

export function childPath(parentPath: string, id: number): string {
  return `${parentPath}${id}/`;
}

export function isInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** The exclusive upper bound of every path that starts with `path` ("/" + 1 = "0"). */
export function subtreeUpperBound(path: string): string {
  return `${path.slice(0, -1)}0`;
}

/** Ids on the way from the root down to the unit itself. */
export function pathIds(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}
