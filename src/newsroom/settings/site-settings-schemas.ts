import { Type } from 'typebox';
import { LIMITS, SOCIAL_NETWORKS, type SocialNetwork } from '../../domain/site-settings.js';

/** Request and response shapes of the site settings routes. */

const FooterLink = Type.Object({ label: Type.String({ maxLength: 200 }), url: Type.String({ maxLength: LIMITS.url }) }, { additionalProperties: false });
const Social = Type.Object(
  { network: Type.Unsafe<SocialNetwork>(Type.String({ enum: [...SOCIAL_NETWORKS] })), url: Type.String({ maxLength: LIMITS.url }) },
  { additionalProperties: false },
);

const values = {
  name: Type.String({ maxLength: 500 }),
  description: Type.String({ maxLength: 2000 }),
  language: Type.String({ maxLength: 40, description: 'BCP 47, such as en-US or de' }),
  timeZone: Type.String({ maxLength: 60, description: 'IANA name, such as Europe/Berlin' }),
  accentColor: Type.String({ maxLength: 40, description: '#rrggbb, at least 4.5:1 against the page' }),
  footerLinks: Type.Array(FooterLink, { maxItems: 50 }),
  social: Type.Array(Social, { maxItems: 50 }),
};

export const SettingsPatchSchema = Type.Object(
  {
    name: Type.Optional(values.name),
    description: Type.Optional(values.description),
    language: Type.Optional(values.language),
    timeZone: Type.Optional(values.timeZone),
    accentColor: Type.Optional(values.accentColor),
    footerLinks: Type.Optional(values.footerLinks),
    social: Type.Optional(values.social),
  },
  { additionalProperties: false },
);

export const SettingsSchema = Type.Object({
  settings: Type.Object(values),
  pinned: Type.Array(Type.Object({ field: Type.String(), variable: Type.String() }), { description: 'Fields an environment variable sets: the newsroom cannot change them' }),
  logo: Type.Union([
    Type.Object({ url: Type.String(), type: Type.String(), width: Type.Integer(), height: Type.Integer(), iconUrl: Type.String() }),
    Type.Null(),
  ], { description: 'The uploaded logo; null while the site shows its drawn default' }),
  removed: Type.Optional(Type.Array(Type.String(), { description: 'What the logo upload’s SVG sanitizer took out' })),
});

export const LogoUploadForm = Type.Object({ file: Type.Any({ description: 'An SVG or PNG, at most 1 MB' }) });
