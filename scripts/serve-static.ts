// Serves dist/ the way a static host should: correct MIME types (application/wasm matters),
// cross-origin isolation headers, the 404 page. Used by `npm run preview`, e2e tests and bench.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from './static-headers.mjs';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml',
};

async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(root, clean);
  if (!candidate.startsWith(root)) return undefined;
  for (const path of [candidate, join(candidate, 'index.html'), `${candidate}.html`]) {
    try {
      if ((await stat(path)).isFile()) return path;
    } catch {
      /* try the next form */
    }
  }
  return undefined;
}

export function serveStatic(rootDir: string, port: number, host = '127.0.0.1'): Promise<Server> {
  const root = resolve(rootDir);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = await resolveFile(root, url.pathname);
    const headers: Record<string, string> = { ...CROSS_ORIGIN_ISOLATION_HEADERS, 'X-Content-Type-Options': 'nosniff' };
    if (!file) {
      const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('Not found'));
      res.writeHead(404, { ...headers, 'Content-Type': MIME['.html']! });
      res.end(notFound);
      return;
    }
    const info = await stat(file);
    const lastModified = info.mtime.toUTCString();
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const immutable = url.pathname.startsWith('/_astro/');
    const caching = {
      ETag: etag,
      'Last-Modified': lastModified,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    // Revalidation like a real host: a second visit gets 304 for unchanged files.
    if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === lastModified)) {
      res.writeHead(304, { ...headers, ...caching });
      res.end();
      return;
    }
    const body = await readFile(file);
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { ...headers, ...caching, 'Content-Type': type, 'Content-Length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((done) => server.listen(port, host, () => done(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env['PORT'] ?? 4321);
  const dir = process.env['DIST_DIR'] ?? 'dist';
  await serveStatic(dir, port);
  console.log(`Serving ${dir}/ at http://127.0.0.1:${port}/`);
}
