import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, join } from 'node:path';

import { type INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

import { ConsoleConfig } from '@app/config';

/** Paths the API itself answers; everything else a browser asks for as a page is the console's. */
const API_PATHS = /^\/(v1|docs|docs-json|health|metrics)(\/|$)/;
const TARGETS_PATH = /^\/v1\/targets(\/|$)/;

/**
 * The page's Content-Security-Policy: scripts and styles from this origin only (Ant Design writes its styles
 * into <style> elements, hence 'unsafe-inline' for styles), API calls to this origin and, when the console
 * signs in with OpenID Connect, to the identity provider (discovery, token and userinfo endpoints).
 */
export function consoleContentSecurityPolicy(oidcAuthority: string | undefined): string {
  const connect = ["'self'", ...(oidcAuthority ? [new URL(oidcAuthority).origin] : [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** Forwards /v1/targets requests to the targets app as they are (headers, body, status), so the browser sees one origin. */
function forwardTo(upstream: string) {
  const base = new URL(upstream);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  return (request: Request, response: Response, next: NextFunction): void => {
    // The API's body parsers run before any route: when one has read the body, send it on as parsed.
    const consumed = request.complete || request.readableEnded;
    const parsed: unknown = request.body;
    const body = !consumed
      ? undefined
      : Buffer.isBuffer(parsed)
        ? parsed
        : Buffer.from(parsed === undefined ? '' : JSON.stringify(parsed));
    const headers = {
      ...request.headers,
      host: base.host,
      'x-forwarded-for': request.ip ?? '',
      ...(body ? { 'content-length': String(body.length) } : {}),
    };
    const outgoing = send(
      new URL(request.originalUrl, base),
      { method: request.method, headers },
      (incoming) => {
        response.status(incoming.statusCode ?? 502);
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (value !== undefined) response.setHeader(name, value);
        }
        incoming.pipe(response);
      },
    );
    outgoing.on('error', next);
    if (body) outgoing.end(body);
    else request.pipe(outgoing);
  };
}

/** The compressed copies the console's build writes beside its scripts and styles, best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;
/** An asset's own name: no folders, so nothing outside the assets folder is ever looked at. */
const ASSET_NAME = /^\/[\w.-]+\.(js|css)$/;

/**
 * Sends the compressed copy of an asset the browser accepts, when the build wrote one: the request is pointed at
 * the copy, served with the original's type and the encoding named.
 */
function precompressed(assets: string) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!ASSET_NAME.test(request.path)) return next();
    response.setHeader('Vary', 'Accept-Encoding');
    // Ours is the order of preference: browsers list gzip first at equal weight (`gzip, deflate, br, zstd`).
    const chosen = PRECOMPRESSED.find(
      ({ encoding, suffix }) =>
        request.acceptsEncodings(encoding) === encoding && existsSync(join(assets, request.path + suffix)),
    );
    if (chosen) {
      response.setHeader('Content-Encoding', chosen.encoding);
      response.type(extname(request.path));
      request.url = `${request.path}${chosen.suffix}`;
    }
    next();
  };
}

/**
 * Serves the web console (apps/console, built to CONSOLE_DIR) on the API's own origin: its hashed assets with a
 * long cache life, and index.html for every other page a browser asks for (the console routes in the browser).
 * The API's own paths are never shadowed. Registered before the API's routes.
 */
export function setupConsole(app: INestApplication): void {
  const config = app.get(ConsoleConfig);
  if (config.TARGETS_UPSTREAM_URL) {
    const forward = forwardTo(config.TARGETS_UPSTREAM_URL);
    app.use((request: Request, response: Response, next: NextFunction) =>
      TARGETS_PATH.test(request.path) ? forward(request, response, next) : next(),
    );
  }
  const dir = config.CONSOLE_DIR;
  if (!dir || !existsSync(join(dir, 'index.html'))) return;
  const policy = consoleContentSecurityPolicy(config.CONSOLE_OIDC_AUTHORITY);
  const assets = join(dir, 'assets');
  app.use(
    '/assets',
    precompressed(assets),
    express.static(assets, {
      index: false,
      // Set here, not through serve-static's own option, which leaves the API's `no-store` in place.
      cacheControl: false,
      setHeaders: (response) => response.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    const page = (request.method === 'GET' || request.method === 'HEAD') && !API_PATHS.test(request.path);
    if (!page) {
      next();
      return;
    }
    if (request.path !== '/' && /\.[a-z0-9]+$/i.test(request.path)) {
      // A file the console does not have (favicon.ico…): not a page.
      response.status(404).type('text/plain').send('not found');
      return;
    }
    response.setHeader('Content-Security-Policy', policy);
    // Read on each request: a new build in place names new asset files, which an old index.html would miss.
    response.type('html').send(readFileSync(join(dir, 'index.html')));
  });
}
