// A static server for the local fixture pages, bound to 127.0.0.1 only.
// Paths are files under the pages folder; routes.json maps real-looking paths (an X post's
// /<handle>/status/<id>) to files under tests/fixtures, so a saved site snapshot in
// tests/fixtures/sites is served as it is rather than copied.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** Starts the server; resolves to { origin, close(), requests } once it listens. */
export async function startFixtureServer(root = resolve('tests/fixtures/pages'), port = 0) {
  const fixtures = dirname(root);
  const routesFile = join(root, 'routes.json');
  const routes = existsSync(routesFile) ? JSON.parse(readFileSync(routesFile, 'utf8')) : {};
  const requests = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    const route = routes[url.pathname];
    const base = route ? fixtures : root;
    const file = normalize(join(base, route ?? (url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname)));
    if (!file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
