/**
 * Zod as the schemas use it: without its JIT, which compiles parsers with `new Function` and so
 * breaks the site's Content-Security-Policy (no 'unsafe-eval'). Every schema imports z from here,
 * so the setting is made before the first schema is built.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
