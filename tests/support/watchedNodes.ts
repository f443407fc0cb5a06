/** The nodes a test file started, whose routing errors fail the file (a module without imports: setup files load it everywhere). */
interface Watched {
  url: string;
  routingErrors(): Array<{ queueId: string; message: string }>;
}

export const watchedNodes = new Set<Watched>();

/** The routing passes that failed on these nodes, formatted for an assertion message. */
export function routingErrorsOf(nodes: Iterable<Watched> = watchedNodes): string[] {
  return [...nodes].flatMap((n) => n.routingErrors().map((e) => `${n.url} queue ${e.queueId}: ${e.message}`));
}
