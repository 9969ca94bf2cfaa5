import fastifyMultipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { DatelineError } from '../../domain/errors.js';
import { configDefaults, normalizeSettings, PINNABLE, type ResolvedSettings, settingsProblems, uploadedLogoPaths } from '../../domain/site-settings.js';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { Role } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import { MAX_LOGO_BYTES, processLogo } from './logo-upload.js';
import { LogoUploadForm, SettingsPatchSchema, SettingsSchema } from './site-settings-schemas.js';

const ADMINS: readonly Role[] = ['admin'];
const denied = { 401: ErrorSchema, 403: ErrorSchema };
const tags = ['settings'];

/**
 * The site's settings: name, description, language, time zone, accent
 * colour, footer links, social accounts and the logo. Admins only. A save
 * is stored in the database and announced through the outbox, so every node
 * shows it on its next page without a restart; fields an environment
 * variable pins are refused with the variable's name.
 */
export async function siteSettingsModule(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  // Only this module's scope parses multipart (the logo upload).
  await fastify.register(fastifyMultipart, { limits: { fileSize: MAX_LOGO_BYTES, files: 1, fields: 0, parts: 1 } });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { store, config } = deps;

  async function view(removed?: string[]) {
    const settings = await store.siteSettings.resolve(configDefaults(config), config.pinnedSettings);
    const logo = settings.logo;
    return {
      settings: pickEditable(settings),
      pinned: settings.pinned.map((field) => ({ field, variable: PINNABLE[field] ?? '' })),
      logo: logo
        ? {
            url: uploadedLogoPaths(logo).masthead,
            type: logo.type,
            width: logo.width,
            height: logo.height,
            iconUrl: uploadedLogoPaths(logo).icon,
          }
        : null,
      ...(removed && { removed }),
    };
  }

  app.get('/settings', { config: { roles: ADMINS }, schema: { tags, summary: 'The site’s settings, and which ones environment variables pin', response: { 200: SettingsSchema, ...denied } } }, async () =>
    view(),
  );

  app.patch(
    '/settings',
    {
      config: { roles: ADMINS },
      schema: {
        tags,
        summary: 'Change site settings',
        description: 'Every field is optional; what is sent is checked as a whole and saved together, then shown on every page of every node at once.',
        body: SettingsPatchSchema,
        response: { 200: SettingsSchema, 400: ErrorSchema, 409: ErrorSchema, ...denied },
      },
    },
    async (request) => {
      const patch = normalizeSettings(request.body);
      const pinnedSent = config.pinnedSettings.filter((field) => field in patch && patch[field] !== undefined);
      if (pinnedSent.length > 0) {
        const names = pinnedSent.map((f) => PINNABLE[f]).join(', ');
        throw new DatelineError('CONFLICT', `${names} ${pinnedSent.length > 1 ? 'are' : 'is'} set on the server, so ${pinnedSent.join(', ')} cannot be changed here.`, {
          hint: `Ask whoever runs the server to unset ${names}, or leave ${pinnedSent.length > 1 ? 'those fields' : 'that field'} as it is.`,
        });
      }
      const problems = settingsProblems(patch);
      const first = Object.values(problems);
      if (first.length > 0) {
        throw new DatelineError('BAD_INPUT', first.join(' '), { hint: 'Correct the fields named and save again; nothing was saved.' });
      }
      await store.siteSettings.save(patch, deps.clock());
      return view();
    },
  );

  app.post(
    '/settings/logo',
    {
      config: { roles: ADMINS },
      validatorCompiler: () => () => true,
      schema: {
        tags,
        summary: 'Upload the site’s logo',
        description: `multipart/form-data with one part “file”: an SVG (sanitized: scripts, event handlers, links and anything outside the file are removed, and listed in \`removed\`) or a PNG, at most ${MAX_LOGO_BYTES / 1024} KB. Used in the masthead, the favicon, feeds and the JSON-LD publisher logo.`,
        consumes: ['multipart/form-data'],
        body: LogoUploadForm,
        response: { 200: SettingsSchema, 400: ErrorSchema, 413: ErrorSchema, ...denied },
      },
    },
    async (request) => {
      let data: Buffer;
      try {
        const part = await request.file();
        if (!part) throw new DatelineError('BAD_INPUT', 'The upload has no file.', { hint: 'Send the logo as multipart/form-data in a part named “file”.' });
        if (part.fieldname !== 'file') throw new DatelineError('BAD_INPUT', `The upload has an unknown part “${part.fieldname}”.`, { hint: 'Send the logo in a part named “file”.' });
        data = await part.toBuffer();
      } catch (error) {
        if (error instanceof DatelineError) throw error;
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new DatelineError('TOO_LARGE', `The logo is larger than ${MAX_LOGO_BYTES / 1024} KB.`, { hint: 'Export it smaller (a logo needs at most 1200 px), or as SVG.' });
        }
        if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
          throw new DatelineError('UNSUPPORTED_TYPE', 'The logo must be sent as multipart/form-data.', { hint: 'Send the file in a part named “file”.' });
        }
        throw new DatelineError('BAD_INPUT', `The upload could not be read (${(error as Error).message}).`, { hint: 'Try the upload again.' });
      }
      const { logo, removed } = await processLogo(data);
      await store.siteSettings.save({ logo }, deps.clock());
      return view(removed);
    },
  );

  app.delete(
    '/settings/logo',
    { config: { roles: ADMINS }, schema: { tags, summary: 'Go back to the drawn default logo', response: { 200: SettingsSchema, ...denied } } },
    async () => {
      await store.siteSettings.save({ logo: null }, deps.clock());
      return view();
    },
  );
}

function pickEditable(settings: ResolvedSettings) {
  const { name, description, language, timeZone, accentColor, footerLinks, social } = settings;
  return { name, description, language, timeZone, accentColor, footerLinks, social };
}
