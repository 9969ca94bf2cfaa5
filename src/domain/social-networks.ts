/** The social networks a newsroom can link from its footer (imports nothing: the newsroom app uses it too). */
export const SOCIAL_NETWORKS = ['mastodon', 'bluesky', 'facebook', 'instagram', 'threads', 'x', 'youtube', 'linkedin', 'tiktok', 'whatsapp'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export const SOCIAL_NAMES: Record<SocialNetwork, string> = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  facebook: 'Facebook',
  instagram: 'Instagram',
  threads: 'Threads',
  x: 'X',
  youtube: 'YouTube',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  whatsapp: 'WhatsApp',
};
