export interface Route<H> {
  methods: readonly string[];
  /** `/sobjects/:object/:id`; a trailing slash on the request is ignored. */
  template: string;
  handler: H;
}

export type RouteMatch<H> =
  | { kind: 'found'; route: Route<H>; params: Record<string, string> }
  | { kind: 'method-not-allowed'; template: string; allowed: string[] }
  | { kind: 'not-found' };

interface CompiledRoute<H> {
  route: Route<H>;
  pattern: RegExp;
  names: string[];
}

/** Matches method + path against templates in registration order (register specific templates first). */
export class Router<H> {
  private readonly routes: CompiledRoute<H>[] = [];

  add(methods: readonly string[], template: string, handler: H): this {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ route: { methods, template, handler }, pattern: new RegExp(`^${source}/?$`), names });
    return this;
  }

  match(method: string, path: string): RouteMatch<H> {
    const lookup = method === 'HEAD' ? 'GET' : method;
    let allowed: { template: string; methods: Set<string> } | null = null;
    for (const { route, pattern, names } of this.routes) {
      const found = pattern.exec(path);
      if (found === null) continue;
      if (!route.methods.includes(lookup)) {
        allowed ??= { template: route.template, methods: new Set() };
        for (const candidate of route.methods) allowed.methods.add(candidate);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { kind: 'found', route, params };
    }
    if (allowed !== null) {
      const methods = [...allowed.methods];
      if (methods.includes('GET')) methods.unshift('HEAD');
      return { kind: 'method-not-allowed', template: allowed.template, allowed: methods };
    }
    return { kind: 'not-found' };
  }
}
