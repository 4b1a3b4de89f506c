import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request as the front door sees it: Node's, with the locals handlers share (Express keeps the same object). */
export type DoorRequest = IncomingMessage & { originalUrl?: string };
export type DoorResponse = ServerResponse & { locals?: Record<string, unknown> };

/** Watches a request from its start (its id and log line, metrics, visits), whoever answers it; adds listeners, never answers. */
export type RequestObserver = (req: DoorRequest, res: DoorResponse) => void;

/** Answers a GET or HEAD from memory when it can (resolving true); otherwise the request goes on, untouched. */
export type PageEdge = (req: DoorRequest, res: DoorResponse) => boolean | Promise<boolean>;

/** Headers as `headersSetBy` reads them: set as they are on a response. */
export type HeaderList = ReadonlyArray<readonly [string, string]>;

/**
 * The HTTP server's request listener, in front of the framework: every request is first shown to
 * the observers and given its security headers (`headers(req)`); a GET or HEAD is then offered to
 * the edges (stored storefronts and public pages), which answer from memory; anything else, or an
 * edge that fails, goes to the framework. A stored page thus costs what sending its bytes costs,
 * not a walk through the router, parsers, cookies, CSRF, guards and interceptors.
 */
export function frontDoor(options: {
  observers: RequestObserver[];
  edges: PageEdge[];
  headers: (req: DoorRequest) => HeaderList;
  framework: (req: IncomingMessage, res: ServerResponse) => void;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const offer = async (req: DoorRequest, res: DoorResponse): Promise<boolean> => {
    for (const edge of options.edges) if (await edge(req, res)) return true;
    return false;
  };
  return (req: DoorRequest, res: DoorResponse) => {
    res.locals ??= Object.create(null) as Record<string, unknown>;
    for (const observe of options.observers) observe(req, res);
    for (const [name, value] of options.headers(req)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') return options.framework(req, res);
    offer(req, res).then(
      (answered) => {
        if (!answered) options.framework(req, res);
      },
      // The framework's way reports the failure as the problem it is.
      () => options.framework(req, res),
    );
  };
}

/** The headers a middleware sets on the response to `url` (the security headers), read once by running it against a recorder. */
export function headersSetBy(middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void, url: string): HeaderList {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  middleware({ method: 'GET', url, headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return Object.entries(headers);
}
