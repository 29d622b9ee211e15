// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeStackTables from './src/lib/markdown/rehype-stack-tables.ts';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from './scripts/static-headers.mjs';

export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  integrations: [svelte(), mdx()],
  markdown: {
    // KaTeX renders math at build time; a typo in a formula fails the build.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [
        [rehypeKatex, { strict: 'error', throwOnError: true }],
        // Wide tables become stacked rows on a phone (src/styles/prose.css).
        rehypeStackTables,
      ],
    }),
    shikiConfig: {
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
    },
  },
  build: {
    // External stylesheets keep style-src free of per-page hashes.
    inlineStylesheets: 'never',
  },
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self' blob: data:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: {
        // tfjs-backend-wasm compiles WebAssembly and, with threads, starts its pthread workers from blob: URLs.
        resources: ["'self'", "'wasm-unsafe-eval'", 'blob:'],
      },
      styleDirective: {
        // KaTeX and Shiki emit inline style attributes; <style> elements stay hashed.
        resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }],
      },
    },
  },
  server: { headers: CROSS_ORIGIN_ISOLATION_HEADERS },
  vite: {
    worker: { format: 'es' },
    // Keep every asset a file: the CSP allows fonts from 'self' only, not data: URIs.
    build: { assetsInlineLimit: 0 },
    optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
  },
});
